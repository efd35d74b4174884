/**
 * The embedder cannot answer now (down, slow, circuit open, or turned off). Callers wait and
 * try again (jobs) or answer without it (search, keyword-only); it is never a bad input.
 * Named like the platform's `DependencyUnavailableError` so the two can be joined on merge.
 */
export class EmbedderUnavailableError extends Error {
  readonly dependency = 'embedder';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbedderUnavailableError';
  }
}

export const isEmbedderUnavailable = (err: unknown): err is EmbedderUnavailableError =>
  err instanceof EmbedderUnavailableError;
