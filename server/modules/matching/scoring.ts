/**
 * How well a supplier fits a need: a score in [0, 1] built from four explicit parts, each in
 * [0, 1], plus a human-readable explanation in Swedish and English. Pure: no I/O, so the same
 * inputs always give the same score (re-matching is idempotent) and every rule is unit-tested.
 *
 *   score = 0.50·cpv + 0.20·region + 0.20·text + 0.10·completeness
 *
 * - cpv: closeness in the CPV tree of the best pair (need code, supplier code), decaying by tree
 *   distance: same code 1, parent/child 0.7, sibling or grandparent 0.49, then 0.34, 0.24; more
 *   than 4 edges apart or in another division 0. What a supplier does is the strongest signal.
 * - region: the share of the need's regions the supplier serves. Serving the region or a region
 *   containing it (the county, the country = national coverage, the Nordics) counts 1; serving
 *   only a part of it (a county inside a need for all of Eastern Sweden) counts 0.5. A need
 *   without regions fits everyone.
 * - text: Meilisearch's ranking score of the supplier's profile for a query made of the need's
 *   words (0 when the profile matched no word). Catches fit that codes miss.
 * - completeness: the share of the profile's completeness checks that pass. A small nudge so
 *   that, at equal fit, buyers see profiles they can act on first.
 */
import { isAncestor, label, parentOf, treeDistance } from '../reference/cpv.js';
import { getRegion, regionCovers, regionName } from '../reference/nuts.js';

export const MATCH_WEIGHTS = Object.freeze({ cpv: 0.5, region: 0.2, text: 0.2, completeness: 0.1 });

/** Closeness by tree distance: 0 edges → 1, then × 0.7 per edge, nothing past 4 edges. */
export const CPV_DECAY = 0.7;
export const CPV_MAX_DISTANCE = 4;
/** Region fit when the supplier serves only part of a need's region. */
export const PARTIAL_REGION_FIT = 0.5;

export type MatchPart = keyof typeof MATCH_WEIGHTS;
export type Parts = Record<MatchPart, number>;

export interface ScoringNeed {
  cpvCodes: readonly string[];
  regions: readonly string[];
}

export interface ScoringSupplier {
  cpvCodes: readonly string[];
  regions: readonly string[];
  /** Meilisearch ranking score of the profile for the need's text, or null when it did not match. */
  textRelevance: number | null;
  /** Named completeness checks of the profile (description, offerings, references, contact …). */
  completeness: Readonly<Record<string, boolean>>;
}

export interface Explanation {
  sv: string[];
  en: string[];
}

