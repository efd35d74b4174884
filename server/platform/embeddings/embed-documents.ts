import type { Deps } from '../deps.js';
import { textHash } from './document-text.js';
import { createEmbeddingsRepository } from './embeddings.repository.js';
import type { DocumentKind } from './types.js';

export interface EmbedOutcome {
  /** Ids whose vector was (re)computed: their search documents must be rewritten. */
  embedded: string[];
  /** Ids whose stored vector already matched their text. */
  unchanged: number;
}

/**
 * Where the text to embed comes from: the owning module's reader (needs, suppliers), handed in
 * by the caller, since the platform does not import modules. Gives, for each id that is public
 * now, the text; an id that is not (any more) public has no text and gets no vector.
 */
export type DocumentTexts = (
  deps: Pick<Deps, 'mongo'>,
  ids: string[],
  maxChars: number,
) => Promise<Map<string, string>>;

/**
 * Embeds the current text of these needs or profiles where it has no vector yet or its text
 * changed (hash of model + text), in batches of EMBEDDINGS_BATCH_SIZE, saving each batch as it
 * comes: a job interrupted by an outage keeps what it finished and resumes after it.
 */
export async function embedDocuments(
  deps: Pick<Deps, 'mongo' | 'embedder' | 'config'>,
  kind: DocumentKind,
  ids: string[],
  documentTexts: DocumentTexts,
  onBatch: (done: number, total: number) => void = () => undefined,
): Promise<EmbedOutcome> {
  const { embedder, config } = deps;
  const repo = createEmbeddingsRepository(deps.mongo);
  const valid = [...new Set(ids)].filter((id) => /^[0-9a-f]{24}$/.test(id));
  const texts =
    valid.length === 0
      ? new Map<string, string>()
      : await documentTexts(deps, valid, config.EMBEDDINGS_MAX_CHARS);
  const stored = await repo.hashes(kind, [...texts.keys()]);
  const todo: { id: string; text: string; hash: string }[] = [];
  for (const [id, text] of texts) {
    const hash = textHash(embedder.model, text);
    const before = stored.get(id);
    if (before?.hash !== hash || before.model !== embedder.model) todo.push({ id, text, hash });
  }
  const embedded: string[] = [];
  const size = config.EMBEDDINGS_BATCH_SIZE;
  for (let i = 0; i < todo.length; i += size) {
    const batch = todo.slice(i, i + size);
    const vectors = await embedder.embed(
      batch.map((b) => b.text),
      'passage',
    );
    await repo.save(
      kind,
      batch.map((b, j) => ({ id: b.id, hash: b.hash, vector: vectors[j] as number[] })),
      embedder.model,
    );
    embedded.push(...batch.map((b) => b.id));
    onBatch(embedded.length, todo.length);
  }
  return { embedded, unchanged: texts.size - todo.length };
}
