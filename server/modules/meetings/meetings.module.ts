import type { Deps } from '../../platform/deps.js';
import { createOutbox } from '../../platform/outbox/outbox.js';
import { createUsersRepository } from '../accounts/users.repository.js';
import { createAuditService } from '../audit/audit.service.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import { createNetworksRepository } from '../networks/networks.repository.js';
import { createEmailService } from '../notifications/email.service.js';
import { createOrganisationsRepository } from '../organisations/organisations.repository.js';
import type { Authorizer } from '../policy/guards.js';
import { calendarRoutes } from './calendar.routes.js';
import { createCalendarService } from './calendar.service.js';
import { createMeetingAccess } from './meetings.access.js';
import { meetingsPersonalData } from './meetings.personal-data.js';
import { createMeetingsRepository } from './meetings.repository.js';
import { meetingsRoutes } from './meetings.routes.js';
import { createMeetingsService } from './meetings.service.js';
import { createRegistrationsRepository } from './registrations.repository.js';
import { registrationsRoutes } from './registrations.routes.js';
import { createRegistrationsService } from './registrations.service.js';
import { createWaitlist } from './waitlist.js';

/** Dialogue meetings: scheduling, registration with waitlist, calendars, summaries; wired. */
export function createMeetingsModule(deps: Pick<Deps, 'mongo' | 'config'>, authorizer: Authorizer) {
  const { mongo, config } = deps;
  const meetings = createMeetingsRepository(mongo);
  const registrations = createRegistrationsRepository(mongo);
  const needs = createNeedsRepository(mongo);
  const networks = createNetworksRepository(mongo);
  const organisations = createOrganisationsRepository(mongo);
  const users = createUsersRepository(mongo);
  const outbox = createOutbox(mongo);
  const emails = createEmailService({ mongo, outbox });
  const audit = createAuditService(mongo);
  const access = createMeetingAccess({ config, needs, networks, meetings });
  const waitlist = createWaitlist({ meetings, registrations, users, emails });
  const service = createMeetingsService({
    mongo,
    meetings,
    registrations,
    outbox,
    authorizer,
    access,
    waitlist,
    audit,
  });
  const registrationsService = createRegistrationsService({
    mongo,
    meetings,
    registrations,
    organisations,
    users,
    outbox,
    authorizer,
    access,
    waitlist,
    audit,
  });
  const calendar = createCalendarService({
    access,
    meetings,
    registrations,
    needs,
    networks,
    mailFrom: config.MAIL_FROM,
  });
  return {
    repositories: { meetings, registrations },
    service,
    registrations: registrationsService,
    calendar,
    access,
    personalData: meetingsPersonalData({ registrations, users }),
    endpoints: [
      ...meetingsRoutes({ service, authorizer }),
      ...registrationsRoutes({ service: registrationsService, authorizer }),
      ...calendarRoutes({ service: calendar, authorizer }),
    ],
  };
}

export type MeetingsModule = ReturnType<typeof createMeetingsModule>;
