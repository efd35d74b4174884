import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';

/**
 * Reading import files into raw rows, each with the position to name in error messages.
 * Nothing is validated here beyond the file's own syntax: rows go through the same zod schema
 * as the API (suppliers-import.ts).
 *
 * Formats:
 *  - JSON: an array of profile objects (shaped like the `PUT /api/organisations/:id/profile`
 *    body plus `orgNumber`, `country`, `organisationName`); positions are record numbers.
 *  - NDJSON (`.ndjson`, `.jsonl`, or a `.json` file that does not start with `[`): one object a
 *    line; positions are line numbers.
 *  - CSV (`,` `;` or tab separated, detected from the header; UTF-8, BOM allowed): one profile a
 *    row, the columns in `CSV_COLUMNS`. Lists are separated by `|` (or `;` in comma-separated
 *    files); offerings are `type:name` (type product, service or capability; plain names are
 *    services); references are `buyer name (year)`; one contact person per row in the
 *    `contact*` columns; `references` and `contacts` may instead hold a JSON array.
 */
export interface RawRow {
  /** 1-based line of the row in the file (CSV, NDJSON) or record number (JSON array). */
  line: number;
  data: Record<string, unknown>;
  /** Set when the row itself is unreadable (not JSON, not an object). */
  error?: string;
}

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export const CSV_COLUMNS = [
  'orgNumber',
  'country',
  'organisationName',
  'name',
  'pitch',
  'description',
  'offerings',
  'cpvCodes',
  'regions',
  'companySize',
  'foundedYear',
  'employeesBand',
  'languages',
  'website',
  'logoUrl',
  'references',
  'certifications',
  'keywords',
  'publicProfile',
  'contacts',
  'contactName',
  'contactRole',
  'contactEmail',
  'contactPhone',
  'contactConsent',
] as const;

const CODE_LIST = /[|;,\s]+/;
const yes = new Set(['true', 'yes', 'ja', 'y', 'j', '1', 'x']);
const no = new Set(['false', 'no', 'nej', 'n', '0', '']);

function textList(value: string, separator: RegExp): string[] {
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

function jsonOr<T>(value: string, otherwise: () => T): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith('[')) return otherwise();
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    // Leave it to the schema to report: the cell is not the list it claims to be.
    return trimmed;
  }
}

function booleanCell(value: string): boolean | string {
  const v = value.trim().toLowerCase();
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  return value;
}

