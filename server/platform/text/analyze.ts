/**
 * Index terms of a text and the terms of a query. Both sides go through the same word keys
 * (`word-keys.ts`), so they meet: a document is indexed under every word's key, its compound
 * parts' keys and the thesaurus groups of both; a query word becomes one key — its group's token
 * when it belongs to a group — so a query keeps one term per word and "all words count" still
 * means one thing per word the user typed.
 */
import { lowerWords } from './fold.js';
import { STOP_WORDS } from './stop-words.js';
import { thesaurus } from './thesaurus.js';
import { wordInfo } from './word-keys.js';

const MAX_QUERY_WORDS = 10;

function contentWords(text: string): string[] {
  return lowerWords(text).filter((w) => !STOP_WORDS.has(w));
}

/** Phrase groups found at position i of a key sequence (longest first), with their length. */
function phraseAt(keys: readonly string[], i: number): { group: string; length: number } | undefined {
  for (const p of thesaurus().phrasesStartingWith(keys[i]!)) {
    if (p.keys.every((k, n) => keys[i + n] === k)) return { group: p.group, length: p.keys.length };
  }
  return undefined;
}

/**
 * The normalised index terms of a text: folded lower case words, their Swedish (and for words
 * the dictionary does not know, English) Snowball stems, compound parts and their stems, and
 * thesaurus group tokens; deduplicated, in order of first appearance (a caller that joins the
 * fields most important first keeps that order for Meilisearch's word-position ranking).
 */
export function analyzeText(text: string): string[] {
  const th = thesaurus();
  const out = new Set<string>();
  const words = contentWords(text);
  const keys = words.map((w) => wordInfo(w).key);
  for (let i = 0; i < words.length; i++) {
    const info = wordInfo(words[i]!);
    for (const t of info.terms) out.add(t);
    const group = th.groupOfKey(info.key);
    if (group) out.add(group);
    for (const part of info.partKeys) {
      const partGroup = th.groupOfKey(part);
      if (partGroup) out.add(partGroup);
    }
    const phrase = phraseAt(keys, i);
    if (phrase) out.add(phrase.group);
  }
  return [...out];
}

export interface AnalyzedQuery {
  /** The query's words as typed, lower case, stop words dropped (at most ten). */
  words: string[];
  /** One normalised term per word (a thesaurus phrase counts as one), in query order. */
  terms: string[];
  /**
   * The last word is complete: the dictionary knows it, or the query ended with a space. Its
   * term is then no prefix to expand ("broar" → bro must not find "brott"); an unknown last word
   * may be half typed ("laddinfra").
   */
  lastComplete: boolean;
}

/** A query's original words and its normalised terms (see `analyzeText`). */
export function analyzeQuery(q: string): AnalyzedQuery {
  const th = thesaurus();
  const words = [...new Set(contentWords(q))].slice(0, MAX_QUERY_WORDS);
  const keys = words.map((w) => wordInfo(w).key);
  const terms: string[] = [];
  for (let i = 0; i < keys.length;) {
    const phrase = phraseAt(keys, i);
    if (phrase) {
      terms.push(phrase.group);
      i += phrase.length;
      continue;
    }
    terms.push(th.groupOfKey(keys[i]!) ?? keys[i]!);
    i++;
  }
  const last = words[words.length - 1];
  const lastComplete = last !== undefined && (/\s$/.test(q) || wordInfo(last).known);
  return { words, terms: [...new Set(terms)], lastComplete };
}

/** The terms one word of a text is indexed under (for highlighting and saved-search checks). */
export function wordTerms(word: string): string[] {
  const th = thesaurus();
  const info = wordInfo(word);
  const out = [...info.terms];
  for (const k of [info.key, ...info.partKeys]) {
    const g = th.groupOfKey(k);
    if (g) out.push(g);
  }
  return out;
}

/**
 * The term each content word of a query stands for: a word inside a thesaurus phrase stands for
 * the phrase's group ("swimming pool" → both words badhus), any other its group or key.
 */
export function queryTermsByWord(q: string): Map<string, string> {
  const th = thesaurus();
  const words = contentWords(q);
  const keys = words.map((w) => wordInfo(w).key);
  const out = new Map<string, string>();
  for (let i = 0; i < words.length;) {
    const phrase = phraseAt(keys, i);
    const length = phrase?.length ?? 1;
    for (let n = 0; n < length; n++) {
      const term = phrase?.group ?? th.groupOfKey(keys[i]!) ?? keys[i]!;
      if (!out.has(words[i + n]!)) out.set(words[i + n]!, term);
    }
    i += length;
  }
  return out;
}

/** The term one query word searches for on its own (its group's token, or its key). */
export function wordQueryTerm(word: string): string {
  const key = wordInfo(word).key;
  return thesaurus().groupOfKey(key) ?? key;
}

/**
 * The `terms` field of a search document: the texts' terms, most important text first, space
 * joined. Each text is analysed on its own so that no thesaurus phrase spans two fields.
 */
export function indexTerms(texts: readonly string[]): string {
  const out = new Set<string>();
  for (const text of texts) for (const t of shortTextTerms(text)) out.add(t);
  return [...out].join(' ');
}

// Short texts recur across documents (CPV labels, offering names, keywords): a bulk import of
// profiles analyses each of them once instead of once per profile.
const shortTexts = new Map<string, readonly string[]>();
const SHORT_TEXT = 120;
const SHORT_TEXT_LIMIT = 50_000;

function shortTextTerms(text: string): readonly string[] {
  if (text.length > SHORT_TEXT) return analyzeText(text);
  let terms = shortTexts.get(text);
  if (!terms) {
    terms = analyzeText(text);
    if (shortTexts.size >= SHORT_TEXT_LIMIT) shortTexts.clear();
    shortTexts.set(text, terms);
  }
  return terms;
}
