/**
 * The relevance evaluation set (test/fixtures/relevance/, README there): read and validated with
 * zod. Every CPV and region code must exist, ids must be unique and every judged id must exist,
 * query categories must be known, and the set must keep the sizes issue 13 asks for (≥ 50 needs,
 * ≥ 60 profiles, ≥ 50 queries with ≥ 6 per category, ≥ 20 needs with graded suppliers, ≥ 3
 * needs with no good supplier). A broken set fails loudly instead of measuring something else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isValidCpv } from '../../server/modules/reference/cpv.js';
import { isValidRegion } from '../../server/modules/reference/nuts.js';
import { companySizes, offeringTypes } from '../../server/modules/suppliers/suppliers.schemas.js';

export const RELEVANCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test/fixtures/relevance',
);

export const QUERY_CATEGORIES = [
  'compound',
  'inflection',
  'synonym',
  'typo',
  'english',
  'cpv_label',
  'exact',
  'multiword',
] as const;
export type QueryCategory = (typeof QUERY_CATEGORIES)[number];

const text = (min: number) => z.string().trim().min(min);
const cpvCodes = z
  .array(z.string().refine(isValidCpv, { message: 'unknown CPV code' }))
  .min(1)
  .max(10);
const regions = z
  .array(z.string().refine(isValidRegion, { message: 'unknown region code' }))
  .min(1)
  .max(10);
const grades = z.record(z.string(), z.union([z.literal(1), z.literal(2)]));

export const relevanceNeedSchema = z.strictObject({
  id: z.string().regex(/^n-[a-z0-9-]+$/),
  title: text(5).max(200),
  summary: text(20),
  requirements: z.array(text(10)).min(1),
  description: text(50),
  desiredOutcomes: z.string().optional(),
  cpvCodes,
  regions,
  language: z.enum(['sv', 'en']),
});

export const relevanceSupplierSchema = z.strictObject({
  id: z.string().regex(/^s-[a-z0-9-]+$/),
  name: text(2).max(120),
  pitch: text(10).max(200),
  description: text(20),
  offerings: z
    .array(z.strictObject({ type: z.enum(offeringTypes), name: text(2), description: z.string().optional() }))
    .min(1),
  keywords: z.array(text(2)),
  references: z.array(
    z.strictObject({
      buyerName: text(2),
      year: z.number().int().min(1990).max(2030),
      text: z.string().optional(),
    }),
  ),
  cpvCodes,
  regions,
  companySize: z.enum(companySizes),
  languages: z.array(z.enum(['sv', 'en'])).min(1),
});

export const relevanceQuerySchema = z.strictObject({
  id: z.string().regex(/^q-[a-z_]+-\d+$/),
  category: z.enum(QUERY_CATEGORIES),
  q: text(2).max(200),
  judgements: grades.refine((g) => Object.keys(g).length > 0, { message: 'a query needs a relevant need' }),
});

export const relevanceMatchingSchema = z
  .strictObject({
    needId: z.string(),
    relevant: grades,
    noGoodSupplier: z.boolean().optional(),
    note: z.string(),
  })
  .refine((m) => (m.noGoodSupplier === true) === (Object.keys(m.relevant).length === 0), {
    message: 'noGoodSupplier: true exactly when no supplier is relevant',
  });

export type RelevanceNeed = z.output<typeof relevanceNeedSchema>;
export type RelevanceSupplier = z.output<typeof relevanceSupplierSchema>;
export type RelevanceQuery = z.output<typeof relevanceQuerySchema>;
export type RelevanceMatching = z.output<typeof relevanceMatchingSchema>;

export interface RelevanceSet {
  needs: RelevanceNeed[];
  suppliers: RelevanceSupplier[];
  queries: RelevanceQuery[];
  matching: RelevanceMatching[];
}

export const MINIMUM = { needs: 50, suppliers: 60, queries: 50, perCategory: 6, matched: 20, noGood: 3 };

function readJson(dir: string, file: string): unknown {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}

/** Cross-file rules the per-item schemas cannot see; returns every problem found. */
export function crossCheck(set: RelevanceSet): string[] {
  const problems: string[] = [];
  const needIds = new Set(set.needs.map((n) => n.id));
  const supplierIds = new Set(set.suppliers.map((s) => s.id));
  const unique = (label: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${label}: duplicate id ${id}`);
      seen.add(id);
    }
  };
  unique(
    'needs',
    set.needs.map((n) => n.id),
  );
  unique(
    'needs (titles)',
    set.needs.map((n) => n.title),
  );
  unique(
    'suppliers',
    set.suppliers.map((s) => s.id),
  );
  unique(
    'queries',
    set.queries.map((q) => q.id),
  );
  unique(
    'matching',
    set.matching.map((m) => m.needId),
  );
  for (const q of set.queries)
    for (const id of Object.keys(q.judgements))
      if (!needIds.has(id)) problems.push(`query ${q.id}: unknown need ${id}`);
  for (const m of set.matching) {
    if (!needIds.has(m.needId)) problems.push(`matching: unknown need ${m.needId}`);
    for (const id of Object.keys(m.relevant))
      if (!supplierIds.has(id)) problems.push(`matching ${m.needId}: unknown supplier ${id}`);
  }
  const count = (n: number, min: number, what: string) => {
    if (n < min) problems.push(`${what}: ${n}, at least ${min} wanted`);
  };
  count(set.needs.length, MINIMUM.needs, 'needs');
  count(set.suppliers.length, MINIMUM.suppliers, 'suppliers');
  count(set.queries.length, MINIMUM.queries, 'queries');
  for (const c of QUERY_CATEGORIES)
    count(set.queries.filter((q) => q.category === c).length, MINIMUM.perCategory, `queries in ${c}`);
  count(set.matching.filter((m) => !m.noGoodSupplier).length, MINIMUM.matched, 'needs with graded suppliers');
  count(set.matching.filter((m) => m.noGoodSupplier).length, MINIMUM.noGood, 'needs with no good supplier');
  return problems;
}

/** Reads and validates the set; throws with every problem listed. */
export function loadRelevanceSet(dir = RELEVANCE_DIR): RelevanceSet {
  const parse = <T>(schema: z.ZodType<T>, file: string): T[] => {
    const result = z.array(schema).safeParse(readJson(dir, file));
    if (!result.success) {
      const issues = result.error.issues.map((i) => `  ${file} ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid relevance set:\n${issues.join('\n')}`);
    }
    return result.data;
  };
  const set: RelevanceSet = {
    needs: parse(relevanceNeedSchema, 'needs.json'),
    suppliers: parse(relevanceSupplierSchema, 'suppliers.json'),
    queries: parse(relevanceQuerySchema, 'queries.json'),
    matching: parse(relevanceMatchingSchema, 'matching.json'),
  };
  const problems = crossCheck(set);
  if (problems.length > 0) throw new Error(`Invalid relevance set:\n  ${problems.join('\n  ')}`);
  return set;
}
