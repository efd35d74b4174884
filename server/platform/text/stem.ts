/**
 * Snowball stemmers (Swedish and English). The package is CommonJS without types, so it is
 * loaded through `createRequire` and given the one method we use.
 */
import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(language: 'swedish' | 'english'): Stemmer;
}

const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballFactory;
const swedish = snowball.newStemmer('swedish');
const english = snowball.newStemmer('english');

/** Swedish Snowball stem of a lower-case word (diacritics kept: the algorithm needs å, ä, ö). */
export const stemSv = (word: string): string => swedish.stem(word);
/** English Snowball (Porter2) stem of a lower-case word. */
export const stemEn = (word: string): string => english.stem(word);
