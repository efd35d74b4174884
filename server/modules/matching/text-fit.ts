/**
 * The text part: how well the supplier's profile describes the need, from two signals that fail
 * differently. Keyword relevance (Meilisearch's ranking of the need's analysed terms against the
 * profile's) finds shared words, compounds and synonyms; semantic similarity (the need's vector
 * against the profile's) finds the same meaning in other words and across languages. Both are
 * rescaled to [0, 1] by calibrated floors and ceilings: below the floor a signal is noise (every
 * two Swedish texts about public services are somewhat similar), above the ceiling it is a clear fit.
 *
 * The explanation names the evidence a buyer can check — the offering and the reference whose
 * words meet the need's — rather than a score.
 */
import { both, excerpt, quoted, round, same, type Explainer } from './explain.js';

/** Where the profile's words meet the need's (found by `findEvidence`). */
export interface TextEvidence {
  /** Offering names whose words meet the need's, best first. */
  offerings: string[];
  reference?: { buyerName: string; year?: number; text?: string };
  /** The pitch, when its words meet the need's and no offering does. */
  pitch?: string;
}

export interface TextSignals {
  /** Meilisearch's keyword ranking score of the profile for the need's terms; null when it did not match. */
  keyword: number | null;
  /** Meilisearch's semantic ranking score of the profile for the need's vector; null without vectors. */
  semantic: number | null;
  evidence?: TextEvidence;
}

export interface TextCalibration {
  keywordFloor: number;
  keywordCeiling: number;
  semanticFloor: number;
  semanticCeiling: number;
  /** Share of the semantic signal in the text part when both are known. */
  semanticShare: number;
}

/** A text part at or above this reads as "describes the need". */
export const STRONG_TEXT = 0.5;

const rescale = (value: number | null, floor: number, ceiling: number): number => {
  if (value === null || !Number.isFinite(value)) return 0;
  return round(Math.min(1, Math.max(0, (value - floor) / (ceiling - floor))));
};

export interface TextPart {
  text: number;
  keyword: number;
  semantic: number | null;
}

/** Without a vector (embedder down) the text part is the keyword signal alone. */
export function textPart(signals: TextSignals, c: TextCalibration): TextPart {
  const keyword = rescale(signals.keyword, c.keywordFloor, c.keywordCeiling);
  if (signals.semantic === null) return { text: keyword, keyword, semantic: null };
  const semantic = rescale(signals.semantic, c.semanticFloor, c.semanticCeiling);
  return { text: round(c.semanticShare * semantic + (1 - c.semanticShare) * keyword), keyword, semantic };
}

export function explainText(part: TextPart, evidence: TextEvidence | undefined, x: Explainer) {
  const offering = evidence?.offerings[0];
  const reference = evidence?.reference;
  const meaningful = part.text > 0.15;
  if (meaningful && offering) {
    const others = evidence.offerings.slice(1, 3);
    x.say((l) => {
      const names = [offering, ...others].map((o) => quoted(o, l));
      const sv = names.length > 1 ? `${names.slice(0, -1).join(', ')} och ${names.at(-1)}` : names[0]!;
      const en = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
      return both(
        [`Du erbjuder ${sv}, som svarar mot behovet.`, `Erbjuder ${sv}, som svarar mot behovet.`],
        [`You offer ${en}, which answers the need.`, `Offers ${en}, which answers the need.`],
      );
    });
  }
  if (meaningful && reference) {
    const year = reference.year ? ` (${reference.year})` : '';
    x.say((l) => {
      const what = reference.text ? `${quoted(excerpt(reference.text), l)} ` : '';
      return same(
        `Referens: ${what}för ${reference.buyerName}${year}.`,
        `Reference: ${what}for ${reference.buyerName}${year}.`,
      );
    });
  }
  if (meaningful && !offering && evidence?.pitch) {
    const pitch = evidence.pitch;
    x.say((l) =>
      both(
        [
          `Din profil beskriver behovet: ${quoted(excerpt(pitch), l)}.`,
          `Profilen beskriver behovet: ${quoted(excerpt(pitch), l)}.`,
        ],
        [
          `Your profile describes the need: ${quoted(excerpt(pitch), l)}.`,
          `The profile describes the need: ${quoted(excerpt(pitch), l)}.`,
        ],
      ),
    );
  }
  if (meaningful && !offering && !reference && !evidence?.pitch) {
    const strong = part.text >= STRONG_TEXT;
    x.say(() =>
      strong
        ? both(
            [
              'Din profil beskriver samma sak som behovet, med andra ord.',
              'Profilen beskriver samma sak som behovet, med andra ord.',
            ],
            [
              'Your profile describes what the need asks for, in other words.',
              'The profile describes what the need asks for, in other words.',
            ],
          )
        : both(
            [
              'Din profil ligger delvis nära behovets beskrivning.',
              'Profilen ligger delvis nära behovets beskrivning.',
            ],
            [
              'Your profile is partly close to the need’s description.',
              'The profile is partly close to the need’s description.',
            ],
          ),
    );
  }
  if (!meaningful) {
    x.say(() =>
      both(
        [
          'Din profil beskriver inte det behovet handlar om.',
          'Profilen beskriver inte det behovet handlar om.',
        ],
        [
          'Your profile does not describe what the need is about.',
          'The profile does not describe what the need is about.',
        ],
      ),
    );
  }
}
