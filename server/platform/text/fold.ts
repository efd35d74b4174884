/**
 * Text folding: lower case, no diacritics, so that `lakemedel` finds `Läkemedel` and `MØBLER`
 * finds `møbler`.
 *
 * NFKD splits å/ä/ö/é/ü into a base letter plus a combining mark, which we drop. Letters that
 * are not composed that way (ø, æ, ß, đ, ł, œ, þ, ð) are mapped by hand.
 */
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
};

const SPECIAL_LETTER_RE = /[øæœßđðłþ]/g;
const COMBINING_MARK_RE = /\p{M}/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/u;
// Only characters outside a-z and digits need the slow path.
const PLAIN_RE = /^[a-z0-9]*$/;

/** Lower-cases, strips diacritics and maps special letters (ø→o, æ→ae, ß→ss …). */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (PLAIN_RE.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(COMBINING_MARK_RE, '')
    .replace(SPECIAL_LETTER_RE, (ch) => SPECIAL_LETTERS[ch] ?? ch);
}

/** Splits folded text into words (letters and digits); punctuation and spaces separate words. */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(NON_WORD_RE)
    .filter((w) => w.length > 0);
}

/** Lower-case words with their diacritics (stemming and the dictionary need å, ä, ö). */
export function lowerWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(NON_WORD_RE)
    .filter((w) => w.length > 0);
}
