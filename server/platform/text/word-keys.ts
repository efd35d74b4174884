/**
 * What one word stands for in the index: its key (the one normalised form a query word is
 * turned into) and the terms a document containing it is indexed under. Cached per word: the
 * same few thousand words make up most texts.
 */
import { compoundLemmas, splitCompound } from './decompound.js';
import { foldText } from './fold.js';
import { lexicon } from './lexicon.js';
import { stemEn, stemSv } from './stem.js';

export interface WordInfo {
  /** Folded Snowball stem of the word's dictionary form (Swedish), or its English stem. */
  key: string;
  /** Keys of the compound's parts, parts of parts included. */
  partKeys: string[];
  /** Every form the word is indexed under except group keys: key, folded word, stems, parts. */
  terms: string[];
  /** The dictionary knows the word (or its parts): it is complete, not the start of one. */
  known: boolean;
}

const cache = new Map<string, WordInfo>();
const CACHE_LIMIT = 200_000;

/**
 * The key of a dictionary form is the form itself, folded: the dictionary already joins the
 * inflections (skolor → skola, broar → bro). A Snowball stem on top would also join different
 * words (lime and lim, matta and matt), so stems are extra index terms, never keys.
 */
export const lemmaKey = (lemma: string): string => foldText(lemma);

/** Words the dictionary does not know: Swedish Snowball when the word has å, ä or ö, else English. */
const unknownKey = (word: string): string => foldText(/[åäö]/.test(word) ? stemSv(word) : stemEn(word));

function dictionaryForm(word: string): string | null {
  const lemmas = lexicon().lemmasOf(word);
  if (lemmas.length > 0) return lemmas.includes(word) ? word : lemmas.sort((a, b) => b.length - a.length)[0]!;
  // An inflected compound the dictionary does not list: the parts as written, the last as lemma.
  const parts = splitCompound(word);
  if (!parts) return null;
  return parts
    .slice(0, -1)
    .map((p) => p.surface)
    .concat(parts[parts.length - 1]!.lemma)
    .join('');
}

const keyCache = new Map<string, string>();

/** Only the key of a word (no compound parts): what the thesaurus needs of its members. */
export function wordKey(word: string): string {
  const done = cache.get(word)?.key ?? keyCache.get(word);
  if (done !== undefined) return done;
  let key: string;
  if (/^\d/.test(word) || word.length < 2) key = foldText(word);
  else {
    const lemma = dictionaryForm(word);
    key = lemma ? lemmaKey(lemma) : unknownKey(word);
  }
  if (keyCache.size >= CACHE_LIMIT) keyCache.clear();
  keyCache.set(word, key);
  return key;
}

/** The analysis of one lower-case word (diacritics kept). */
export function wordInfo(word: string): WordInfo {
  const hit = cache.get(word);
  if (hit) return hit;
  let info: WordInfo;
  if (/^\d/.test(word) || word.length < 2) {
    info = { key: foldText(word), partKeys: [], terms: [foldText(word)], known: false };
  } else {
    const lemma = dictionaryForm(word);
    const key = lemma ? lemmaKey(lemma) : unknownKey(word);
    const partKeys = compoundLemmas(lemma ?? word).map(lemmaKey);
    // A word the Swedish dictionary does not know is probably English: its key is then the
    // English stem, and a Swedish stem of it would only add noise ("care" → "car").
    const terms = new Set([key, foldText(word), foldText(lemma ? stemSv(lemma) : stemEn(word)), ...partKeys]);
    info = { key, partKeys, terms: [...terms], known: lemma !== null };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, info);
  return info;
}
