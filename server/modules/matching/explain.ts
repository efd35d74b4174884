/**
 * Explanations are read by two audiences about the same facts: the supplier in the second person
 * ("Du erbjuder …"), the buyers about the supplier ("Erbjuder …"). Every sentence is written once
 * per language and audience, so the two lists always say the same things in the same order.
 */
export type Lang = 'sv' | 'en';
export type Audience = 'supplier' | 'buyer';
export type Phrase = Record<Audience, Record<Lang, string>>;

export interface Explanation {
  sv: string[];
  en: string[];
}

export class Explainer {
  readonly supplier: Explanation = { sv: [], en: [] };
  readonly buyer: Explanation = { sv: [], en: [] };

  say(phrase: (lang: Lang) => Phrase) {
    const sv = phrase('sv');
    const en = phrase('en');
    this.supplier.sv.push(sv.supplier.sv);
    this.supplier.en.push(en.supplier.en);
    this.buyer.sv.push(sv.buyer.sv);
    this.buyer.en.push(en.buyer.en);
  }

  append(other: Explainer) {
    for (const lang of ['sv', 'en'] as const) {
      this.supplier[lang].push(...other.supplier[lang]);
      this.buyer[lang].push(...other.buyer[lang]);
    }
  }
}

/** [supplier, buyer] in Swedish and in English. */
export const both = (sv: [string, string], en: [string, string]): Phrase => ({
  supplier: { sv: sv[0], en: en[0] },
  buyer: { sv: sv[1], en: en[1] },
});

/** The same sentence for both audiences. */
export const same = (sv: string, en: string): Phrase => both([sv, sv], [en, en]);

export const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Quotation marks as each language writes them. */
export const quoted = (text: string, lang: Lang) => (lang === 'sv' ? `”${text}”` : `“${text}”`);

/** A short excerpt of a profile text for an explanation: whole words, at most `max` characters. */
export function excerpt(text: string, max = 90): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean.replace(/[.!]$/, '');
  const cut = clean.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:]$/, '')} …`;
}
