export type EmbedKind = 'query' | 'passage';

/** A sentence-embedding model behind an OpenAI-compatible endpoint (or none: it then throws). */
export interface Embedder {
  model: string;
  dimensions: number;
  /** One vector per text, in order. Throws EmbedderUnavailableError when it cannot answer now. */
  embed(texts: string[], kind: EmbedKind): Promise<number[][]>;
}

export type DocumentKind = 'need' | 'supplier';
