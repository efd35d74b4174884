/**
 * The saved-search check: does a text satisfy every word of a query? A word is satisfied when
 * its normalised term is among the text's terms (so "skog" hears of "skogsbruksplan" and
 * "broar" of "bro") or, as before the analysis existed, when it starts a word of the text.
 */
import { analyzeText } from './analyze.js';
import { foldedWords } from './fold.js';

export interface AnalyzedText {
  terms: ReadonlySet<string>;
  words: readonly string[];
}

/** The text once, for checking many saved searches against it. */
export function analyzedText(text: string): AnalyzedText {
  return { terms: new Set(analyzeText(text)), words: foldedWords(text) };
}

/**
 * `words[i]` is a folded word of the query and `terms[i]` its normalised term (`undefined` when
 * not known, e.g. for saved searches stored before the analysis: then only the prefix counts).
 */
export function textMatchesQuery(
  words: readonly string[],
  terms: readonly (string | undefined)[],
  text: AnalyzedText,
): boolean {
  return words.every((word, i) => {
    const term = terms[i];
    if (term !== undefined && text.terms.has(term)) return true;
    return text.words.some((w) => w.startsWith(word));
  });
}
