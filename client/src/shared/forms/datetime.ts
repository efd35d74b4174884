import { timeZone } from '../i18n/format';

/**
 * `<input type="datetime-local">` gives wall-clock time without a zone. Behovstorget's times are
 * Swedish time whoever is looking (and wherever the browser is), so the values are read and
 * written as Europe/Stockholm, and sent to the API as UTC.
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClock(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const get = (type: string) =>
    Number(
      parts
        .formatToParts(ms)
        .find((p) => p.type === type)
        ?.value.replace(/^24$/, '0') ?? 0,
    );
  return {
    y: get('year'),
    mo: get('month'),
    d: get('day'),
    h: get('hour'),
    mi: get('minute'),
    s: get('second'),
  };
}

/** Minutes Stockholm is ahead of UTC at the instant `ms` (60 in winter, 120 in summer). */
function offsetMinutes(ms: number): number {
  const w = wallClock(ms);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2027-03-04T09:00" in Swedish time -> "2027-03-04T08:00:00.000Z"; undefined when not a date-time. */
export function stockholmToIso(local: string): string | undefined {
  const m = localPattern.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Two rounds settle the offset also next to a daylight-saving change.
  let utc = wall - offsetMinutes(wall) * 60_000;
  utc = wall - offsetMinutes(utc) * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An API date-time as the value of a datetime-local input, in Swedish time. */
export function isoToStockholm(iso: string | undefined): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const w = wallClock(ms);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/** "2027-03-04" (date inputs, API dates) – the first ten characters of an API date. */
export function dateOnly(value: string | undefined): string {
  return value ? value.slice(0, 10) : '';
}

export const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
