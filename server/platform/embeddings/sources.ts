import mongoose from 'mongoose';
import type { Deps } from '../deps.js';
import { createNeedsRepository } from '../../modules/needs/needs.repository.js';
import { supplierProfileModel } from '../../modules/suppliers/supplier-profile.model.js';
import { needText, profileText, type ProfileText } from './document-text.js';
import type { DocumentKind } from './types.js';

// What is embedded is what the index shows: public needs and approved, listed profiles. An id
// that is not (any more) public has no text and gets no vector.

async function needTexts(
  deps: Pick<Deps, 'mongo'>,
  ids: string[],
  maxChars: number,
): Promise<Map<string, string>> {
  const needs = await createNeedsRepository(deps.mongo).findPublicByIds(ids);
  return new Map(needs.map((n) => [n.id, needText(n, maxChars)]));
}

async function profileTexts(
  deps: Pick<Deps, 'mongo'>,
  ids: string[],
  maxChars: number,
): Promise<Map<string, string>> {
  const rows = await supplierProfileModel(deps.mongo)
    .find({ _id: mongoose.trusted({ $in: ids.map((id) => new mongoose.Types.ObjectId(id)) }), listed: true })
    .select({
      'approved.name': 1,
      'approved.pitch': 1,
      'approved.description': 1,
      'approved.offerings.name': 1,
      'approved.offerings.description': 1,
      'approved.keywords': 1,
      'approved.references.buyerName': 1,
      'approved.references.text': 1,
    })
    .lean<{ _id: mongoose.Types.ObjectId; approved?: ProfileText | null }[]>();
  return new Map(
    rows.flatMap((r) => (r.approved ? [[String(r._id), profileText(r.approved, maxChars)] as const] : [])),
  );
}

/** The text to embed for each id that is public now. */
export function documentTexts(
  deps: Pick<Deps, 'mongo'>,
  kind: DocumentKind,
  ids: string[],
  maxChars: number,
): Promise<Map<string, string>> {
  const valid = ids.filter((id) => /^[0-9a-f]{24}$/.test(id));
  if (valid.length === 0) return Promise.resolve(new Map());
  return kind === 'need' ? needTexts(deps, valid, maxChars) : profileTexts(deps, valid, maxChars);
}
