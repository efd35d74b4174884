import { z } from 'zod';
import { objectIdSchema } from '../policy/params.js';
import { cpvCodeSchema } from '../reference/cpv.js';
import { cpvPrefixFilterSchema } from '../reference/cpv-filter.js';
import { regionCodeSchema } from '../reference/nuts.js';
import {
  currencies,
  innovationTypes,
  needLanguages,
  needStages,
  needStatuses,
  outcomeResults,
} from './need.model.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** `YYYY-MM-DD`, stored as midnight UTC. */
const isoDate = z.iso.date().transform((v) => new Date(`${v}T00:00:00.000Z`));
const isoDateTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** Stages a network sets itself; `closed` is reached only by closing the need (with an outcome). */
const editableStages = needStages.filter((s) => s !== 'closed') as Exclude<
  (typeof needStages)[number],
  'closed'
>[];

const uniqueSorted = <T extends string>(values: T[]) => [...new Set(values)].sort();

const demandRowInput = z
  .strictObject({
    organisationId: objectIdSchema,
    quantity: z
      .strictObject({
        amount: z.number().positive().max(1e12),
        unit: text(1, 40).meta({ example: 'licenser' }),
      })
      .optional(),
    value: z
      .strictObject({
        amount: z.number().nonnegative().max(1e13),
        currency: z.enum(currencies).default('SEK'),
      })
      .optional()
      .meta({ description: 'Estimated value in whole currency units (SEK by default).' }),
    timeframe: z
      .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
      .refine((t) => !t.from || !t.to || t.from <= t.to, {
        message: 'Must not end before it starts.',
        path: ['to'],
      })
      .optional(),
  })
  .meta({ id: 'DemandRowInput' });

/** Fields the network writes; all optional so that a draft may be saved half-done. */
const contentFields = {
  buyerGroupId: objectIdSchema
    .nullable()
    .optional()
    .meta({ description: 'A buyer group of the network that owns the need; null removes it.' }),
  title: text(5, 200),
  summary: text(10, 500).meta({ description: 'One paragraph shown in search results.' }),
  description: text(0, 20_000).meta({
    description: 'The problem: who has it, why it matters, what exists today.',
  }),
  requirements: z
    .array(text(3, 500))
    .max(50)
    .meta({ description: 'Functional requirements in order: what must be achieved, not which product.' }),
  desiredOutcomes: text(0, 5_000),
  cpvCodes: z
    .array(cpvCodeSchema)
    .min(1)
    .max(20)
    .transform(uniqueSorted)
    .meta({ description: 'CPV codes (`48200000` or `48200000-6`); stored as 8 digits.' }),
  regions: z
    .array(regionCodeSchema)
    .min(1)
    .max(30)
    .transform(uniqueSorted)
    .meta({ description: 'NUTS codes for Sweden and Norway (SE110, NO081), or a country.' }),
  innovationType: z.enum(innovationTypes),
  stage: z.enum(editableStages),
  questionsDeadline: isoDateTime.nullable().optional(),
  dialoguePeriod: z
    .strictObject({ start: isoDate.optional(), end: isoDate.optional() })
    .refine((p) => !p.start || !p.end || p.start <= p.end, {
      message: 'Must not end before it starts.',
      path: ['end'],
    })
    .nullable()
    .optional(),
  plannedProcurementStart: isoDate.nullable().optional(),
  language: z.enum(needLanguages),
  contact: z
    .strictObject({ name: text(2, 120), email: z.email().max(254), phone: text(5, 40).optional() })
    .nullable()
    .optional()
    .meta({ description: 'Public contact point; prefer a functional mailbox (personal data).' }),
  attachments: z
    .array(z.strictObject({ title: text(1, 200), url: z.url({ protocol: /^https$/ }).max(2_000) }))
    .max(20)
    .meta({ description: 'Links (https) to documents, e.g. a pre-study report.' }),
  demand: z
    .array(demandRowInput)
    .max(200)
    .refine((rows) => new Set(rows.map((r) => r.organisationId)).size === rows.length, {
      message: 'Each organisation may be listed once.',
    })
    .meta({ description: 'Aggregated demand: one row per participating member organisation.' }),
};

export const createNeedBody = z
  .strictObject({
    networkId: objectIdSchema,
    ...contentFields,
    summary: contentFields.summary.optional(),
    description: contentFields.description.optional(),
    requirements: contentFields.requirements.optional(),
    desiredOutcomes: contentFields.desiredOutcomes.optional(),
    cpvCodes: z.array(cpvCodeSchema).max(20).transform(uniqueSorted).optional(),
    regions: z.array(regionCodeSchema).max(30).transform(uniqueSorted).optional(),
    innovationType: contentFields.innovationType.optional(),
    stage: contentFields.stage.optional(),
    language: contentFields.language.optional(),
    attachments: contentFields.attachments.optional(),
    demand: contentFields.demand.optional(),
  })
  .meta({ id: 'CreateNeed' });

