/**
 * Highlighting from the analysis: Meilisearch marks only the words it matched in a field, and a
 * query's normalised terms often match through the hidden `terms` field instead ("broar" finds
 * "Broinspektion"). This marks every word of a shown text whose terms meet the query's terms, or
 * that starts with a word as typed, and leaves text that is already marked alone.
 */
import type { AnalyzedQuery } from './analyze.js';
import { wordTerms } from './analyze.js';
import { foldText } from './fold.js';

const WORD_RE = /[\p{L}\p{N}]+/gu;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function markPlain(text: string, query: AnalyzedQuery, pre: string, post: string): string {
  const terms = new Set(query.terms);
  const typed = query.words.map(foldText);
  return text.replace(WORD_RE, (word) => {
    const lower = word.toLowerCase();
    const folded = foldText(lower);
    const hit = typed.some((t) => folded.startsWith(t)) || wordTerms(lower).some((t) => terms.has(t));
    return hit ? `${pre}${word}${post}` : word;
  });
}

/**
 * The text with matching words wrapped in `pre`/`post`, or undefined when nothing matched.
 * Spans already between `pre` and `post` (Meilisearch's own marks) are kept as they are.
 */
export function markMatches(
  text: string,
  query: AnalyzedQuery,
  pre: string,
  post: string,
): string | undefined {
  if (query.words.length === 0 && query.terms.length === 0) return undefined;
  const marked = new RegExp(`(${escapeRe(pre)}[\\s\\S]*?${escapeRe(post)})`, 'u');
  const out = text
    .split(marked)
    .map((piece, i) => (i % 2 === 1 ? piece : markPlain(piece, query, pre, post)))
    .join('');
  return out.includes(pre) ? out : undefined;
}
