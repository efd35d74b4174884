import { errors } from '../../platform/errors.js';
import type { NeedsRepository } from '../needs/needs.repository.js';
import { isPublic } from '../needs/needs.types.js';
import type { NetworksRepository } from '../networks/networks.repository.js';
import { anonymousSubject, type Subject } from '../policy/subject.js';
import { supplierOrganisationIds, type MeetingAccess } from './meetings.access.js';
import { meetingEvent, renderCalendar } from './meetings.ical.js';
import { addressOf } from './meetings.ical.js';
import type { MeetingsRepository } from './meetings.repository.js';
import type { RegistrationsRepository } from './registrations.repository.js';

/** Feeds list meetings that ended at most this long ago. */
const FEED_HISTORY_MS = 365 * 24 * 3600 * 1000;

/**
 * Calendar output: one meeting as a downloadable `.ics` (with the online link for those who
 * take part), and public subscribable feeds per need and per network. Feeds never carry online
 * links: anyone can subscribe to them. Cancelled meetings stay in the feeds with
 * STATUS:CANCELLED so subscribed calendars mark them instead of silently keeping them.
 */
export function createCalendarService(deps: {
  access: MeetingAccess;
  meetings: MeetingsRepository;
  registrations: RegistrationsRepository;
  needs: NeedsRepository;
  networks: NetworksRepository;
  mailFrom: string;
}) {
  const { access, meetings, registrations, needs, networks } = deps;
  const organizerEmail = addressOf(deps.mailFrom);

  return {
    async event(subject: Subject, meetingId: string): Promise<{ filename: string; ics: string }> {
      const loaded = await access.loadVisible(subject, meetingId);
      const [mine] = await registrations.activeFor([meetingId], supplierOrganisationIds(subject));
      const registered = mine?.status === 'registered';
      const slot =
        registered && mine.slotId ? loaded.meeting.slots.find((s) => s.id === mine.slotId) : undefined;
      const event = meetingEvent(loaded.meeting, {
        ...access.mailContext(loaded),
        includeOnlineLink: access.manages(subject, loaded) || registered,
        ...(slot ? { slot } : {}),
      });
      return {
        filename: `mote-${meetingId}.ics`,
        ics: renderCalendar({ method: 'PUBLISH', events: [event] }),
      };
    },

    async needFeed(needId: string): Promise<string> {
      const loaded = await access.loadVisibleNeed(anonymousSubject, needId);
      const list = await meetings.listForNeed(needId, ['scheduled', 'cancelled']);
      const since = Date.now() - FEED_HISTORY_MS;
      const ctx = { ...access.mailContext(loaded), includeOnlineLink: false };
      return renderCalendar({
        method: 'PUBLISH',
        name: `Behovstorget – ${loaded.need.title}`,
        events: list.filter((m) => m.endsAt.getTime() >= since).map((m) => meetingEvent(m, ctx)),
      });
    },

    async networkFeed(networkId: string): Promise<string> {
      const network = await networks.findById(networkId);
      if (!network || network.status !== 'approved') throw errors.notFound('network');
      const list = await meetings.listForNetwork(
        networkId,
        ['scheduled', 'cancelled'],
        new Date(Date.now() - FEED_HISTORY_MS),
      );
      const publicNeeds = new Map(
        (await needs.findByIds([...new Set(list.map((m) => m.needId))]))
          .filter(isPublic)
          .map((n) => [n.id, n]),
      );
      const events = list.flatMap((m) => {
        const need = publicNeeds.get(m.needId);
        if (!need) return [];
        return [
          meetingEvent(m, {
            baseUrl: access.baseUrl,
            needTitle: need.title,
            networkName: network.name,
            organizerEmail,
            includeOnlineLink: false,
          }),
        ];
      });
      return renderCalendar({ method: 'PUBLISH', name: `Behovstorget – ${network.name}`, events });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
