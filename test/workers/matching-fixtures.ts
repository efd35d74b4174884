/**
 * Small, explicit data for the matching tests: needs and supplier profiles written straight to
 * MongoDB (the shapes the needs and suppliers modules store), profiles indexed through the
 * suppliers index's own sync. Users get verified accounts (test/helpers/auth.ts).
 */
import mongoose from 'mongoose';
import { needModel } from '../../server/modules/needs/need.model.js';
import type { NeedStage, NeedStatus } from '../../server/modules/needs/needs.types.js';
import { withAncestors } from '../../server/modules/reference/cpv.js';
import { regionsWithAncestors } from '../../server/modules/reference/nuts.js';
import { supplierProfileModel } from '../../server/modules/suppliers/supplier-profile.model.js';
import { suppliersIndex } from '../../server/modules/suppliers/suppliers-search.js';
import { embeddingTexts } from '../../server/embedding-sources.js';
import { embedDocuments } from '../../server/platform/embeddings/embed-documents.js';
import { syncDocuments } from '../../server/platform/search/search-index.js';
import type { TestContext } from '../helpers/context.js';

export interface NeedFixture {
  id: string;
  networkId: string;
}

export async function insertNeed(
  ctx: TestContext,
  o: {
    title?: string;
    summary?: string;
    description?: string;
    requirements?: string[];
    cpvCodes?: string[];
    regions?: string[];
    networkId?: string;
    stage?: NeedStage;
    status?: NeedStatus;
  } = {},
): Promise<NeedFixture> {
  const cpvCodes = o.cpvCodes ?? ['48200000'];
  const regions = o.regions ?? ['SE110'];
  const networkId = o.networkId ?? new mongoose.Types.ObjectId().toString();
  const doc = await needModel(ctx.deps.mongo).create({
    networkId,
    status: o.status ?? 'published',
    title: o.title ?? 'Digital vårdplanering för hemtjänsten',
    summary: o.summary ?? 'Kommunerna söker ett system för vårdplanering och schemaläggning i hemtjänsten.',
    description: o.description ?? 'Lösningen ska fungera i mobilen och integreras med journalsystem.',
    requirements: o.requirements ?? [],
    cpvCodes,
    cpvAll: withAncestors(cpvCodes),
    regions,
    regionsAll: regionsWithAncestors(regions),
    stage: o.stage ?? 'market_dialogue',
    language: 'sv',
    publishedAt: new Date(),
  });
  return { id: String(doc._id), networkId };
}

export async function updateNeed(
  ctx: TestContext,
  id: string,
  set: { cpvCodes?: string[]; regions?: string[] },
) {
  const $set: Record<string, unknown> = { ...set };
  if (set.cpvCodes) $set.cpvAll = withAncestors(set.cpvCodes);
  if (set.regions) $set.regionsAll = regionsWithAncestors(set.regions);
  await needModel(ctx.deps.mongo).updateOne({ _id: id }, { $set, $inc: { version: 1 } });
}

let orgCounter = 0;

export async function insertSuppliers(
  ctx: TestContext,
  rows: {
    /** The supplier organisation's id (default: a fresh one). */
    id?: string;
    name: string;
    cpvCodes: string[];
    regions: string[];
    pitch?: string;
    description?: string;
    offerings?: (string | { name: string; description?: string })[];
    references?: { buyerName: string; year: number; text?: string }[];
    keywords?: string[];
    logoUrl?: string;
  }[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const docs = rows.map((r) => {
    const _id = new mongoose.Types.ObjectId(r.id);
    ids[r.name] = String(_id);
    orgCounter += 1;
    const content = {
      name: r.name,
      pitch: r.pitch ?? `${r.name} levererar system`,
      description: r.description ?? '',
      offerings: (r.offerings ?? []).map((o) =>
        typeof o === 'string' ? { type: 'service', name: o } : { type: 'service', ...o },
      ),
      cpvCodes: r.cpvCodes,
      cpvAll: withAncestors(r.cpvCodes),
      regions: r.regions,
      regionsAll: regionsWithAncestors(r.regions),
      references: r.references ?? [],
      certifications: [],
      keywords: r.keywords ?? [],
      ...(r.logoUrl ? { logoUrl: r.logoUrl } : {}),
    };
    return {
      _id,
      country: 'SE',
      orgNumber: `55${String(orgCounter).padStart(8, '0')}`,
      status: 'approved',
      listed: true,
      current: content,
      approved: content,
      companySize: 'small',
      languages: ['sv'],
      contacts: [],
      source: 'api',
      approvedAt: new Date(),
    };
  });
  await supplierProfileModel(ctx.deps.mongo).insertMany(docs);
  await syncDocuments(ctx.deps, suppliersIndex, Object.values(ids));
  return ids;
}

/** Computes the profiles' vectors with the real embedder and writes them to the suppliers index. */
export async function embedSuppliers(ctx: TestContext, ids: string[]) {
  await embedDocuments(ctx.deps, 'supplier', ids, embeddingTexts.supplier);
  await syncDocuments(ctx.deps, suppliersIndex, ids);
}
