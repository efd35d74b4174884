import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { createOutbox, inTransaction } from '../../platform/outbox/outbox.js';
import { syncDocuments } from '../../platform/search/search-index.js';
import { zodProblems } from '../../platform/http/validation.js';
import { orgCountrySchema, refineOrgNumber, withCanonicalOrgNumber } from '../organisations/org-number.js';
import type { ProfileContent, SupplierProfileDoc } from './supplier-profile.model.js';
import { changedFields, contactsOf, contentOf } from './suppliers.content.js';
import { profileChanged } from './suppliers.events.js';
import {
  createImportRepository,
  orgKey,
  type ExistingProfile,
  type ImportWrite,
} from './suppliers-import.repository.js';
import type { RawRow } from './suppliers-import.parse.js';
import { suppliersIndex } from './suppliers-search.js';
import { profileInputShape } from './suppliers.schemas.js';

/**
 * The one import pipeline (CLI, data generator, benchmark): validate every row with the API's
 * profile schema, then per batch read what exists, write only what changed (organisations and
 * profiles with `bulkWrite`) and one outbox event, all in one transaction. The search index
 * follows through the workers (or at once with `indexNow`).
 *
 * Decisions (README, "Supplier import"):
 *  - Rows are keyed by country + org number, so re-running a file is idempotent; a row whose
 *    content hash equals the stored one is not written at all.
 *  - The import is an operator's tool: new organisations are created `verified`, and profiles
 *    `approved` (or `pending_review` with `status: 'pending_review'`). An organisation that
 *    registered itself and is not verified yet is not verified by the import: its profile goes
 *    to review (approval needs a verified organisation, as in the API). A suspended profile
 *    stays suspended: the import updates its content but never lifts an admin's decision.
 *  - An org number that belongs to a buyer organisation is rejected.
 */
export const importRowSchema = z
  .strictObject({
    country: orgCountrySchema.default('SE'),
    orgNumber: z.string({ error: 'Organisation number is required' }),
    organisationName: z.string().trim().min(2).max(200).optional(),
    ...profileInputShape,
  })
  .superRefine(refineOrgNumber)
  .transform(withCanonicalOrgNumber);
export type ImportRow = z.output<typeof importRowSchema>;

/**
 * The hash that makes re-imports idempotent: a row whose hash equals the stored one is not
 * written. zod builds its output with the keys in the schema's order, whatever the order in the
 * file, so the JSON of a parsed row is canonical without sorting keys (sorting took about a
 * tenth of the import's main-thread time). A change of the schema's key order changes every
 * hash once: the next import then rewrites each row once, with the same content.
 */
export function rowHash(row: ImportRow, status: 'approved' | 'pending_review'): string {
  return createHash('sha256')
    .update(JSON.stringify([status, row]))
    .digest('base64url');
}

export interface RejectedRow {
  line: number;
  orgNumber?: string;
  reasons: string[];
}

