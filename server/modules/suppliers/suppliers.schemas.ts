import { z } from 'zod';
import { cpvCodeListSchema, normaliseCpv } from '../reference/cpv.js';
import { regionCodeSchema } from '../reference/nuts.js';
import { objectIdSchema } from '../policy/params.js';

/** EU SME definition (Recommendation 2003/361/EC): micro < 10, small < 50, medium < 250 staff. */
export const companySizes = ['micro', 'small', 'medium', 'large'] as const;
export const employeesBands = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;
export const offeringTypes = ['product', 'service', 'capability'] as const;
export const moderationStates = ['pending_review', 'approved', 'rejected', 'suspended'] as const;

export type CompanySize = (typeof companySizes)[number];
export type ModerationState = (typeof moderationStates)[number];

const thisYear = () => new Date().getUTCFullYear();

/** Single-line text: trimmed, inner whitespace collapsed. */
const line = (min: number, max: number) =>
  z
    .string()
    .transform((v) => v.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(min, `Use at least ${min} characters.`).max(max, `Use at most ${max} characters.`));
const paragraphs = (max: number) =>
  z
    .string()
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `Use at most ${max} characters.`));
const webUrl = z
  .string()
  .trim()
  .max(300)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'Must be a web address starting with https:// (or http://).')
  .meta({ format: 'uri', example: 'https://www.example.se' });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(z.regexes.email, 'Enter a valid email address.')
  .meta({ format: 'email' });
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,25}$/, 'Enter a phone number such as +46 8 123 456 78.');

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const knownLanguages = new Map<string, boolean>();
/** Intl lookups are slow (an import validates 100,000 rows); there are few codes, so remember them. */
function isLanguageCode(code: string): boolean {
  let known = knownLanguages.get(code);
  if (known === undefined) {
    known = /^[a-z]{2}$/.test(code) && languageNames.of(code) !== undefined;
    if (knownLanguages.size < 1_000) knownLanguages.set(code, known);
  }
  return known;
}
/** ISO 639-1 code of a language the supplier works in, e.g. `sv`, `en`, `fi`, `se` (Northern Sami). */
export const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isLanguageCode, 'Must be an ISO 639-1 language code such as sv or en.')
  .meta({ example: 'sv' });

const uniqueSorted = <T extends z.ZodType<string>>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max, `At most ${max} ${what}.`)
    .transform((values) => [...new Set(values as string[])].sort());

export const offeringSchema = z
  .strictObject({
    type: z.enum(offeringTypes),
    name: line(2, 120),
    description: paragraphs(500).optional(),
  })
  .meta({ id: 'SupplierOffering' });

export const referenceSchema = z
  .strictObject({
    buyerName: line(2, 200).meta({ description: 'The public customer, e.g. Region Skåne.' }),
    year: z
      .number()
      .int()
      .min(1990)
      .max(thisYear() + 1),
    text: paragraphs(500).optional(),
  })
  .meta({ id: 'SupplierReference' });

export const contactInputSchema = z
  .strictObject({
    name: line(2, 120),
    role: line(2, 120).optional(),
    email,
    phone: phone.optional(),
    consent: z.literal(true, {
      error: 'The person must have agreed to be shown to verified buyers (set consent to true).',
    }),
  })
  .meta({ id: 'SupplierContactInput' });

/**
 * The profile a supplier writes (PUT body, and every import row). Regions: NUTS codes, `SE` for
 * all of Sweden, `NORDICS` for the Nordic countries. CPV codes in any accepted form.
 */
