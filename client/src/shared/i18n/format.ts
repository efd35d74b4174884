import type { Language } from './index';

/** Everything is stored in UTC and shown in Swedish time, whoever is looking. */
export const timeZone = 'Europe/Stockholm';

const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

export function localeFor(language: Language): string {
  return locales[language];
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], { timeZone, ...options });
    cache.set(key, format);
  }
  return format;
}

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locales[language], options);
    cache.set(key, format);
  }
  return format;
}

function toDate(value: string | number | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "21 nov. 2026" / "21 Nov 2026". An unparseable value is returned as is rather than "Invalid Date". */
export function formatDate(value: string | number | Date, language: Language): string {
  const date = toDate(value);
  return date ? dateFormat(language, { dateStyle: 'medium' }).format(date) : String(value);
}

/** "21 november 2026" / "21 November 2026". */
export function formatLongDate(value: string | number | Date, language: Language): string {
  const date = toDate(value);
  return date ? dateFormat(language, { dateStyle: 'long' }).format(date) : String(value);
}

/** "21 nov. 2026 09:30" / "21 Nov 2026, 09:30" in Swedish time. */
export function formatDateTime(value: string | number | Date, language: Language): string {
  const date = toDate(value);
  return date
    ? dateFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
    : String(value);
}

/** A machine-readable value for `<time dateTime>`. */
export function isoDate(value: string | number | Date): string | undefined {
  return toDate(value)?.toISOString();
}

/** "1 250 000 kr" / "SEK 1,250,000". Amounts are in major units (kronor, not öre). */
export function formatMoney(amount: number, language: Language, currency = 'SEK'): string {
  const whole = Number.isInteger(amount);
  return numberFormat(language, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(amount);
}

export function formatNumber(value: number, language: Language): string {
  return numberFormat(language, {}).format(value);
}
