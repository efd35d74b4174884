import { z } from 'zod';
import { cpvCodeSchema } from './cpv.js';

/** Query strings carry numbers as text; empty means "not given". */
const optionalInt = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

export const cpvLangSchema = z.enum(['sv', 'en']).default('sv').meta({ description: 'Label language' });

export const cpvQuery = z.strictObject({
  q: z.string().trim().max(100).optional().meta({
    description: 'Code prefix (`482`) or words of the Swedish or English label (`läkemedel`, `software`).',
  }),
  parent: cpvCodeSchema.optional().meta({
    description: 'Only codes below this one. Without `q`: its direct children (browse the tree).',
    example: '48000000',
  }),
  lang: cpvLangSchema,
  limit: optionalInt(1, 200, 20).meta({ description: 'Maximum hits for `q` (1–200).' }),
});

export const cpvCodeParams = z.object({ code: cpvCodeSchema.meta({ example: '48200000' }) });

export const cpvItemDto = z
  .object({
    code: z.string().meta({ example: '48200000' }),
    /** The official check digit where known (TED prints `48200000-6`). */
    checkDigit: z.string().nullable(),
    label: z.string(),
    depth: z.number().int(),
    parent: z.string().nullable(),
    hasChildren: z.boolean(),
    match: z
      .enum(['code', 'code-prefix', 'label-start', 'word', 'word-prefix', 'contains'])
      .optional()
      .meta({ description: 'Why a search hit matched (search only).' }),
  })
  .meta({ id: 'CpvItem' });

export const cpvListDto = z.object({ items: z.array(cpvItemDto) }).meta({ id: 'CpvList' });

export const cpvDetailDto = z
  .object({
    code: z.string(),
    checkDigit: z.string().nullable(),
    labels: z.object({ sv: z.string(), en: z.string() }),
    depth: z.number().int(),
    parent: z.string().nullable(),
    /** From the division down to the parent. */
    ancestors: z.array(z.object({ code: z.string(), labels: z.object({ sv: z.string(), en: z.string() }) })),
    children: z.number().int().meta({ description: 'Number of direct children' }),
  })
  .meta({ id: 'CpvDetail' });

export const regionsQuery = z.strictObject({
  country: z.enum(['SE', 'NO']).optional().meta({ description: 'Only this country and its NUTS regions.' }),
});

export const regionDto = z
  .object({
    code: z.string().meta({ example: 'SE110' }),
    level: z.number().int().meta({ description: '-1 NORDICS, 0 country, 1–3 NUTS level' }),
    parent: z.string().nullable(),
    name: z.object({ sv: z.string(), en: z.string(), nb: z.string() }),
  })
  .meta({ id: 'Region' });

export const regionListDto = z.object({ items: z.array(regionDto) }).meta({ id: 'RegionList' });

export type CpvQuery = z.output<typeof cpvQuery>;