export const updateNeedBody = z
  .strictObject(contentFields)
  .partial()
  .extend({
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The version you edited; 409 `version_conflict` if someone saved in between.' }),
    changeNote: text(1, 500)
      .optional()
      .meta({ description: 'Why it changed (shown in the public change log).' }),
  })
  .meta({ id: 'UpdateNeed' });

export const closeNeedBody = z
  .strictObject({
    outcome: z.strictObject({
      result: z
        .enum(outcomeResults)
        .meta({ description: '`procured`, or `not_procured` with the reason in description.' }),
      description: text(10, 5_000).meta({ description: 'What was procured, or why not.' }),
      results: text(1, 10_000).optional(),
      lessonsLearned: text(1, 10_000).optional(),
    }),
  })
  .meta({ id: 'CloseNeed' });

export const rejectNeedBody = z.strictObject({ reason: text(10, 2_000) }).meta({ id: 'RejectNeed' });
export const approveNeedBody = z.strictObject({ note: text(1, 1_000).optional() }).optional();

export const reportNeedBody = z
  .strictObject({
    reason: text(10, 1_000).meta({ description: 'What is wrong with the need.' }),
  })
  .meta({ id: 'ReportNeed' });

export const resolveReportsBody = z
  .strictObject({
    decision: z
      .enum(['restore', 'keep_hidden'])
      .meta({ description: '`restore`: the reports are dismissed and the need is public again.' }),
    note: text(1, 1_000).optional(),
  })
  .meta({ id: 'ResolveNeedReports' });

/** A comma-separated list (`cpv=48000000,72000000`) or a repeated parameter. */
function csv<T extends z.ZodType>(item: T, max = 20) {
  return z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
    return parts.map((s) => s.trim()).filter((s) => s.length > 0);
  }, z.array(item).max(max).optional());
}

const queryInt = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

export const searchNeedsQuery = z
  .object({
    q: z.string().trim().max(200).optional().meta({ description: 'Words; typo tolerant, sv/en synonyms.' }),
    cpv: csv(cpvPrefixFilterSchema).meta({
      description: 'CPV codes or prefixes of 2–7 digits (`03`); a code also finds needs coded below it.',
      example: '48000000,72000000',
    }),
    region: csv(regionCodeSchema).meta({
      description: 'Region codes; SE also finds SE110.',
      example: 'SE110',
    }),
    network: csv(objectIdSchema),
    stage: csv(z.enum(needStages)),
    innovationType: csv(z.enum(innovationTypes)),
    sort: z
      .enum(['relevance', 'published_desc', 'published_asc', 'deadline_asc'])
      .optional()
      .meta({ description: 'Default: relevance with `q`, else published_desc.' }),
    page: queryInt(1, 500, 1),
    pageSize: queryInt(1, 100, 20),
  })
  .refine((q) => q.page * q.pageSize <= 10_000, {
    message: 'Only the first 10,000 hits can be paged.',
    path: ['page'],
  });

export const pageQuery = z.object({ page: queryInt(1, 10_000, 1), pageSize: queryInt(1, 100, 20) });

export const moderationQuery = pageQuery.extend({
  queue: z.enum(['submitted', 'reported']).default('submitted').meta({
    description: '`submitted`: waiting for review, oldest first. `reported`: open reports, hidden first.',
  }),
});

export const networkNeedsQuery = pageQuery.extend({ status: csv(z.enum(needStatuses), 5) });

// ---------------------------------------------------------------------------------------------
// Responses

const ref = z.object({ id: z.string(), name: z.string() });
const date = z.string().meta({ example: '2026-03-01' });
const dateTime = z.iso.datetime();

export const needSummaryDto = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    network: ref,
    stage: z.enum(needStages),
    status: z.enum(needStatuses),
    cpvCodes: z.array(z.string()),
    regions: z.array(z.string()),
    language: z.enum(needLanguages),
    publishedAt: dateTime,
    questionsDeadline: dateTime.optional(),
    highlight: z.object({ title: z.string().optional(), summary: z.string().optional() }).optional().meta({
      description: 'Matched words wrapped in `<mark>`…`</mark>`; the rest is plain text (not HTML-escaped).',
    }),
  })
  .meta({ id: 'NeedSummary' });

const facetCounts = z.record(z.string(), z.number().int());

