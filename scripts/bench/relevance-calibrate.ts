/**
 * Calibrates matching on the relevance set's judgements: loads the set into an empty stack,
 * embeds every need and profile, collects each judged need's candidates with their raw signals
 * once (findCandidates: keyword and semantic ranking scores, CPV and region parts), then
 * searches the weights, the signals' floors and ceilings and the threshold in memory.
 *
 * Objective: mean of precision@5 (over the shown list), recall@10 and nDCG@10 on the needs with
 * good suppliers, shown = score ≥ threshold; a configuration that shows any match for a need
 * with no good supplier is rejected. Prints the best configurations and, for comparison, the
 * matcher before 2026-12-03 (CPV-gated candidates, 0.5·cpv + 0.2·region + 0.2·text + 0.1·completeness,
 * every candidate shown).
 *
 *   npm run bench:relevance -- … is the end-to-end check; this is the search behind CALIBRATION.
 *   tsx scripts/bench/relevance-calibrate.ts [--top 10] [--dump rows.json]
 * --dump writes every judged need's candidates with their raw signals (for analysis elsewhere).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.js';
import { embeddingTexts } from '../../server/embedding-sources.js';
import { findCandidates, type Candidate } from '../../server/modules/matching/candidates.js';
import { CALIBRATION, scoreMatch } from '../../server/modules/matching/scoring.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../server/modules/matching/threshold.js';
import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import { suppliersIndex } from '../../server/modules/suppliers/suppliers-search.js';
import { closeDeps, createDeps, type Deps } from '../../server/platform/deps.js';
import { embedDocuments } from '../../server/platform/embeddings/embed-documents.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { createLogger } from '../../server/platform/logger.js';
import { rebuildSearchIndex } from '../../server/platform/search/search-index.js';
import { ensureAllSearchIndexes } from '../../server/search-indexes.js';
import { startStack } from '../stack/index.js';
import { arg, log } from './kit.js';
import { loadRelevanceSet, type RelevanceSet } from './relevance-data.js';
import { mean, ndcgAt, recallAt, shownPrecisionAt, type Judgements } from './relevance-metrics.js';
import { loadSet } from './relevance-seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Row {
  supplier: string;
  coded: boolean;
  keyword: number | null;
  semantic: number | null;
  cpv: number;
  region: number;
  completeness: number;
}
interface NeedRows {
  need: string;
  noGood: boolean;
  judgements: Judgements;
  rows: Row[];
}

interface Params {
  text: number;
  cpv: number;
  region: number;
  completeness: number;
  share: number;
  kwFloor: number;
  kwCeil: number;
  semFloor: number;
  semCeil: number;
}

const rescale = (v: number | null, f: number, c: number) =>
  v === null ? 0 : Math.min(1, Math.max(0, (v - f) / (c - f)));

function score(r: Row, p: Params): number {
  const kw = rescale(r.keyword, p.kwFloor, p.kwCeil);
  const text =
    r.semantic === null ? kw : p.share * rescale(r.semantic, p.semFloor, p.semCeil) + (1 - p.share) * kw;
  if (!r.coded && text === 0) return -1; // dropped, as the matcher drops it
  return p.text * text + p.cpv * r.cpv + p.region * r.region + p.completeness * r.completeness;
}

interface Figures {
  precision5: number;
  recall10: number;
  ndcg10: number;
  noGoodShown: number;
}

/** Each need's candidates by score, best first (ties by id, so runs are reproducible). */
function rankAll(data: NeedRows[], rank: (r: Row) => number) {
  return data.map((d) => ({
    d,
    sorted: d.rows
      .map((r) => ({ id: r.supplier, s: rank(r) }))
      .sort((x, y) => y.s - x.s || x.id.localeCompare(y.id)),
  }));
}

function evaluate(ranked: ReturnType<typeof rankAll>, threshold: number): Figures {
  const lists = ranked.map(({ d, sorted }) => ({
    d,
    shown: sorted.filter((x) => x.s >= threshold).map((x) => x.id),
  }));
  const good = lists.filter((l) => !l.d.noGood);
  return {
    precision5: mean(good.map((l) => shownPrecisionAt(5, l.shown, l.d.judgements))),
    recall10: mean(good.map((l) => recallAt(10, l.shown, l.d.judgements))),
    ndcg10: mean(good.map((l) => ndcgAt(10, l.shown, l.d.judgements))),
    noGoodShown: lists.filter((l) => l.d.noGood && l.shown.length > 0).length,
  };
}

const fmt = (f: Figures) =>
  `P@5 ${f.precision5.toFixed(3)}  R@10 ${f.recall10.toFixed(3)}  nDCG@10 ${f.ndcg10.toFixed(3)}  no-good needs with a match: ${f.noGoodShown}`;