export interface MatchScore {
  score: number;
  parts: Parts;
  weights: Parts;
  /** For the supplier ("Your code …"). */
  explanation: Explanation;
  /** For the buyers ("The supplier's code …"): the same facts. */
  buyerExplanation: Explanation;
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

export function cpvCloseness(distance: number | null): number {
  if (distance === null || distance > CPV_MAX_DISTANCE) return 0;
  return round(CPV_DECAY ** distance);
}

function cpvText(code: string, lang: 'sv' | 'en'): string {
  const name = label(code, lang);
  return name ? `${code} ${name}` : code;
}

/** The lowest common ancestor of two codes of one division (for the sibling explanation). */
function commonAncestor(a: string, b: string): string | null {
  for (let p = parentOf(a); p !== null; p = parentOf(p)) if (isAncestor(p, b)) return p;
  return null;
}

interface CpvPair {
  need: string;
  supplier: string;
  distance: number;
  closeness: number;
}

function bestCpvPair(need: ScoringNeed, supplier: ScoringSupplier): CpvPair | null {
  let best: CpvPair | null = null;
  for (const n of need.cpvCodes) {
    for (const s of supplier.cpvCodes) {
      const distance = treeDistance(n, s);
      const closeness = cpvCloseness(distance);
      if (distance === null || closeness === 0) continue;
      if (
        !best ||
        closeness > best.closeness ||
        (closeness === best.closeness && n + s < best.need + best.supplier)
      ) {
        best = { need: n, supplier: s, distance, closeness };
      }
    }
  }
  return best;
}

type Lang = 'sv' | 'en';
type Audience = 'supplier' | 'buyer';
type Phrase = Record<Audience, Record<Lang, string>>;

/**
 * Both sides read the same facts: the supplier in the second person ("Your code …"), the
 * buyers about the supplier ("The supplier's code …").
 */
class Explainer {
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
}

const both = (sv: [string, string], en: [string, string]): Phrase => ({
  supplier: { sv: sv[0], en: en[0] },
  buyer: { sv: sv[1], en: en[1] },
});

function explainCpv(pair: CpvPair | null, x: Explainer) {
  if (!pair) {
    x.say(() =>
      both(
        [
          'Ingen av dina CPV-koder ligger nära behovets koder.',
          'Ingen av leverantörens CPV-koder ligger nära behovets koder.',
        ],
        [
          'None of your CPV codes is close to the need’s codes.',
          'None of the supplier’s CPV codes is close to the need’s codes.',
        ],
      ),
    );
    return;
  }
  const { need, supplier, distance } = pair;
  if (distance === 0) {
    x.say((l) =>
      both(
        [
          `Din kod ${cpvText(supplier, l)} är samma som behovets.`,
          `Leverantörens kod ${cpvText(supplier, l)} är samma som behovets.`,
        ],
        [
          `Your code ${cpvText(supplier, l)} is the same as the need’s.`,
          `The supplier’s code ${cpvText(supplier, l)} is the same as the need’s.`,
        ],
      ),
    );
  } else if (isAncestor(need, supplier)) {
    x.say((l) =>
      both(
        [
          `Din kod ${supplier} ligger under ${cpvText(need, l)}.`,
          `Leverantörens kod ${supplier} ligger under ${cpvText(need, l)}.`,
        ],
        [
          `Your code ${supplier} is under ${cpvText(need, l)}.`,
          `The supplier’s code ${supplier} is under ${cpvText(need, l)}.`,
        ],
      ),
    );
  } else if (isAncestor(supplier, need)) {
    x.say((l) =>
      both(
        [
          `Behovets kod ${need} ligger under din kod ${cpvText(supplier, l)}.`,
          `Behovets kod ${need} ligger under leverantörens kod ${cpvText(supplier, l)}.`,
        ],
        [
          `The need’s code ${need} is under your code ${cpvText(supplier, l)}.`,
          `The need’s code ${need} is under the supplier’s code ${cpvText(supplier, l)}.`,
        ],
      ),
    );
  } else {
    const common = commonAncestor(supplier, need);
    const under = (l: Lang) => (common ? cpvText(common, l) : '');
    x.say((l) =>
      both(
        [
          `Din kod ${supplier} och behovets kod ${need} ligger båda under ${under(l)}.`,
          `Leverantörens kod ${supplier} och behovets kod ${need} ligger båda under ${under(l)}.`,
        ],
        [
          `Your code ${supplier} and the need’s code ${need} are both under ${under(l)}.`,
          `The supplier’s code ${supplier} and the need’s code ${need} are both under ${under(l)}.`,
        ],
      ),
    );
  }
}

function regionText(code: string, lang: Lang): string {
  const name = regionName(code, lang);
  return name ? `${code} ${name}` : code;
}

function isNational(code: string): boolean {
  const level = getRegion(code)?.level;
  return level === 0 || level === -1;
}

function regionPart(need: ScoringNeed, supplier: ScoringSupplier, x: Explainer): number {
  if (need.regions.length === 0) {
    x.say(() =>
      both(
        ['Behovet är inte knutet till någon region.', 'Behovet är inte knutet till någon region.'],
        ['The need is not tied to a region.', 'The need is not tied to a region.'],
      ),
    );
    return 1;
  }
  let sum = 0;
  const served: string[] = [];
  const partial: { served: string; needed: string }[] = [];
  const missed: string[] = [];
  for (const needed of need.regions) {
    const covering = supplier.regions
      .filter((s) => regionCovers(s, needed))
      .sort((a, b) => a.length - b.length)[0];
    if (covering) {
      sum += 1;
      if (!served.includes(covering)) served.push(covering);
      continue;
    }
    const inside = supplier.regions.find((s) => regionCovers(needed, s));
    if (inside) {
      sum += PARTIAL_REGION_FIT;
      partial.push({ served: inside, needed });
      continue;
    }
    missed.push(needed);
  }
  for (const code of served) {
    if (isNational(code)) {
      x.say((l) =>
        both(
          [
            `Du levererar i hela ${regionText(code, l)} (nationell täckning).`,
            `Levererar i hela ${regionText(code, l)} (nationell täckning).`,
          ],
          [
            `You serve all of ${regionText(code, l)} (national coverage).`,
            `Serves all of ${regionText(code, l)} (national coverage).`,
          ],
        ),
      );
    } else {
      x.say((l) =>
        both(
          [`Du levererar i ${regionText(code, l)}.`, `Levererar i ${regionText(code, l)}.`],
          [`You serve ${regionText(code, l)}.`, `Serves ${regionText(code, l)}.`],
        ),
      );
    }
  }
  for (const p of partial) {
    x.say((l) =>
      both(
        [
          `Du levererar i ${regionText(p.served, l)}, en del av ${regionText(p.needed, l)}.`,
          `Levererar i ${regionText(p.served, l)}, en del av ${regionText(p.needed, l)}.`,
        ],
        [
          `You serve ${regionText(p.served, l)}, part of ${regionText(p.needed, l)}.`,
          `Serves ${regionText(p.served, l)}, part of ${regionText(p.needed, l)}.`,
        ],
      ),
    );
  }
  if (missed.length > 0) {
    const list = (l: Lang) => missed.map((c) => regionText(c, l)).join(', ');
    x.say((l) =>
      both(
        [`Du levererar inte i ${list(l)}.`, `Levererar inte i ${list(l)}.`],
        [`You do not serve ${list(l)}.`, `Does not serve ${list(l)}.`],
      ),
    );
  }
  return round(sum / need.regions.length);
}

function textPart(relevance: number | null, x: Explainer): number {
  const text =
    relevance === null || !Number.isFinite(relevance) ? 0 : round(Math.min(1, Math.max(0, relevance)));
  if (text >= 0.5) {
    x.say(() =>
      both(
        [
          'Texten i din profil stämmer väl med behovets beskrivning.',
          'Leverantörens profiltext stämmer väl med behovets beskrivning.',
        ],
        [
          'Your profile text closely matches the need’s description.',
          'The supplier’s profile text closely matches the need’s description.',
        ],
      ),
    );
  } else if (text > 0) {
    x.say(() =>
      both(
        [
          'Texten i din profil delar några ord med behovets beskrivning.',
          'Leverantörens profiltext delar några ord med behovets beskrivning.',
        ],
        [
          'Your profile text shares some words with the need’s description.',
          'The supplier’s profile text shares some words with the need’s description.',
        ],
      ),
    );
  }
  return text;
}

function completenessPart(checks: Readonly<Record<string, boolean>>, x: Explainer): number {
  const values = Object.values(checks);
  const part = values.length === 0 ? 0 : round(values.filter(Boolean).length / values.length);
  const percent = Math.round(part * 100);
  x.say(() =>
    both(
      [`Din profil är ${percent} % komplett.`, `Profilen är ${percent} % komplett.`],
      [`Your profile is ${percent}% complete.`, `The profile is ${percent}% complete.`],
    ),
  );
  return part;
}

/**
 * The CPV and region parts depend only on the codes, and candidates of one need share few
 * distinct code sets: they are computed once per (need codes, supplier codes) and reused.
 */
const memo = new Map<string, { cpv: number; region: number; x: Explainer }>();
const MEMO_LIMIT = 20_000;

function codeParts(need: ScoringNeed, supplier: ScoringSupplier) {
  const key = `${need.cpvCodes.join(',')}|${need.regions.join(',')}|${supplier.cpvCodes.join(',')}|${supplier.regions.join(',')}`;
  let hit = memo.get(key);
  if (!hit) {
    const x = new Explainer();
    const pair = bestCpvPair(need, supplier);
    explainCpv(pair, x);
    const region = regionPart(need, supplier, x);
    hit = { cpv: pair?.closeness ?? 0, region, x };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, hit);
  }
  return hit;
}

export function scoreMatch(need: ScoringNeed, supplier: ScoringSupplier): MatchScore {
  const codes = codeParts(need, supplier);
  const x = new Explainer();
  for (const lang of ['sv', 'en'] as const) {
    x.supplier[lang].push(...codes.x.supplier[lang]);
    x.buyer[lang].push(...codes.x.buyer[lang]);
  }
  const parts: Parts = {
    cpv: codes.cpv,
    region: codes.region,
    text: textPart(supplier.textRelevance, x),
    completeness: completenessPart(supplier.completeness, x),
  };
  const weights: Parts = { ...MATCH_WEIGHTS };
  const score = round(
    (Object.keys(weights) as MatchPart[]).reduce((sum, part) => sum + weights[part] * parts[part], 0),
  );
  return {
    score: Math.min(1, Math.max(0, score)),
    parts,
    weights,
    explanation: x.supplier,
    buyerExplanation: x.buyer,
  };
}
