/**
 * Swedish decompounding against the hunspell dictionary: "hemtjänst" → hem + tjänst,
 * "skogsbruksplan" → skogsbruk + plan, and skogsbruk → skog + bruk.
 *
 * A split is accepted only when every part is a known word in a position the dictionary allows
 * (the last part must carry the compound-end flag; earlier parts must be compound-begin forms,
 * which include the linking letters: skogs-, tjänste-, vecko-, skol-). Lemmas the dictionary
 * gives no begin form for may take the usual linking (gata → gatu-, kvinna → kvinno-, pojke →
 * pojk-) or none. Parts are at least three letters, the fewest parts win, and the words in
 * `no-split.json` are never split ("verkstad" is not verk + stad).
 */
import { readFileSync } from 'node:fs';
import { lexicon } from './lexicon.js';

const MIN_PART = 3;
const MIN_GUESSED = 4;
const MAX_WORD = 40;
const CACHE_LIMIT = 200_000;
/** Parts shorter than this are not split again: ungdom is not ung + dom, fritid not fri + tid. */
const MIN_INNER = 8;

const noSplit: ReadonlySet<string> = new Set(
  (
    JSON.parse(readFileSync(new URL('./thesaurus/no-split.json', import.meta.url), 'utf8')) as {
      words: string[];
    }
  ).words.map((w) => w.toLowerCase()),
);

/** A dictionary entry that exists only inside compounds (skol, kvinno, tjänste) stands for its word. */
function realLemma(entry: string): string | null {
  const lex = lexicon();
  if (lex.isLemma(entry)) return entry;
  const stem = entry.slice(0, -1);
  for (const candidate of [`${entry}a`, `${stem}a`, `${entry}e`, stem, `${stem}e`]) {
    if (candidate.length >= MIN_PART && lex.isLemma(candidate)) return candidate;
  }
  return null;
}

const pieceCache = new Map<string, { begin: string[]; end: string | null }>();

/** Pieces recur across words (every "-tjänst", every "skogs-"): both lookups are cached. */
function pieceInfo(piece: string): { begin: string[]; end: string | null } {
  let info = pieceCache.get(piece);
  if (!info) {
    info = { begin: beginLemmas(piece), end: endLemma(piece) };
    if (pieceCache.size >= CACHE_LIMIT) pieceCache.clear();
    pieceCache.set(piece, info);
  }
  return info;
}

/** Lemmas a piece stands for at the start or in the middle of a compound. */
function beginLemmas(piece: string): string[] {
  const lex = lexicon();
  const found = new Set<string>();
  for (const entry of lex.beginLemmasOf(piece)) {
    const lemma = realLemma(entry);
    if (lemma) found.add(lemma);
  }
  if (found.size > 0) return [...found];
  // Linking the dictionary does not spell out, for lemmas without begin forms of their own.
  const guesses: string[] = [piece];
  if (piece.endsWith('s')) guesses.push(piece.slice(0, -1));
  if (/[uoe]$/.test(piece)) guesses.push(`${piece.slice(0, -1)}a`);
  guesses.push(`${piece}a`, `${piece}e`);
  // A guessed linking needs a longer piece: "ise" is not isa- in "digitalisering".
  if (piece.length < MIN_GUESSED) return [];
  for (const g of guesses) {
    if (g.length >= MIN_PART && lex.isLemma(g) && !lex.hasBeginForms(g)) found.add(g);
  }
  return [...found];
}

function endLemma(piece: string): string | null {
  const lemmas = lexicon().endLemmasOf(piece);
  if (lemmas.length === 0) return null;
  return lemmas.includes(piece) ? piece : lemmas.sort((a, b) => b.length - a.length)[0]!;
}

export interface CompoundPart {
  /** The part as written in the word (with its linking letters). */
  surface: string;
  /** Its dictionary form: skol → skola, gatu → gata. */
  lemma: string;
}

const cache = new Map<string, CompoundPart[] | null>();

/**
 * The fewest-parts split of a lower-case word, or null when it is not a compound. Of splits with
 * as many parts, the one with the longer first part wins (skogsbruk + plan, not skogs + bruksplan).
 */
export function splitCompound(word: string): CompoundPart[] | null {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const result =
    word.length < 2 * MIN_PART || word.length > MAX_WORD || noSplit.has(word) ? null : search(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

function search(word: string): CompoundPart[] | null {
  const memo = new Map<number, CompoundPart[] | null>();
  // best(i): fewest parts covering word[i..], the last one a compound end.
  function best(i: number): CompoundPart[] | null {
    if (memo.has(i)) return memo.get(i)!;
    let winner: CompoundPart[] | null = null;
    const rest = word.slice(i);
    if (i > 0) {
      const lemma = pieceInfo(rest).end;
      if (lemma) winner = [{ surface: rest, lemma }];
    }
    if (!winner) {
      // Linking changes at most the last two letters of a lemma (gata → gatu, skola → skol), so
      // once no entry starts with the piece minus two letters, no longer piece can be a part.
      const ends: number[] = [];
      for (let j = i + MIN_PART; j <= word.length - MIN_PART; j++) {
        if (!lexicon().hasPrefix(word.slice(i, j - 2))) break;
        ends.push(j);
      }
      for (const j of ends.reverse()) {
        const piece = word.slice(i, j);
        const lemmas = pieceInfo(piece).begin;
        if (lemmas.length === 0) continue;
        const tail = best(j);
        if (!tail) continue;
        const candidate = [
          { surface: piece, lemma: lemmas.sort((a, b) => b.length - a.length)[0]! },
          ...tail,
        ];
        if (!winner || candidate.length < winner.length) winner = candidate;
      }
    }
    memo.set(i, winner);
    return winner;
  }
  const parts = best(0);
  if (!parts) return null;
  // A word the dictionary lists is split in two at most: three short pieces of a listed word
  // are more often a coincidence (digital + ise + ring) than a compound.
  if (parts.length > 2 && lexicon().lemmasOf(word).length > 0) return null;
  // The same word twice ("bilbil") is the dictionary's own CHECKCOMPOUNDDUP rule.
  for (let k = 1; k < parts.length; k++) if (parts[k]!.lemma === parts[k - 1]!.lemma) return null;
  return parts;
}

/** All dictionary forms inside a word, parts of parts included: skogsbruksplan → skogsbruk, skog, bruk, plan. */
export function compoundLemmas(word: string): string[] {
  const parts = splitCompound(word);
  if (!parts) return [];
  const out: string[] = [];
  for (const p of parts) {
    out.push(p.lemma);
    if (p.lemma.length >= MIN_INNER) for (const inner of compoundLemmas(p.lemma)) out.push(inner);
  }
  return [...new Set(out)];
}
