/** Swedish and English text analysis shared by search, matching and saved searches. */
export {
  analyzeText,
  analyzeQuery,
  indexTerms,
  queryTermsByWord,
  wordQueryTerm,
  wordTerms,
  type AnalyzedQuery,
} from './analyze.js';
export { STOP_WORDS } from './stop-words.js';
export { meiliQuery } from './query-string.js';
export { foldText, foldedWords, lowerWords } from './fold.js';
export { splitCompound, compoundLemmas, type CompoundPart } from './decompound.js';
export { markMatches } from './highlight.js';
export { analyzedText, textMatchesQuery, type AnalyzedText } from './match.js';
