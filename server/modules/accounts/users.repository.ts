import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { userModel, type UserDoc } from './user.model.js';

export type Language = 'sv' | 'en';

export interface User {
  id: string;
  email: string;
  passwordHash?: string;
  emailVerifiedAt?: Date;
  isAdmin: boolean;
  language: Language;
  name?: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
}

export interface NewUser {
  email: string;
  passwordHash: string;
  language: Language;
  name?: string;
  emailVerifiedAt?: Date;
  isAdmin?: boolean;
}

export interface UsersRepository {
  create(user: NewUser, tx?: ClientSession): Promise<User>;
  /** Active (not deleted) user by email, case-insensitively. */
  findByEmail(email: string, tx?: ClientSession): Promise<User | undefined>;
  /** Active (not deleted) user by id. */
  findById(id: string, tx?: ClientSession): Promise<User | undefined>;
  /** Active (not deleted) users among `ids`; unknown ids are left out. */
  findByIds(ids: string[]): Promise<User[]>;
  update(
    id: string,
    changes: Partial<Pick<User, 'name' | 'language' | 'passwordHash' | 'isAdmin' | 'emailVerifiedAt'>>,
    tx?: ClientSession,
  ): Promise<User | undefined>;
  /** Sets emailVerifiedAt unless already set; returns the user. */
  markVerified(id: string, at: Date, tx?: ClientSession): Promise<User | undefined>;
  /** Removes personal data and marks the account deleted; the id stays valid for references. */
  anonymise(id: string, at: Date, tx: ClientSession): Promise<void>;
  /** The stored document as it is, for the personal-data export. */
  rawById(id: string): Promise<Record<string, unknown> | undefined>;
  count(): Promise<number>;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toUser(doc: UserDoc): User {
  return {
    id: String(doc._id),
    email: doc.email,
    passwordHash: doc.passwordHash ?? undefined,
    emailVerifiedAt: doc.emailVerifiedAt ?? undefined,
    isAdmin: doc.isAdmin,
    language: doc.language,
    name: doc.name ?? undefined,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    deletedAt: doc.deletedAt ?? undefined,
  };
}

const active = { deletedAt: { $exists: false } };

export function createUsersRepository(connection: Connection): UsersRepository {
  const model = userModel(connection);
  const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});
  return {
    async create(user, tx) {
      const [doc] = await model.create([{ ...user, email: normaliseEmail(user.email) }], opts(tx));
      return toUser(doc!.toObject());
    },
    async findByEmail(email, tx) {
      const doc = await model
        .findOne(
          { email: normaliseEmail(email), deletedAt: mongoose.trusted(active.deletedAt) },
          null,
          opts(tx),
        )
        .lean<UserDoc>();
      return doc ? toUser(doc) : undefined;
    },
    async findById(id, tx) {
      if (!mongoose.isValidObjectId(id)) return undefined;
      const doc = await model
        .findOne({ _id: id, deletedAt: mongoose.trusted(active.deletedAt) }, null, opts(tx))
        .lean<UserDoc>();
      return doc ? toUser(doc) : undefined;
    },
    async findByIds(ids) {
      const valid = [...new Set(ids)].filter((id) => mongoose.isValidObjectId(id));
      if (valid.length === 0) return [];
      const docs = await model
        .find({ _id: mongoose.trusted({ $in: valid }), deletedAt: mongoose.trusted(active.deletedAt) })
        .lean<UserDoc[]>();
      return docs.map(toUser);
    },
    async update(id, changes, tx) {
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, 1> = {};
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (value === null || value === '') $unset[key] = 1;
        else $set[key] = value;
      }
      const doc = await model
        .findOneAndUpdate(
          { _id: id, deletedAt: mongoose.trusted(active.deletedAt) },
          {
            ...(Object.keys($set).length ? { $set } : {}),
            ...(Object.keys($unset).length ? { $unset } : {}),
          },
          { returnDocument: 'after', ...opts(tx) },
        )
        .lean<UserDoc>();
      return doc ? toUser(doc) : undefined;
    },
    async markVerified(id, at, tx) {
      await model.updateOne(
        { _id: id, emailVerifiedAt: mongoose.trusted({ $exists: false }) },
        { $set: { emailVerifiedAt: at } },
        opts(tx),
      );
      return this.findById(id, tx);
    },
    async anonymise(id, at, tx) {
      await model.updateOne(
        { _id: id },
        {
          // A placeholder keeps the unique index happy and frees the real address for a new account.
          $set: { email: `deleted-${id}@deleted.invalid`, deletedAt: at, isAdmin: false },
          $unset: { passwordHash: 1, name: 1, emailVerifiedAt: 1 },
        },
        { session: tx },
      );
    },
    async rawById(id) {
      const doc = await model.findById(id).lean<UserDoc>();
      if (!doc) return undefined;
      const { passwordHash: _hash, ...rest } = doc;
      return rest as Record<string, unknown>;
    },
    count: () => model.countDocuments(),
  };
}
