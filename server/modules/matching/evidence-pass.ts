import type { Deps } from '../../platform/deps.js';
import type { Candidate } from './candidates.js';
import { findEvidence, profileTexts } from './evidence.js';
import type { MatchRow } from './matching.repository.js';
import { needTerms, type MatchableNeed } from './need-text.js';
import { scoreMatch } from './scoring.js';

/** Explanations name offerings and references for the matches a reader will look at. */
const EVIDENCE_LIMIT = 200;
/** ... which are those near or above the threshold. */
const EVIDENCE_MARGIN = 0.15;

export function rowOf(need: MatchableNeed, c: Candidate): MatchRow {
  return {
    ...scoreMatch(need, c),
    supplierId: c.id,
    supplierName: c.name,
    regions: [...c.regions],
    size: c.size,
  };
}

/**
 * Scores every candidate, then reads the profile texts (offerings with their descriptions,
 * references) of the best ones from MongoDB to name what fits in their explanations. Evidence
 * changes the wording, never the score. Two passes because the index does not hold references
 * and reading 10,000 profiles for sentences nobody reads would dominate the match step.
 */
/**
 * A text candidate whose relevance stays below the calibrated floors does not describe the
 * need: it was only among the nearest profiles. Code candidates stay (a buyer browsing the
 * list sees them below the line).
 */
export const isKept = (c: Candidate, row: MatchRow) => c.coded || row.parts.text > 0;

export async function withEvidence(
  deps: Pick<Deps, 'mongo'>,
  need: MatchableNeed,
  candidates: Candidate[],
  threshold: number,
): Promise<MatchRow[]> {
  const scored = candidates.map((c) => ({ c, row: rowOf(need, c) })).filter((x) => isKept(x.c, x.row));
  const rows = scored.map((x) => x.row);
  const kept = scored.map((x) => x.c);
  const shortlist = rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.parts.text > 0 && row.score >= threshold - EVIDENCE_MARGIN)
    .sort((a, b) => b.row.score - a.row.score)
    .slice(0, EVIDENCE_LIMIT);
  if (shortlist.length === 0) return rows;
  const texts = await profileTexts(
    deps.mongo,
    shortlist.map(({ row }) => row.supplierId),
  );
  const terms = needTerms(need);
  for (const { row, i } of shortlist) {
    const profile = texts.get(row.supplierId);
    if (!profile) continue;
    rows[i] = rowOf(need, { ...kept[i]!, evidence: findEvidence(terms, profile) });
  }
  return rows;
}
