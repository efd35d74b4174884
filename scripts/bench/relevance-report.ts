/**
 * The tables `npm run bench:relevance` prints, with the issue's targets and PASS/FAIL beside
 * the figures. Returns whether every target was met.
 */
import { QUERY_CATEGORIES, type RelevanceSet } from './relevance-data.js';
import type { MatchingResult, VariantResult } from './relevance-eval.js';
import type { LatencyRow } from './relevance-latency.js';
import type { SearchScores } from './relevance-metrics.js';
import { log } from './kit.js';

export const TARGETS = {
  ndcgOverall: 0.9,
  ndcgCategory: 0.8,
  precision5: 0.8,
  recall10: 0.9,
  p95Ratio: 1.5,
};

const f2 = (n: number) => n.toFixed(2);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const cell = (s: SearchScores) => `${f2(s.ndcg10)} ${f2(s.recall10)} ${f2(s.mrr)}`;

export function printSearch(set: RelevanceSet, variants: VariantResult[]): boolean {
  const [raw, keyword, hybrid] = variants as [VariantResult, VariantResult, VariantResult];
  log('');
  log(
    `Needs search: ${set.queries.length} queries over ${set.needs.length} needs; each cell nDCG@10 recall@10 MRR`,
  );
  log('  (a) plain Meilisearch, default settings, separate raw index of the same texts');
  log("  (b) the product's keyword search with analysis (API, embedder off)");
  log("  (c) the product's search as shipped (API, hybrid); the targets apply to (c)");
  log('');
  log('  category     n |  (a) plain      |  (b) keyword    |  (c) hybrid     | target nDCG@10 (c)');
  let ok = true;
  for (const c of [...QUERY_CATEGORIES, 'overall'] as const) {
    const n = c === 'overall' ? set.queries.length : set.queries.filter((q) => q.category === c).length;
    const target = c === 'overall' ? TARGETS.ndcgOverall : TARGETS.ndcgCategory;
    const pass = hybrid.table[c].ndcg10 >= target;
    ok &&= pass;
    if (c === 'overall') log(`  ${'-'.repeat(92)}`);
    log(
      `  ${c.padEnd(10)} ${String(n).padStart(3)} | ${cell(raw.table[c])} | ${cell(keyword.table[c])} | ${cell(hybrid.table[c])} | ≥ ${f2(target)} ${verdict(pass)}`,
    );
  }
  if (keyword.keywordOnlyAnswers < set.queries.length)
    log(
      `  note: (b) answered ${set.queries.length - keyword.keywordOnlyAnswers} queries without the keyword-only flag`,
    );
  if (hybrid.keywordOnlyAnswers > 0)
    log(
      `  note: (c) answered ${hybrid.keywordOnlyAnswers} of ${set.queries.length} queries keyword-only (no query embedding): ` +
        (hybrid.keywordOnlyAnswers === set.queries.length
          ? 'hybrid search is not running'
          : 'embedder slow or down'),
    );
  return ok;
}

export function printMisses(set: RelevanceSet, variant: VariantResult, limit = 12): void {
  const worst = [...variant.runs].sort((a, b) => a.scores.ndcg10 - b.scores.ndcg10).slice(0, limit);
  const byId = new Map(set.queries.map((q) => [q.id, q]));
  log('');
  log(`Weakest queries in (${variant.variant}): nDCG@10, query, top 5 (grade), missing relevant needs`);
  for (const r of worst) {
    if (r.scores.ndcg10 >= 0.999) break;
    const j = byId.get(r.id)!.judgements;
    const top = r.ranking.slice(0, 5).map((id) => `${id}(${j[id] ?? 0})`);
    const missing = Object.keys(j).filter((id) => !r.ranking.includes(id));
    log(
      `  ${f2(r.scores.ndcg10)} [${r.category}] "${r.q}": ${top.join(' ') || '—'}${missing.length ? `; missing ${missing.join(' ')}` : ''}`,
    );
  }
}

export function printMatching(set: RelevanceSet, m: MatchingResult, verbose: boolean): boolean {
  const good = m.runs.filter((r) => !r.noGoodSupplier).length;
  const noGood = m.runs.length - good;
  log('');
  log(
    `Matching: ${good} needs with graded suppliers, ${noGood} with no good supplier, ${set.suppliers.length} profiles; ` +
      `shown = matches scoring ≥ the network's threshold ${m.threshold}`,
  );
  const rows: [string, number, number | null][] = [
    ['precision@5 (of the top 5 shown)', m.precision5, TARGETS.precision5],
    ['recall@10 (of the top 10 shown)', m.recall10, TARGETS.recall10],
    ['nDCG@10 (shown)', m.ndcg10, null],
  ];
  let ok = true;
  for (const [name, value, target] of rows) {
    const pass = target === null || value >= target;
    ok &&= pass;
    log(
      `  ${name.padEnd(38)} ${f2(value)}${target === null ? '' : `   target ≥ ${f2(target)} ${verdict(pass)}`}`,
    );
  }
  const noGoodOk = m.noGoodWithMatch.length === 0;
  ok &&= noGoodOk;
  log(
    `  ${'no-good-supplier needs with a match ≥ threshold'.padEnd(38)} ${m.noGoodWithMatch.length} of ${noGood}   target 0 ${verdict(noGoodOk)}`,
  );
  log(
    `  ${'without the threshold (whole ranking)'.padEnd(38)} precision@5 (capped at |relevant|) ${f2(m.unthresholded.precision5)}, ` +
      `recall@10 ${f2(m.unthresholded.recall10)}, nDCG@10 ${f2(m.unthresholded.ndcg10)}`,
  );
  log(
    `  ${'relevant suppliers coded differently'.padEnd(38)} ${m.codedDifferently.shown} of ${m.codedDifferently.total} shown in the top 10`,
  );
  for (const r of m.noGoodWithMatch) {
    const top = r.ranking.filter((x) => x.score >= m.threshold).slice(0, 3);
    log(`    ${r.needId}: ${top.map((x) => `${x.id} ${f2(x.score)}`).join(', ')}`);
  }
  if (verbose) {
    const judged = new Map(set.matching.map((x) => [x.needId, x.relevant]));
    for (const r of m.runs) {
      const j = judged.get(r.needId)!;
      const top = r.ranking.slice(0, 6).map((x) => `${x.id}(${j[x.id] ?? 0}) ${f2(x.score)}`);
      log(`    ${r.needId} [${r.shown.length} shown]: ${top.join(', ')}`);
    }
  }
  return ok;
}

export function printLatency(rows: LatencyRow[]): boolean {
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  log('');
  log('Latency: API search, hybrid (as shipped) vs keyword (embedder off), the evaluation queries cycling');
  log(
    '  pass                           clients | hybrid p50 | hybrid p95 | keyword p50 | keyword p95 | p95 ratio | target ≤ 1.5',
  );
  let ok = true;
  for (const r of rows) {
    const ratio = r.hybrid.p95 / r.keyword.p95;
    const judged = r.label === 'load';
    if (judged) ok &&= ratio <= TARGETS.p95Ratio;
    log(
      `  ${r.label.padEnd(30)} ${String(r.clients).padStart(7)} |  ${ms(r.hybrid.p50)} |  ${ms(r.hybrid.p95)} |   ${ms(r.keyword.p50)} |   ${ms(r.keyword.p95)} | ${ratio.toFixed(2).padStart(9)} | ${judged ? verdict(ratio <= TARGETS.p95Ratio) : '(info)'}` +
        (r.fallbacks > 0 ? `  (${r.fallbacks} hybrid answers keyword-only)` : ''),
    );
  }
  return ok;
}
