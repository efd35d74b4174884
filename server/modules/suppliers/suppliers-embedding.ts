import mongoose from 'mongoose';
import { profileText, type ProfileText } from '../../platform/embeddings/document-text.js';
import type { DocumentTexts } from '../../platform/embeddings/embed-documents.js';
import { supplierProfileModel } from './supplier-profile.model.js';

/** What is embedded of a profile is what the index shows: the approved text of listed profiles. */
export const profileEmbeddingTexts: DocumentTexts = async (deps, ids, maxChars) => {
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
};
