import type { ClientSession } from 'mongoose';
import type { EmailService } from '../notifications/email.service.js';
import type { MembershipsRepository } from './organisations.repository.js';
import type { UserDirectory } from './user-directory.js';

export interface OwnerEmail {
  organisationId: string;
  template: string;
  /** Identifies the event; the recipient is appended, so each owner gets it at most once. */
  eventKey: string;
  data: Record<string, unknown>;
}

export interface OwnerNotifier {
  /** Queues an email to every owner of each organisation, in the caller's transaction. */
  notify(tx: ClientSession, emails: OwnerEmail[]): Promise<void>;
}

export function createOwnerNotifier(deps: {
  memberships: MembershipsRepository;
  users: UserDirectory;
  emails: EmailService;
}): OwnerNotifier {
  return {
    async notify(tx, emails) {
      const requests = [];
      for (const email of emails) {
        const owners = await deps.users.findByIds(await deps.memberships.ownerIds(email.organisationId, tx));
        for (const owner of owners) {
          requests.push({
            key: `${email.eventKey}.${owner.id}`,
            to: owner.email,
            userId: owner.id,
            template: email.template,
            locale: owner.language,
            data: email.data,
          });
        }
      }
      await deps.emails.queue(tx, requests);
    },
  };
}