export const profileInputShape = {
  name: line(2, 120).meta({ description: 'Display name, e.g. the brand.' }),
  pitch: line(10, 200).meta({ description: 'One sentence: what the supplier does.' }),
  description: paragraphs(5_000).default(''),
  offerings: z.array(offeringSchema).min(1, 'Add at least one offering.').max(30),
  cpvCodes: cpvCodeListSchema.pipe(
    z.array(z.string()).min(1, 'Add at least one CPV code.').max(50, 'At most 50 CPV codes.'),
  ),
  regions: uniqueSorted(regionCodeSchema, 40, 'regions').pipe(
    z.array(z.string()).min(1, 'Add at least one region.'),
  ),
  companySize: z.enum(companySizes),
  foundedYear: z.number().int().min(1800).max(thisYear()).optional(),
  employeesBand: z.enum(employeesBands).optional(),
  languages: uniqueSorted(languageSchema, 20, 'languages').default([]),
  website: webUrl.optional(),
  logoUrl: webUrl.optional(),
  references: z.array(referenceSchema).max(20).default([]),
  certifications: uniqueSorted(line(2, 60), 20, 'certifications').default([]),
  keywords: uniqueSorted(
    line(2, 50).transform((k) => k.toLowerCase()),
    30,
    'keywords',
  ).default([]),
  contacts: z.array(contactInputSchema).max(10).default([]),
  publicProfile: z
    .boolean()
    .default(false)
    .meta({ description: 'Also show the profile (never its contact persons) to anyone, without login.' }),
};

export const profileInputSchema = z.strictObject(profileInputShape).meta({ id: 'SupplierProfileInput' });
export type ProfileInput = z.output<typeof profileInputSchema>;

// ---------------------------------------------------------------------------------------------
// Search

const list = <T extends z.ZodType<unknown, string>>(item: T, max = 20) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max));

/**
 * A CPV filter value: a full code or a prefix of 2–7 digits (`48`, `482`), which is padded to the
 * code it names (`48000000`, `48200000`). Matches that code and everything below it.
 */
