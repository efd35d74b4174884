import { stringify } from 'csv-stringify/sync';
import type { Organisation } from '../organisations/organisations.repository.js';
import type { Meeting, Registration } from './meetings.types.js';

const HEADER = [
  'organisation',
  'org_number',
  'status',
  'waitlist_position',
  'slot_starts_at',
  'participants',
  'participant_count',
  'registered_at',
  'promoted_at',
  'cancelled_at',
  'attended',
];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with an
 * apostrophe (OWASP "CSV injection"); organisation names and participant names are user input.
 */
function safe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : '');

/**
 * RFC 4180 CSV (comma, CRLF, quoted where needed, header row) with a UTF-8 byte order mark so
 * that spreadsheet programs show å, ä and ö. Times are UTC (ISO 8601).
 */
export function toAttendanceCsv(
  meeting: Meeting,
  registrations: Registration[],
  organisations: Map<string, Pick<Organisation, 'name' | 'orgNumber'>>,
): string {
  let place = 0;
  const rows = registrations.map((r) => {
    const org = organisations.get(r.organisationId);
    const slot = r.slotId ? meeting.slots.find((s) => s.id === r.slotId) : undefined;
    return [
      safe(org?.name ?? ''),
      org?.orgNumber ?? '',
      r.status,
      r.status === 'waitlisted' ? String(++place) : '',
      iso(slot?.startsAt),
      safe(r.participants.map((p) => p.name).join('; ')),
      String(r.participants.length),
      iso(r.confirmedAt),
      iso(r.promotedAt),
      iso(r.cancelledAt),
      r.attended === undefined ? '' : r.attended ? 'yes' : 'no',
    ];
  });
  return stringify([HEADER, ...rows], { record_delimiter: 'windows', bom: true });
}