async function collect(deps: Deps, set: RelevanceSet): Promise<NeedRows[]> {
  const ids = async (collection: string) =>
    (
      await deps.mongo
        .collection(collection)
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).map((d) => String(d._id));
  const loaded = await loadSet(deps, set, async (what) => {
    if (what === 'suppliers') {
      const all = await ids('supplier_profiles');
      log(`  embedding ${all.length} profiles …`);
      await embedDocuments(deps, 'supplier', all, embeddingTexts.supplier);
      await rebuildSearchIndex(deps, suppliersIndex);
    } else {
      const all = await ids('needs');
      log(`  embedding ${all.length} needs …`);
      await embedDocuments(deps, 'need', all, embeddingTexts.need);
    }
  });
  const needs = createNeedsRepository(deps.mongo);
  const out: NeedRows[] = [];
  for (const judged of set.matching) {
    const need = (await needs.findById(loaded.needId.get(judged.needId)!))!;
    const matchable = { ...need, description: need.description ?? '', requirements: need.requirements ?? [] };
    const { candidates, semantic } = await findCandidates(deps, matchable);
    if (!semantic) log(`  ${judged.needId}: no vector (keyword only)`);
    out.push({
      need: judged.needId,
      noGood: judged.noGoodSupplier === true,
      judgements: judged.relevant,
      rows: candidates.map((c: Candidate) => {
        const parts = scoreMatch(need, c).parts;
        return {
          supplier: loaded.supplierKey.get(c.id) ?? c.id,
          coded: c.coded,
          keyword: c.keyword,
          semantic: c.semantic,
          cpv: parts.cpv,
          region: parts.region,
          completeness: parts.completeness,
        };
      }),
    });
  }
  return out;
}

function* grid(): Generator<Params> {
  for (const text of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75])
    for (const cpv of [0.1, 0.15, 0.2, 0.25])
      for (const region of [0.05, 0.1, 0.15])
        for (const share of [0.4, 0.5, 0.6, 0.7, 0.8])
          for (const kwFloor of [0.1, 0.2, 0.3])
            for (const kwCeil of [0.6, 0.8])
              for (const semFloor of [0.86, 0.88, 0.9, 0.92])
                for (const semCeil of [0.95, 0.97]) {
                  const completeness = Math.round((1 - text - cpv - region) * 100) / 100;
                  if (completeness < 0.03) continue;
                  yield { text, cpv, region, completeness, share, kwFloor, kwCeil, semFloor, semCeil };
                }
}

async function main() {
  const set = loadRelevanceSet();
  const top = arg('top', 10);
  const stack = await startStack({
    root,
    profile: 'bench',
    meiliMasterKey: randomBytes(24).toString('hex'),
    ephemeral: true,
    env: process.env,
    log: (m) => log(`[stack] ${m}`),
  });
  const run = randomBytes(3).toString('hex');
  const config = loadConfig({
    ...process.env,
    ...stack.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: 'http://localhost:3000',
    MONGODB_DB: `bt_calibrate_${run}`,
    MEILI_INDEX_PREFIX: `calibrate_${run}_`,
    QUEUE_PREFIX: `btcal_${run}`,
    SERVE_CLIENT: 'false',
  });
  const deps = await createDeps(config, 'api', createLogger(config, 'bench-calibrate'));
  try {
    await syncAllIndexes(deps);
    await ensureAllSearchIndexes(deps);
    log('loading and embedding the set …');
    const data = await collect(deps, set);
    log(`${data.length} judged needs, ${mean(data.map((d) => d.rows.length)).toFixed(1)} candidates each`);
    const dump = process.argv.indexOf('--dump');
    if (dump >= 0 && process.argv[dump + 1]) {
      writeFileSync(process.argv[dump + 1]!, JSON.stringify(data, null, 1));
      log(`rows written to ${process.argv[dump + 1]}`);
    }

    const before = (r: Row) =>
      r.coded ? 0.5 * r.cpv + 0.2 * r.region + 0.2 * (r.keyword ?? 0) + 0.1 * r.completeness : -1;
    log(`before (CPV-gated, old formula, all shown): ${fmt(evaluate(rankAll(data, before), 0))}`);

    const results: { p: Params; threshold: number; f: Figures; objective: number }[] = [];
    for (const p of grid()) {
      const ranked = rankAll(data, (r) => score(r, p));
      for (let threshold = 0.3; threshold <= 0.6001; threshold += 0.025) {
        const f = evaluate(ranked, threshold);
        if (f.noGoodShown > 0) continue;
        results.push({ p, threshold, f, objective: (f.precision5 + f.recall10 + f.ndcg10) / 3 });
      }
    }
    results.sort((a, b) => b.objective - a.objective);
    const current = CALIBRATION;
    const now = {
      ...current.weights,
      share: current.semanticShare,
      kwFloor: current.keywordFloor,
      kwCeil: current.keywordCeiling,
      semFloor: current.semanticFloor,
      semCeil: current.semanticCeiling,
    };
    log(
      `current CALIBRATION at ${DEFAULT_MATCH_THRESHOLD}: ${fmt(
        evaluate(
          rankAll(data, (r) => score(r, now)),
          DEFAULT_MATCH_THRESHOLD,
        ),
      )}`,
    );
    for (const r of results.slice(0, top)) {
      log(
        `${r.objective.toFixed(3)}  threshold ${r.threshold.toFixed(3)}  ${JSON.stringify(r.p)}\n    ${fmt(r.f)}`,
      );
    }
  } finally {
    await closeDeps(deps);
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
