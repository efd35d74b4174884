/**
 * Ranking metrics for `npm run bench:relevance`, pure (no I/O). A ranking is the list of ids in
 * the order shown, best first; judgements map an id to its grade (2 highly relevant, 1 partly
 * relevant); an id without a grade is not relevant (0).
 *
 * - nDCG@k: graded, gain 2^grade − 1 and discount log2(rank + 1), divided by the DCG of the
 *   ideal ordering of the judged ids (Järvelin & Kekäläinen; the form TREC and BEIR report).
 * - recall@k: the share of relevant ids (grade ≥ 1) in the first k.
 * - MRR (reciprocal rank of the first relevant id within the first k, 0 if none; the mean over
 *   queries is the MRR).
 * - precision@k: relevant ids in the first k divided by k.
 * - shownPrecision@k: relevant ids among the first k shown divided by how many were shown (at
 *   most k); 0 when nothing is shown. For matching, where only matches above the network's
 *   threshold are listed: a short list of strong matches is not penalised for being short
 *   (recall@10 does that), a need with good suppliers and an empty list is.
 * - cappedPrecision@k: relevant ids in the first k divided by min(k, number of relevant ids):
 *   1 when every slot that could hold a relevant id does.
 */

export type Judgements = Readonly<Record<string, number>>;

const grade = (j: Judgements, id: string) => j[id] ?? 0;
const relevantCount = (j: Judgements) => Object.values(j).filter((g) => g > 0).length;

function dcg(grades: readonly number[]): number {
  return grades.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

export function ndcgAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const ideal = dcg(
    Object.values(judgements)
      .filter((g) => g > 0)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return 0;
  return dcg(ranking.slice(0, k).map((id) => grade(judgements, id))) / ideal;
}

export function recallAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const total = relevantCount(judgements);
  if (total === 0) return 0;
  return ranking.slice(0, k).filter((id) => grade(judgements, id) > 0).length / total;
}

export function reciprocalRank(ranking: readonly string[], judgements: Judgements, k = 10): number {
  const i = ranking.slice(0, k).findIndex((id) => grade(judgements, id) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export function precisionAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  return ranking.slice(0, k).filter((id) => grade(judgements, id) > 0).length / k;
}

export function shownPrecisionAt(k: number, shown: readonly string[], judgements: Judgements): number {
  const top = shown.slice(0, k);
  if (top.length === 0) return 0;
  return top.filter((id) => grade(judgements, id) > 0).length / top.length;
}

export function cappedPrecisionAt(k: number, ranking: readonly string[], judgements: Judgements): number {
  const total = relevantCount(judgements);
  if (total === 0) return 0;
  return ranking.slice(0, k).filter((id) => grade(judgements, id) > 0).length / Math.min(k, total);
}

export interface SearchScores {
  ndcg10: number;
  recall10: number;
  mrr: number;
}

/** One query's nDCG@10, recall@10 and reciprocal rank. */
export function searchScores(ranking: readonly string[], judgements: Judgements): SearchScores {
  return {
    ndcg10: ndcgAt(10, ranking, judgements),
    recall10: recallAt(10, ranking, judgements),
    mrr: reciprocalRank(ranking, judgements, 10),
  };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean scores per category, plus `overall` over every query (not the mean of the categories). */
export function byCategory<C extends string>(
  rows: readonly { category: C; scores: SearchScores }[],
): Record<C | 'overall', SearchScores> {
  const groups = new Map<C | 'overall', SearchScores[]>();
  for (const r of rows) {
    groups.set(r.category, [...(groups.get(r.category) ?? []), r.scores]);
    groups.set('overall', [...(groups.get('overall') ?? []), r.scores]);
  }
  const out = {} as Record<C | 'overall', SearchScores>;
  for (const [key, list] of groups) {
    out[key] = {
      ndcg10: mean(list.map((s) => s.ndcg10)),
      recall10: mean(list.map((s) => s.recall10)),
      mrr: mean(list.map((s) => s.mrr)),
    };
  }
  return out;
}
