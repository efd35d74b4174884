import {
  byCategory,
  cappedPrecisionAt,
  ndcgAt,
  precisionAt,
  recallAt,
  reciprocalRank,
  searchScores,
  shownPrecisionAt,
} from '../../scripts/bench/relevance-metrics.js';

// Worked by hand: gain 2^grade − 1, discount log2(rank + 1).
//   ranking a b c d, judgements a=2 c=1 e=2 (e never retrieved)
//   DCG  = 3/log2(2) + 0 + 1/log2(4) + 0       = 3 + 0.5               = 3.5
//   IDCG = 3/log2(2) + 3/log2(3) + 1/log2(4)   = 3 + 1.8927893 + 0.5   = 5.3927893
//   nDCG = 3.5 / 5.3927893                     = 0.6490
const ranking = ['a', 'b', 'c', 'd'];
const judgements = { a: 2, c: 1, e: 2 };

describe('relevance metrics', () => {
  it('when relevant ids are missing and out of order, then nDCG@10 is DCG over the ideal DCG', () => {
    expect(ndcgAt(10, ranking, judgements)).toBeCloseTo(3.5 / 5.3927893, 6);
    expect(ndcgAt(10, ranking, judgements)).toBeCloseTo(0.649, 3);
  });

  it('when the ranking is ideal, then nDCG is 1; when nothing relevant is retrieved, 0', () => {
    expect(ndcgAt(10, ['a', 'e', 'c'], judgements)).toBeCloseTo(1, 10);
    expect(ndcgAt(10, ['x', 'y'], judgements)).toBe(0);
    expect(ndcgAt(10, ['x'], {})).toBe(0);
  });

  it('when a partly relevant id is third, then nDCG = 0.5 / 1 and the reciprocal rank is 1/3', () => {
    // DCG = 1/log2(4) = 0.5; IDCG = 1/log2(2) = 1.
    expect(ndcgAt(10, ['x', 'y', 'b'], { b: 1 })).toBeCloseTo(0.5, 10);
    expect(reciprocalRank(['x', 'y', 'b'], { b: 1 })).toBeCloseTo(1 / 3, 10);
  });

  it('when two of three relevant ids are retrieved, then recall@10 is 2/3 and MRR counts the first', () => {
    expect(recallAt(10, ranking, judgements)).toBeCloseTo(2 / 3, 10);
    expect(reciprocalRank(ranking, judgements)).toBe(1);
  });

  it('when the only relevant id is at rank 11, then recall@10, MRR@10 and nDCG@10 are 0', () => {
    const long = [...'0123456789'.split(''), 'a'];
    expect(recallAt(10, long, { a: 2 })).toBe(0);
    expect(reciprocalRank(long, { a: 2 })).toBe(0);
    expect(ndcgAt(10, long, { a: 2 })).toBe(0);
  });

  it('when 2 of the top 5 are relevant, then precision@5 is 2/5, over the 4 shown 2/4, capped 2/3', () => {
    expect(precisionAt(5, ranking, judgements)).toBeCloseTo(0.4, 10);
    expect(shownPrecisionAt(5, ranking, judgements)).toBeCloseTo(0.5, 10);
    // Three relevant ids exist, so at most three of the five slots can hold one.
    expect(cappedPrecisionAt(5, ranking, judgements)).toBeCloseTo(2 / 3, 10);
  });

  it('when nothing is shown, then the shown precision is 0', () => {
    expect(shownPrecisionAt(5, [], judgements)).toBe(0);
  });

  it('when scores are grouped, then each category is its own mean and overall the mean of all queries', () => {
    const perfect = searchScores(['a', 'e', 'c'], judgements);
    const half = searchScores(['x', 'y', 'b'], { b: 1 });
    const none = searchScores(['x'], { b: 1 });
    const out = byCategory([
      { category: 'compound', scores: perfect },
      { category: 'compound', scores: half },
      { category: 'typo', scores: none },
    ]);
    expect(out.compound.ndcg10).toBeCloseTo(0.75, 10);
    expect(out.compound.mrr).toBeCloseTo((1 + 1 / 3) / 2, 10);
    expect(out.typo).toEqual({ ndcg10: 0, recall10: 0, mrr: 0 });
    expect(out.overall.ndcg10).toBeCloseTo(0.5, 10);
    expect(out.overall.recall10).toBeCloseTo(2 / 3, 10);
  });
});
