import { needText } from '../../platform/embeddings/document-text.js';
import type { DocumentTexts } from '../../platform/embeddings/embed-documents.js';
import { createNeedsRepository } from './needs.repository.js';

/** What is embedded of a need is what the index shows: public needs only. */
export const needEmbeddingTexts: DocumentTexts = async (deps, ids, maxChars) => {
  const needs = await createNeedsRepository(deps.mongo).findPublicByIds(ids);
  return new Map(needs.map((n) => [n.id, needText(n, maxChars)]));
};
