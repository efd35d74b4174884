/** Folding lives with the rest of the text analysis; the reference module keeps its import path. */
export { foldText, foldedWords } from '../../platform/text/fold.js';