export const needSearchDto = z
  .object({
    items: z.array(needSummaryDto),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    facets: z.object({
      stage: facetCounts,
      region: facetCounts.meta({
        description: 'By region code at every level (SE counts everything in Sweden).',
      }),
      cpv: facetCounts.meta({ description: 'By CPV division (`48000000`).' }),
      network: facetCounts.meta({ description: 'By network id; names in `networks`.' }),
    }),
    networks: z.record(z.string(), z.string()).meta({ description: 'Network names by id.' }),
    degraded: z.boolean().optional().meta({
      description:
        'True when the search engine was unavailable and MongoDB answered (no ranking, no typo tolerance).',
    }),
    keywordOnly: z.boolean().optional().meta({
      description:
        'True when a text query was answered by keywords only: the embedding model was unavailable.',
    }),
  })
  .meta({ id: 'NeedSearchResult' });

const demandRowDto = z.object({
  organisation: ref,
  quantity: z.object({ amount: z.number(), unit: z.string() }).optional(),
  value: z.object({ amount: z.number(), currency: z.enum(currencies) }).optional(),
  timeframe: z.object({ from: date.optional(), to: date.optional() }).optional(),
});

export const needDto = z
  .object({
    id: z.string(),
    status: z.enum(needStatuses),
    hidden: z
      .boolean()
      .optional()
      .meta({ description: 'Shown to the network and admins: hidden by reports.' }),
    version: z.number().int(),
    network: ref,
    buyerGroup: ref.optional(),
    title: z.string(),
    summary: z.string(),
    description: z.string(),
    requirements: z.array(z.string()),
    desiredOutcomes: z.string(),
    cpvCodes: z.array(z.string()),
    cpv: z.array(z.object({ code: z.string(), label: z.object({ sv: z.string(), en: z.string() }) })),
    regions: z.array(z.string()),
    innovationType: z.enum(innovationTypes),
    stage: z.enum(needStages),
    questionsDeadline: dateTime.optional(),
    dialoguePeriod: z.object({ start: date.optional(), end: date.optional() }).optional(),
    plannedProcurementStart: date.optional(),
    language: z.enum(needLanguages),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }).optional(),
    attachments: z.array(z.object({ title: z.string(), url: z.string() })),
    demand: z.object({
      rows: z.array(demandRowDto),
      totals: z.object({
        organisations: z.number().int(),
        value: z
          .array(z.object({ currency: z.enum(currencies), amount: z.number() }))
          .meta({ description: 'Summed per currency.' }),
        quantity: z
          .array(z.object({ unit: z.string(), amount: z.number() }))
          .meta({ description: 'Summed per unit.' }),
      }),
    }),
    createdAt: dateTime,
    updatedAt: dateTime,
    submittedAt: dateTime.optional(),
    publishedAt: dateTime.optional(),
    closedAt: dateTime.optional(),
    rejection: z
      .object({ reason: z.string(), at: dateTime.optional() })
      .optional()
      .meta({ description: 'Network and admins only.' }),
    outcome: z
      .object({
        result: z.enum(outcomeResults),
        description: z.string(),
        results: z.string().optional(),
        lessonsLearned: z.string().optional(),
      })
      .optional(),
    changeCount: z.number().int().meta({ description: 'Entries in the public change log.' }),
    permissions: z
      .object({
        edit: z.boolean(),
        submit: z.boolean(),
        close: z.boolean(),
        exportNotice: z
          .boolean()
          .meta({ description: 'May download the eForms E1 notice (network members).' }),
      })
      .meta({ description: 'What the caller may do now (all false for the public).' }),
  })
  .meta({ id: 'Need' });

export const needChangeDto = z
  .object({
    id: z.string(),
    at: dateTime,
    version: z.number().int(),
    organisation: ref.nullable(),
    note: z.string().optional(),
    fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  })
  .meta({ id: 'NeedChange' });

export const needChangesDto = z
  .object({
    items: z.array(needChangeDto),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'NeedChangeList' });

export const moderationItemDto = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    network: ref,
    status: z.enum(needStatuses),
    hidden: z.boolean(),
    submittedAt: dateTime.optional(),
    hiddenAt: dateTime.optional(),
    openReports: z.number().int(),
    verifiedOrganisations: z.number().int().optional().meta({
      description: 'Distinct verified organisations behind the open reports: what hides a need.',
    }),
    reports: z
      .array(
        z.object({
          id: z.string(),
          reason: z.string(),
          createdAt: dateTime,
          verifiedOrganisation: z.boolean(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'NeedModerationItem' });

export const moderationListDto = z
  .object({
    items: z.array(moderationItemDto),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'NeedModerationList' });

export const needListDto = z
  .object({
    items: z.array(needSummaryDto.extend({ updatedAt: dateTime, publishedAt: dateTime.optional() })),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'NeedList' });

export const reportCreatedDto = z
  .object({ id: z.string(), status: z.literal('open') })
  .meta({ id: 'NeedReportReceipt' });

export type CreateNeedInput = z.output<typeof createNeedBody>;
export type UpdateNeedInput = z.output<typeof updateNeedBody>;
export type CloseNeedInput = z.output<typeof closeNeedBody>;
export type SearchNeedsQuery = z.output<typeof searchNeedsQuery>;
