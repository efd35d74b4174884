import type { OpenDataRepository, PublicNeedRow } from './open-data.repository.js';
/**
 * One definition per column: its name, type and meaning in Swedish and English, and how the value
 * is read from a row. The CSV header, its rows and the dataset's README are all made from these,
 * so the documentation cannot drift from the file.
 */
export interface Text {
  sv: string;
  en: string;
}

export type FieldType =
  'id' | 'text' | 'code' | 'codes' | 'url' | 'datetime' | 'date' | 'integer' | 'decimal';

export interface Field<R> {
  name: string;
  type: FieldType;
  description: Text;
  value: (row: R) => string | number | boolean | Date | null | undefined;
}

export interface Dataset<R> {
  id: string;
  title: Text;
  description: Text;
  fields: Field<R>[];
  rows: () => Promise<R[]>;
}

export const TYPE_NAMES: Record<FieldType, Text> = {
  id: { sv: 'id (24 hexadecimala tecken)', en: 'id (24 hexadecimal characters)' },
  text: { sv: 'text', en: 'text' },
  code: { sv: 'kod', en: 'code' },
  codes: { sv: 'koder, åtskilda med blanksteg', en: 'codes separated by spaces' },
  url: { sv: 'URL', en: 'URL' },
  datetime: { sv: 'tidpunkt, ISO 8601 i UTC', en: 'date and time, ISO 8601 in UTC' },
  date: { sv: 'datum, ÅÅÅÅ-MM-DD', en: 'date, YYYY-MM-DD' },
  integer: { sv: 'heltal', en: 'integer' },
  decimal: { sv: 'decimaltal med punkt', en: 'decimal number with a point' },
};

/** Cell text: dates as ISO 8601 (UTC), empty for missing values. */
export function cell(field: Field<unknown>, row: unknown): string {
  const v = field.value(row);
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return field.type === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
  const text = String(v);
  // As in the attendance CSV: a text a spreadsheet would run as a formula gets a leading apostrophe.
  return field.type === 'text' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** What the dataset definitions share: the reader, the need's page and the repeated columns. */
export interface DatasetKit {
  repo: OpenDataRepository;
  needUrl(id: string): string;
  needRef<R>(need: (r: R) => PublicNeedRow): Field<R>[];
  language<R>(get: (r: R) => string): Field<R>;
  /** The summed demand value when every row with a value uses one currency. */
  demandTotal(need: PublicNeedRow): { amount: number; currency: string } | undefined;
  /** Items as lines of one cell; undefined for none. */
  lines(items: string[]): string | undefined;
}