export const cpvFilterSchema = z.string().transform((value, ctx) => {
  const compact = value.replace(/\s+/g, '');
  const padded = /^\d{2,7}$/.test(compact) ? compact.padEnd(8, '0') : compact;
  const code = normaliseCpv(padded);
  if (code === null) {
    ctx.addIssue({ code: 'custom', message: `Unknown CPV code or prefix: ${value}`, input: value });
    return z.NEVER;
  }
  return code;
});

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().max(200).default(''),
  cpv: list(cpvFilterSchema)
    .optional()
    .meta({ description: 'CPV code or prefix; repeat or comma-separate for OR.' }),
  region: list(regionCodeSchema).optional().meta({
    description: 'Suppliers serving this region: also those serving a region containing it (SE, NORDICS).',
  }),
  size: list(z.enum(companySizes), 4).optional(),
  certification: list(z.string().max(60)).optional(),
  language: list(languageSchema).optional(),
  page: z.coerce.number().int().min(1).max(1_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Moderation and reports

export const reasonBody = z
  .strictObject({ reason: line(5, 1_000).meta({ description: 'Sent to the supplier.' }) })
  .meta({ id: 'ModerationReason' });

export const reportBody = z
  .strictObject({
    reason: paragraphs(1_000)
      .pipe(z.string().min(10, 'Use at least 10 characters.'))
      .meta({ description: 'What is wrong with the profile.' }),
  })
  .meta({ id: 'SupplierReportRequest' });

export const resolveReportsBody = z
  .strictObject({
    decision: z.enum(['restore', 'keep_hidden']).meta({
      description:
        '`restore`: the reports are dismissed and the profile is listed again. `keep_hidden`: they are upheld and the profile is suspended with `note` as the reason (emailed to the owners).',
    }),
    note: line(5, 1_000).optional(),
  })
  .refine((b) => b.decision === 'restore' || b.note !== undefined, {
    path: ['note'],
    message: 'Give the reason the owners will read.',
  })
  .meta({ id: 'ResolveSupplierReports' });

export const moderationQuery = z.strictObject({
  status: z.enum(moderationStates).default('pending_review'),
  page: z.coerce.number().int().min(1).max(1_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const orgIdParams = z.strictObject({ id: objectIdSchema });

// ---------------------------------------------------------------------------------------------
// DTOs

const cpvDto = z.object({ code: z.string(), sv: z.string(), en: z.string() }).meta({ id: 'CpvLabel' });

const profileFields = {
  id: z.string().meta({ description: 'Also the id of the supplier organisation.' }),
  organisationId: z.string(),
  country: z.enum(['SE', 'NO']),
  orgNumber: z.string(),
  name: z.string(),
  pitch: z.string(),
  description: z.string(),
  offerings: z.array(
    z.object({ type: z.enum(offeringTypes), name: z.string(), description: z.string().optional() }),
  ),
  cpvCodes: z.array(cpvDto),
  regions: z.array(z.string()),
  companySize: z.enum(companySizes),
  foundedYear: z.number().nullable(),
  employeesBand: z.enum(employeesBands).nullable(),
  languages: z.array(z.string()),
  website: z.string().nullable(),
  logoUrl: z.string().nullable(),
  references: z.array(z.object({ buyerName: z.string(), year: z.number(), text: z.string().optional() })),
  certifications: z.array(z.string()),
  keywords: z.array(z.string()),
  publicProfile: z.boolean(),
  approvedAt: z.string().nullable(),
  updatedAt: z.string(),
};

export const contactDto = z
  .object({ name: z.string(), role: z.string().nullable(), email: z.string(), phone: z.string().nullable() })
  .meta({ id: 'SupplierContact' });

/** What anyone allowed to see the profile gets: never contact persons. */
export const profileDto = z.object({ ...profileFields }).meta({ id: 'SupplierProfile' });
/** For verified buyers, admins and the supplier's own people (policy `supplierProfile.readContacts`). */
export const profileWithContactsDto = z
  .object({ ...profileFields, contacts: z.array(contactDto) })
  .meta({ id: 'SupplierProfileWithContacts' });

export const ownProfileDto = z
  .object({
    ...profileFields,
    status: z.enum(moderationStates),
    contacts: z.array(contactDto.extend({ consentAt: z.string() })),
    /** Whether others currently see an approved version (maybe an older one). */
    listed: z.boolean(),
    /** Fields changed since the approved version, awaiting review. */
    pendingChanges: z.array(z.string()),
    approvedVersion: profileDto.nullable(),
    rejectionReason: z.string().nullable(),
    suspensionReason: z.string().nullable(),
    submittedAt: z.string().nullable(),
  })
  .meta({ id: 'OwnSupplierProfile' });

export const searchHitDto = z
  .object({
    id: z.string(),
    name: z.string(),
    pitch: z.string(),
    offerings: z.array(z.string()),
    cpvCodes: z.array(z.string()),
    regions: z.array(z.string()),
    companySize: z.enum(companySizes),
    certifications: z.array(z.string()),
    languages: z.array(z.string()),
    logoUrl: z.string().nullable(),
    highlight: z
      .object({
        name: z.string().optional(),
        pitch: z.string().optional(),
        description: z.string().optional(),
      })
      .optional()
      .meta({ description: 'HTML-escaped snippets with matches in <mark>…</mark>.' }),
  })
  .meta({ id: 'SupplierSearchHit' });

const facetCounts = z.record(z.string(), z.number().int());
export const searchResultDto = z
  .object({
    items: z.array(searchHitDto),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    totalPages: z.number(),
    facets: z.object({
      cpv: facetCounts.meta({ description: 'By CPV division (`48000000`).' }),
      region: facetCounts.meta({ description: 'By served region code.' }),
      size: facetCounts,
      certification: facetCounts,
      language: facetCounts,
    }),
    degraded: z.boolean().optional().meta({
      description:
        'True when the search engine was unavailable and MongoDB answered (no ranking, no typo tolerance).',
    }),
    keywordOnly: z.boolean().optional().meta({
      description:
        'True when a text query was answered by keywords only: the embedding model was unavailable.',
    }),
  })
  .meta({ id: 'SupplierSearchResult' });

export const moderationItemDto = z
  .object({
    id: z.string(),
    name: z.string(),
    orgNumber: z.string(),
    organisationStatus: z.string(),
    status: z.enum(moderationStates),
    submittedAt: z.string().nullable(),
    pendingChanges: z.array(z.string()),
    openReports: z.number(),
    profile: profileWithContactsDto,
  })
  .meta({ id: 'SupplierModerationItem' });

export const moderationListDto = z
  .object({ items: z.array(moderationItemDto), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'SupplierModerationList' });

export const reportDto = z
  .object({ id: z.string(), supplierId: z.string(), reason: z.string(), createdAt: z.string() })
  .meta({ id: 'SupplierReport' });
