/**
 * Digest periods in Stockholm time: a daily period is the calendar date (`2026-11-23`), a weekly
 * one the ISO week (`2026-W48`). The key names the digest a subscription gets for the period;
 * one delivery per (subscription, key) is the "at most once" rule.
 */
const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function stockholmDate(at: Date): string {
  return dateParts.format(at); // en-CA formats as YYYY-MM-DD
}

export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function periodKey(mode: 'daily' | 'weekly', at: Date): string {
  const date = stockholmDate(at);
  return mode === 'daily' ? date : isoWeek(date);
}
