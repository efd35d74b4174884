import { parse } from 'csv-parse/sync';
import { toAttendanceCsv } from '../../server/modules/meetings/attendance.csv.js';
import { createKeyedLimiter } from '../../server/modules/meetings/keyed-limiter.js';
import { reminderDelay } from '../../server/modules/meetings/meetings.events.js';
import { addressOf, meetingEvent, renderCalendar } from '../../server/modules/meetings/meetings.ical.js';
import type { Meeting, Registration } from '../../server/modules/meetings/meetings.types.js';
import { formatWhen } from '../../server/modules/meetings/meetings.emails.js';
import { parseCalendar } from '../helpers/meetings.js';

const meeting = (overrides: Partial<Meeting> = {}): Meeting => ({
  id: '665f1c2b9d3e4a0012345678',
  needId: '665f1c2b9d3e4a0012345679',
  networkId: '665f1c2b9d3e4a001234567a',
  kind: 'information_meeting',
  status: 'scheduled',
  title: 'Informationsmöte; del 1, "öppet"',
  agenda: 'Presentation\nFrågor',
  format: 'hybrid',
  address: 'Stadshuset, Växjö',
  onlineUrl: 'https://meet.example.se/abc',
  startsAt: new Date('2026-12-01T09:00:00Z'),
  endsAt: new Date('2026-12-01T11:00:00Z'),
  capacity: 10,
  slots: [],
  maxParticipantsPerSupplier: 2,
  registrationDeadline: new Date('2026-11-28T12:00:00Z'),
  registrationQuestions: [],
  language: 'sv',
  inviteMinScore: 0.5,
  sequence: 3,
  confirmedCount: 0,
  waitlistSeq: 0,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...overrides,
});

const context = {
  baseUrl: 'https://behovstorget.se',
  needTitle: 'Fossilfria resor',
  networkName: 'Smålandsnätverket',
  organizerEmail: 'no-reply@behovstorget.se',
};

describe('meeting calendar events', () => {
  it('when rendered and parsed back, then UID, SEQUENCE, times, URL and escaped text survive', () => {
    const ics = renderCalendar({
      method: 'REQUEST',
      events: [meetingEvent(meeting(), { ...context, includeOnlineLink: true })],
    });

    const parsed = parseCalendar(ics);

    expect(parsed.method).toBe('REQUEST');
    const event = parsed.events[0]!;
    expect(event.uid).toBe('meeting-665f1c2b9d3e4a0012345678@behovstorget.se');
    expect(Number(event.sequence)).toBe(3);
    expect(event.summary).toBe('Informationsmöte; del 1, "öppet"');
    expect(event.start.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(String(event.location)).toBe('Stadshuset, Växjö / https://meet.example.se/abc');
    expect(JSON.stringify(event.url)).toContain('https://behovstorget.se/behov/665f1c2b9d3e4a0012345679');
    expect(JSON.stringify(event.organizer)).toContain('mailto:no-reply@behovstorget.se');
  });

  it('when the reader is not registered, then the online link is left out; a cancelled meeting is CANCELLED', () => {
    const ics = renderCalendar({
      method: 'CANCEL',
      events: [meetingEvent(meeting({ status: 'cancelled' }), { ...context, includeOnlineLink: false })],
    });

    expect(ics).not.toContain('meet.example.se');
    expect(parseCalendar(ics).events[0]!.status).toBe('CANCELLED');
  });

  it('when MAIL_FROM has a display name, then the organizer address is its address part', () => {
    expect(addressOf('Behovstorget <no-reply@behovstorget.se>')).toBe('no-reply@behovstorget.se');
    expect(addressOf('kontakt@example.se')).toBe('kontakt@example.se');
  });

  it('when times are shown, then they are in Swedish time (CET/CEST)', () => {
    expect(formatWhen('2026-12-01T09:00:00Z', '2026-12-01T11:00:00Z', 'sv')).toBe(
      'tisdag 1 december 2026 10:00–12:00 (svensk tid)',
    );
    expect(formatWhen('2026-06-01T09:00:00Z', '2026-06-01T10:00:00Z', 'en')).toContain(
      '11:00–12:00 (Swedish time)',
    );
  });
});

describe('meeting reminders', () => {
  it('when the meeting is days away, then the reminder waits until 24 hours before; when it is less than a day away, until 2 hours before', () => {
    const now = Date.parse('2026-11-20T09:00:00Z');

    expect(reminderDelay(new Date('2026-11-23T09:00:00Z'), now)).toBe(2 * 24 * 3600 * 1000);
    expect(reminderDelay(new Date('2026-11-20T20:00:00Z'), now)).toBe(9 * 3600 * 1000);
    expect(reminderDelay(new Date('2026-11-20T10:00:00Z'), now)).toBe(0);
  });
});

describe('attendance CSV', () => {
  it('when names hold commas, quotes or formulas, then the CSV quotes them and defuses formulas', () => {
    const registration: Registration = {
      id: 'r1',
      meetingId: 'm',
      needId: 'n',
      networkId: 'w',
      organisationId: 'o1',
      userId: 'u',
      status: 'registered',
      participants: [{ name: '@Ada' }, { name: 'Bo "B" Berg' }],
      answers: [],
      attended: false,
      confirmedAt: new Date('2026-11-01T10:00:00Z'),
      createdAt: new Date(),
    };

    const csv = toAttendanceCsv(
      meeting(),
      [registration],
      new Map([['o1', { name: '+Bygg, AB', orgNumber: '556677-8899' }]]),
    );
    const rows = parse(csv, { bom: true }) as string[][];

    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(rows[1]).toEqual([
      "'+Bygg, AB",
      '556677-8899',
      'registered',
      '',
      '',
      '\'@Ada; Bo "B" Berg',
      '2',
      '2026-11-01T10:00:00.000Z',
      '',
      '',
      'no',
    ]);
  });
});

describe('keyed limiter', () => {
  it('when many tasks share a key, then at most the limit run at once, in arrival order; other keys are not held up', async () => {
    const run = createKeyedLimiter(2);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      active += 1;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
      return i;
    };

    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => run('a', task(i))),
      run('b', task(99)),
    ]);

    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 99]);
    expect(most).toBeLessThanOrEqual(3);
    expect(started.filter((i) => i !== 99)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(started.indexOf(99)).toBeLessThan(3);
  });

  it('when a task fails, then its place goes to the next one', async () => {
    const run = createKeyedLimiter(1);

    const failed = run('k', async () => {
      throw new Error('boom');
    });
    const next = run('k', async () => 'ok');

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
