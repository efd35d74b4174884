import type { DocumentTexts } from './platform/embeddings/embed-documents.js';
import type { DocumentKind } from './platform/embeddings/types.js';
import { needEmbeddingTexts } from './modules/needs/needs-embedding.js';
import { profileEmbeddingTexts } from './modules/suppliers/suppliers-embedding.js';

/**
 * Where the embedder's input comes from, per kind of document: each module's own reader.
 * Composition-root wiring (like search-indexes.ts): the platform's embedding jobs get the
 * readers from here instead of importing the modules above them.
 */
export const embeddingTexts: Readonly<Record<DocumentKind, DocumentTexts>> = Object.freeze({
  need: needEmbeddingTexts,
  supplier: profileEmbeddingTexts,
});
