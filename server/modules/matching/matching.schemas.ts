import { z } from 'zod';
import { companySizes } from '../suppliers/suppliers.schemas.js';
import { pageOf, paginationQuery } from '../policy/params.js';
import { regionCodeSchema } from '../reference/nuts.js';

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(50));

const weights = z
  .object({ text: z.number(), cpv: z.number(), region: z.number(), completeness: z.number() })
  .meta({ id: 'MatchWeights', description: 'score = Σ weight · part' });
const parts = weights
  .extend({
    keyword: z.number().optional().meta({ description: 'Keyword relevance, a component of text (0–1)' }),
    semantic: z
      .number()
      .optional()
      .meta({ description: 'Semantic similarity, a component of text (0–1); absent without vectors' }),
  })
  .meta({ id: 'MatchParts' });
const explanation = z.object({ sv: z.array(z.string()), en: z.array(z.string()) }).meta({
  id: 'MatchExplanation',
  description: 'Why the supplier fits, one sentence per part, in Swedish and English',
});

export const needMatchesQuery = z
  .object({
    ...paginationQuery,
    minScore: z.coerce.number().min(0).max(1).optional(),
    region: csv(regionCodeSchema)
      .optional()
      .meta({ description: 'Suppliers serving one of these regions (comma-separated)' }),
    size: csv(z.enum(companySizes)).optional(),
  })
  .strict();

export const needMatchDto = z
  .object({
    supplierId: z.string(),
    supplierName: z.string(),
    regions: z.array(z.string()),
    size: z.string().optional(),
    score: z.number(),
    parts,
    weights,
    explanation,
    strong: z.boolean().meta({ description: 'At or above the network’s threshold' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'NeedMatch' });

export const needMatchesDto = pageOf(needMatchDto, 'NeedMatchPage')
  .extend({
    threshold: z.number().meta({
      description:
        'The network’s threshold: matches at or above it are strong (invited to meetings, emailed)',
    }),
    strongTotal: z.number().int().meta({ description: 'Matches at or above the threshold' }),
    noStrongMatches: z.boolean().meta({
      description: 'True when no supplier reaches the threshold yet: show "no strong matches yet"',
    }),
  })
  .meta({ id: 'NeedMatchPage' });

export const myMatchesQuery = z
  .object({
    ...paginationQuery,
    includeClosed: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();

export const myMatchDto = z
  .object({
    needId: z.string(),
    title: z.string(),
    summary: z.string(),
    stage: z.string(),
    networkId: z.string(),
    open: z.boolean(),
    supplierId: z.string(),
    score: z.number(),
    parts,
    explanation,
    updatedAt: z.string(),
  })
  .meta({ id: 'MyMatch' });

export const myMatchesDto = pageOf(myMatchDto, 'MyMatchPage');