export interface ImportProgress {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportSummary extends ImportProgress {
  rejectedRows: RejectedRow[];
  /** Ids of the profiles created or updated. Only kept with `collectIds`. */
  changedIds: string[];
  durationMs: number;
}

export interface ImportOptions {
  /** Rows per batch: one transaction and one outbox event each (default 5,000). */
  batchSize?: number;
  status?: 'approved' | 'pending_review';
  /** Also write the search index directly after each batch (no workers needed). */
  indexNow?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  collectIds?: boolean;
  /** Batches written at once (default 3). */
  concurrency?: number;
  /** Rejected rows kept in the summary (the count is always exact). */
  maxRejectedRows?: number;
}

interface ValidRow {
  line: number;
  row: ImportRow;
  hash: string;
}

function describeIssues(error: z.ZodError): string[] {
  return zodProblems(error).map((p) => (p.path === '(root)' ? p.message : `${p.path}: ${p.message}`));
}

export async function importSuppliers(
  deps: Deps,
  rows: AsyncIterable<RawRow> | Iterable<RawRow>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5_000;
  const status = options.status ?? 'approved';
  const maxRejected = options.maxRejectedRows ?? 10_000;
  const repo = createImportRepository(deps.mongo);
  const outbox = createOutbox(deps.mongo);
  const summary: ImportSummary = {
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedRows: [],
    changedIds: [],
    durationMs: 0,
  };
  const seen = new Map<string, number>();
  const report = () => options.onProgress?.({ ...summary });
  const reject = (line: number, reasons: string[], orgNumber?: string) => {
    summary.rejected += 1;
    if (summary.rejectedRows.length < maxRejected) summary.rejectedRows.push({ line, orgNumber, reasons });
  };

  async function writeBatch(batch: ValidRow[]): Promise<void> {
    const now = new Date();
    const orgs = await repo.findOrganisations(batch.map((b) => b.row));
    const supplierIds = [...orgs.values()].filter((o) => o.kind === 'supplier').map((o) => o.id);
    const profiles = await repo.findProfiles(supplierIds);
    const write: ImportWrite = {
      newOrganisations: [],
      renamedOrganisations: [],
      newProfiles: [],
      changedProfiles: [],
    };
    const changed: string[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const { line, row, hash } of batch) {
      const org = orgs.get(orgKey(row.country, row.orgNumber));
      if (org?.kind === 'buyer') {
        reject(line, ['orgNumber: The organisation number belongs to a buyer organisation.'], row.orgNumber);
        continue;
      }
      const legalName = row.organisationName ?? row.name;
      const id = org ? org.id : String(new mongoose.Types.ObjectId());
      const existing = org ? profiles.get(org.id) : undefined;
      if (existing?.importHash === hash) {
        unchanged += 1;
        continue;
      }
      if (!org) {
        write.newOrganisations.push({
          _id: new mongoose.Types.ObjectId(id),
          name: legalName,
          country: row.country,
          orgNumber: row.orgNumber,
        });
      } else if (org.name !== legalName) {
        write.renamedOrganisations.push({ id, name: legalName });
      }
      const content = contentOf(row);
      const facts = {
        companySize: row.companySize,
        languages: row.languages,
        publicProfile: row.publicProfile,
        contacts: contactsOf(row.contacts, existing?.contacts ?? [], { at: now, source: 'import' }),
        importHash: hash,
      };
      const optional = { foundedYear: row.foundedYear, employeesBand: row.employeesBand };
      if (!existing) {
        const approved = status === 'approved' && (!org || org.status === 'verified');
        write.newProfiles.push({
          _id: new mongoose.Types.ObjectId(id),
          country: row.country,
          orgNumber: row.orgNumber,
          status: approved ? 'approved' : 'pending_review',
          listed: approved,
          // `current` is stored only when it differs from `approved` (see the model).
          ...(approved ? { approved: content } : { current: content, approved: null }),
          ...facts,
          ...definedOnly(optional),
          version: 1,
          source: 'import',
          submittedAt: now,
          ...(approved ? { approvedAt: now } : {}),
        });
        created += 1;
      } else {
        const { set, unset } = withOptional(facts, optional);
        const moderation = moderationOf(
          existing,
          content,
          status === 'approved' && org!.status === 'verified' ? 'approved' : 'pending_review',
          now,
        );
        write.changedProfiles.push({
          id,
          set: { ...moderation.set, ...set },
          unset: [...unset, ...moderation.unset],
        });
        updated += 1;
      }
      changed.push(id);
    }
    if (changed.length > 0) {
      await inTransaction(deps.mongo, async (tx) => {
        await repo.write(write, now, tx);
        await outbox.record(tx, [profileChanged(changed)]);
      });
      if (options.indexNow) await syncDocuments(deps, suppliersIndex, changed);
    }
    summary.created += created;
    summary.updated += updated;
    summary.unchanged += unchanged;
    if (options.collectIds) summary.changedIds.push(...changed);
  }

  let batch: ValidRow[] = [];
  // Batches are written while the next ones are read and validated; a few at once keep MongoDB
  // busy (each batch is one transaction; the file cannot hold one org number twice, so
  // concurrent batches never touch the same organisation).
  const concurrency = options.concurrency ?? 3;
  const writing: Promise<void>[] = [];
  const flush = async () => {
    const full = batch;
    batch = [];
    if (writing.length >= concurrency) await writing.shift();
    writing.push(writeBatch(full).then(report));
  };
  for await (const raw of rows) {
    summary.read += 1;
    if (raw.error) {
      reject(raw.line, [raw.error]);
      continue;
    }
    const parsed = importRowSchema.safeParse(raw.data);
    if (!parsed.success) {
      const orgNumber = typeof raw.data.orgNumber === 'string' ? raw.data.orgNumber : undefined;
      reject(raw.line, describeIssues(parsed.error), orgNumber);
      continue;
    }
    const key = orgKey(parsed.data.country, parsed.data.orgNumber);
    const first = seen.get(key);
    if (first !== undefined) {
      reject(
        raw.line,
        [`orgNumber: The organisation number is also on line ${first}; only that row is imported.`],
        parsed.data.orgNumber,
      );
      continue;
    }
    seen.set(key, raw.line);
    batch.push({ line: raw.line, row: parsed.data, hash: rowHash(parsed.data, status) });
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  await Promise.all(writing);
  summary.durationMs = performance.now() - started;
  report();
  return summary;
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Sets the optional facts that are given and clears the ones that are not. */
function withOptional(
  facts: Partial<SupplierProfileDoc>,
  optional: { foundedYear?: number; employeesBand?: SupplierProfileDoc['employeesBand'] },
): { set: Partial<SupplierProfileDoc>; unset: string[] } {
  return {
    set: { ...facts, ...definedOnly(optional) },
    unset: Object.entries(optional)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k),
  };
}

/**
 * The moderation side of re-importing an existing profile. An approved import replaces both
 * versions, so `current` is dropped (it equals `approved`, see the model).
 */
function moderationOf(
  existing: ExistingProfile,
  content: ProfileContent,
  status: 'approved' | 'pending_review',
  now: Date,
): { set: Partial<SupplierProfileDoc>; unset: string[] } {
  const edited = { set: { current: content, source: 'import' as const }, unset: [] };
  if (existing.status === 'suspended') return edited;
  if (status === 'approved')
    return {
      set: {
        approved: content,
        source: 'import',
        status: 'approved',
        listed: !existing.hidden,
        approvedAt: now,
      },
      unset: ['current'],
    };
  if (changedFields(existing.approved, content).length > 0)
    return { ...edited, set: { ...edited.set, status: 'pending_review', submittedAt: now } };
  return edited;
}
