/**
 * What organisations and networks need to know about users (recipients of emails, people to add
 * as members). Implemented over the accounts module's users repository in server/routes.ts.
 */
export interface DirectoryUser {
  id: string;
  email: string;
  name?: string;
  language: 'sv' | 'en';
  emailVerified: boolean;
}

export interface UserDirectory {
  /** Active users among `ids` (deleted accounts are left out). */
  findByIds(ids: string[]): Promise<DirectoryUser[]>;
  findByEmail(email: string): Promise<DirectoryUser | null>;
}

interface UserRecord {
  id: string;
  email: string;
  name?: string;
  language: 'sv' | 'en';
  emailVerifiedAt?: Date;
}

/** Adapts a users repository (findById, findByEmail) to the directory. */
export function userDirectoryFrom(users: {
  findById(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
}): UserDirectory {
  const toDirectoryUser = (u: UserRecord): DirectoryUser => ({
    id: u.id,
    email: u.email,
    name: u.name,
    language: u.language,
    emailVerified: u.emailVerifiedAt !== undefined,
  });
  return {
    async findByIds(ids) {
      const found = await Promise.all([...new Set(ids)].map((id) => users.findById(id)));
      return found.filter((u): u is UserRecord => u !== undefined).map(toDirectoryUser);
    },
    async findByEmail(email) {
      const user = await users.findByEmail(email);
      return user ? toDirectoryUser(user) : null;
    },
  };
}