/** One CSV record (strings by column) as the JSON shape of an import row. */
export function csvRecordToRow(
  record: Record<string, string | undefined>,
  listSeparator: RegExp,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const cell = (name: string) => {
    const v = record[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  for (const field of [
    'orgNumber',
    'country',
    'organisationName',
    'name',
    'pitch',
    'description',
    'companySize',
    'employeesBand',
    'website',
    'logoUrl',
  ]) {
    const v = cell(field);
    if (v !== undefined) row[field] = field === 'country' ? v.trim().toUpperCase() : v;
  }
  const year = cell('foundedYear');
  if (year !== undefined) row.foundedYear = /^\s*\d+\s*$/.test(year) ? Number(year) : year;
  for (const field of ['cpvCodes', 'regions', 'languages']) {
    const v = cell(field);
    if (v !== undefined) row[field] = textList(v, CODE_LIST);
  }
  for (const field of ['certifications', 'keywords']) {
    const v = cell(field);
    if (v !== undefined) row[field] = textList(v, listSeparator);
  }
  const offerings = cell('offerings');
  if (offerings !== undefined) {
    row.offerings = jsonOr(offerings, () =>
      textList(offerings, listSeparator).map((item) => {
        const m = /^(product|service|capability)\s*:\s*(.+)$/i.exec(item);
        return m ? { type: m[1]!.toLowerCase(), name: m[2]! } : { type: 'service', name: item };
      }),
    );
  }
  const references = cell('references');
  if (references !== undefined) {
    row.references = jsonOr(references, () =>
      textList(references, listSeparator).map((item) => {
        const m = /^(.+?)\s*\(?\s*(\d{4})\s*\)?$/.exec(item);
        return m ? { buyerName: m[1]!, year: Number(m[2]) } : { buyerName: item, year: Number.NaN };
      }),
    );
  }
  const publicProfile = cell('publicProfile');
  if (publicProfile !== undefined) row.publicProfile = booleanCell(publicProfile);
  const contacts = cell('contacts');
  if (contacts !== undefined) row.contacts = jsonOr(contacts, () => contacts);
  const contactName = cell('contactName');
  const contactEmail = cell('contactEmail');
  if (contactName !== undefined || contactEmail !== undefined) {
    const contact: Record<string, unknown> = { name: contactName ?? '', email: contactEmail ?? '' };
    const role = cell('contactRole');
    const phone = cell('contactPhone');
    if (role !== undefined) contact.role = role;
    if (phone !== undefined) contact.phone = phone;
    contact.consent = booleanCell(cell('contactConsent') ?? '');
    row.contacts = [...(Array.isArray(row.contacts) ? (row.contacts as unknown[]) : []), contact];
  }
  return row;
}

async function firstChars(path: string, n: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

async function* readCsv(path: string): AsyncGenerator<RawRow> {
  const head = (await firstChars(path, 64 * 1024)).split(/\r?\n/)[0] ?? '';
  const counts = { ',': head.split(',').length, ';': head.split(';').length, '\t': head.split('\t').length };
  const delimiter = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] as ',' | ';' | '\t';
  const listSeparator = delimiter === ',' ? /[|;]/ : /\|/;
  const parser = createReadStream(path).pipe(
    parseCsv({
      delimiter,
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        const unknown = names.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
        if (unknown.length > 0) {
          throw new ImportFileError(
            `Unknown column(s): ${unknown.join(', ')}. Known columns: ${CSV_COLUMNS.join(', ')}.`,
          );
        }
        if (!names.includes('orgNumber')) throw new ImportFileError('The file has no orgNumber column.');
        return names;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      raw: true,
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string>;
      raw: string;
      info: { lines: number };
    }>) {
      // info.lines is where the record ends; a quoted cell may span lines, so count back.
      const span =
        item.raw
          .replace(/^[\r\n]+/, '')
          .replace(/\r?\n$/, '')
          .split('\n').length - 1;
      yield { line: item.info.lines - span, data: csvRecordToRow(item.record, listSeparator) };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const cause = err as { code?: string; lines?: number; message: string };
    if (cause.code?.startsWith('CSV_'))
      throw new ImportFileError(`CSV syntax error near line ${cause.lines ?? '?'}: ${cause.message}`);
    throw err;
  }
}

async function* readNdjson(path: string): AsyncGenerator<RawRow> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch {
      yield { line, data: {}, error: 'The line is not valid JSON.' };
      continue;
    }
    yield isRecord(data) ? { line, data } : { line, data: {}, error: 'The line is not a JSON object.' };
  }
}

async function* readJsonArray(path: string): AsyncGenerator<RawRow> {
  const { readFile } = await import('node:fs/promises');
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError(`The file is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed))
    throw new ImportFileError('A JSON file must hold an array of profiles (or use NDJSON).');
  for (const [i, data] of parsed.entries()) {
    yield isRecord(data)
      ? { line: i + 1, data }
      : { line: i + 1, data: {}, error: 'The record is not a JSON object.' };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type ImportFormat = 'csv' | 'json' | 'ndjson';

export async function detectFormat(path: string): Promise<ImportFormat> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json'))
    return (await firstChars(path, 1024)).trimStart().startsWith('[') ? 'json' : 'ndjson';
  throw new ImportFileError('Unknown file type: use .csv, .json, .ndjson or .jsonl.');
}

/** The rows of an import file, in file order. Throws ImportFileError when the file as a whole is unusable. */
export async function* readImportFile(path: string, format?: ImportFormat): AsyncGenerator<RawRow> {
  const kind = format ?? (await detectFormat(path));
  if (kind === 'csv') yield* readCsv(path);
  else if (kind === 'ndjson') yield* readNdjson(path);
  else yield* readJsonArray(path);
}
