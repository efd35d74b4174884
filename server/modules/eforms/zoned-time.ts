/** eForms dates and times carry a zone offset; ours are shown in Europe/Stockholm. */
const ZONE = 'Europe/Stockholm';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function local(at: Date) {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const wallUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  const offsetMin = Math.round((wallUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, offset };
}

/** `2026-12-04+01:00` (xsd:date with the Stockholm offset of that moment). */
export function zonedDate(at: Date): string {
  const l = local(at);
  return `${l.date}${l.offset}`;
}

/** `09:30:00+01:00`. */
export function zonedTime(at: Date): string {
  const l = local(at);
  return `${l.time}${l.offset}`;
}

/** `4 december 2026 09:30` / `4 December 2026 09:30` for free text (BT-300). */
export function humanDateTime(at: Date, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);
}
