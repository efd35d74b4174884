import type { Deps } from '../deps.js';
import { embedDocuments, type DocumentTexts, type EmbedOutcome } from '../embeddings/embed-documents.js';
import type { DocumentKind } from '../embeddings/types.js';
import { ensureSearchIndex, syncDocuments, type SearchIndexDefinition } from './search-index.js';

const ensured = new WeakMap<object, Set<string>>();

/**
 * Embeds these needs or profiles (where their text changed) and rewrites the search documents
 * of every id whose vector was saved. The two go together wherever a vector is computed: a
 * vector saved without its document being rewritten stays out of the index for good, because
 * the embed job that comes next finds the hash unchanged and has nothing to write (matching
 * embedded new needs itself and left 21 of 57 needs without `_vectors` in the bench this way).
 */
export async function embedAndIndex(
  deps: Deps,
  def: SearchIndexDefinition,
  kind: DocumentKind,
  ids: string[],
  texts: DocumentTexts,
): Promise<EmbedOutcome> {
  const outcome = await embedDocuments(deps, kind, ids, texts);
  if (outcome.embedded.length > 0) {
    const done = ensured.get(deps) ?? new Set<string>();
    if (!done.has(def.name)) {
      await ensureSearchIndex(deps, def);
      done.add(def.name);
      ensured.set(deps, done);
    }
    await syncDocuments(deps, def, outcome.embedded);
  }
  return outcome;
}
