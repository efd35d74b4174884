/**
 * How well a supplier fits a need: a score in [0, 1] built from four explicit parts, each in
 * [0, 1], plus an explanation in Swedish and English. Pure: no I/O, so the same inputs always
 * give the same score (re-matching is idempotent) and every rule is unit-tested.
 *
 *   score = w_text·text + w_cpv·cpv + w_region·region + w_completeness·completeness
 *   text  = s·semantic + (1 − s)·keyword          (keyword alone when there is no vector)
 *
 * Text relevance is the main part: what the profile says is the best evidence of what the
 * supplier does, and small suppliers rarely pick the buyer's CPV codes (text-fit.ts). CPV
 * closeness (cpv-fit.ts) and region fit (region-fit.ts) support it; completeness is a nudge so
 * that, at equal fit, buyers see profiles they can act on first. The weights, the signals'
 * floors and ceilings and the default threshold are calibrated on the evaluation set
 * (test/fixtures/relevance/, scripts/bench/relevance-calibrate.ts).
 */
import { bestCpvPair, explainCpv } from './cpv-fit.js';
import { both, Explainer, round, type Explanation } from './explain.js';
import { regionFit } from './region-fit.js';
import { explainText, textPart, type TextCalibration, type TextSignals } from './text-fit.js';

export { CPV_DECAY, CPV_MAX_DISTANCE, cpvCloseness } from './cpv-fit.js';
export { PARTIAL_REGION_FIT } from './region-fit.js';
export type { Explanation } from './explain.js';
export type { TextEvidence } from './text-fit.js';

export type MatchPart = 'text' | 'cpv' | 'region' | 'completeness';
export type Weights = Record<MatchPart, number>;

export interface Calibration extends TextCalibration {
  weights: Weights;
}

/**
 * Calibrated on the evaluation set, 2026-12-03 (scripts/bench/relevance-calibrate.ts, README
 * "Matching"): the best of 17,280 configurations × 13 thresholds that shows no match for a need
 * without a good supplier. e5 similarities are compressed (unrelated Swedish public-service texts
 * score 0.88–0.91, a profile describing the need 0.95+), hence the narrow semantic band.
 */
export const CALIBRATION: Readonly<Calibration> = Object.freeze({
  weights: Object.freeze({ text: 0.75, cpv: 0.15, region: 0.05, completeness: 0.05 }),
  keywordFloor: 0.2,
  keywordCeiling: 0.8,
  semanticFloor: 0.92,
  semanticCeiling: 0.95,
  semanticShare: 0.8,
});

export const MATCH_WEIGHTS: Readonly<Weights> = CALIBRATION.weights;

export interface Parts extends Weights {
  /** The rescaled keyword signal (a component of text). */
  keyword?: number;
  /** The rescaled semantic signal (a component of text); absent without vectors. */
  semantic?: number;
}

export interface ScoringNeed {
  cpvCodes: readonly string[];
  regions: readonly string[];
}

export interface ScoringSupplier extends TextSignals {
  cpvCodes: readonly string[];
  regions: readonly string[];
  /** Named completeness checks of the profile (description, offerings, logo …). */
  completeness: Readonly<Record<string, boolean>>;
}

export interface MatchScore {
  score: number;
  parts: Parts;
  weights: Weights;
  /** For the supplier ("Du erbjuder …"). */
  explanation: Explanation;
  /** For the buyers ("Erbjuder …"): the same facts. */
  buyerExplanation: Explanation;
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
    const pair = bestCpvPair(need.cpvCodes, supplier.cpvCodes);
    explainCpv(pair, x);
    const region = regionFit(need.regions, supplier.regions, x);
    hit = { cpv: pair?.closeness ?? 0, region, x };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, hit);
  }
  return hit;
}

export function scoreMatch(
  need: ScoringNeed,
  supplier: ScoringSupplier,
  calibration: Calibration = CALIBRATION,
): MatchScore {
  const codes = codeParts(need, supplier);
  const x = new Explainer();
  // What fits first (the profile's words), then the codes and the region, then completeness.
  const text = textPart(supplier, calibration);
  explainText(text, supplier.evidence, x);
  x.append(codes.x);
  const parts: Parts = {
    text: text.text,
    cpv: codes.cpv,
    region: codes.region,
    completeness: completenessPart(supplier.completeness, x),
    keyword: text.keyword,
    ...(text.semantic === null ? {} : { semantic: text.semantic }),
  };
  const weights: Weights = { ...calibration.weights };
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
