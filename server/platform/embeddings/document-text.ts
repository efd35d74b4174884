import { createHash } from 'node:crypto';

/** The fields of a need that say what it is about (not who, where or when). */
export interface NeedText {
  title: string;
  summary: string;
  requirements: string[];
  description: string;
}

/** The fields of an approved profile that say what the supplier does. */
export interface ProfileText {
  name: string;
  pitch: string;
  description?: string;
  offerings?: { name: string; description?: string }[];
  keywords?: string[];
  references?: { buyerName?: string; text?: string }[];
}

const joined = (parts: (string | undefined)[]): string =>
  parts
    .map((p) => p?.replace(/\s+/g, ' ').trim())
    .filter((p): p is string => Boolean(p))
    .join('. ');

/**
 * Most telling first: the model reads a bounded prefix (EMBEDDINGS_MAX_CHARS; e5 sees at most
 * 512 tokens), so a long description must not push the title out.
 */
export function needText(n: NeedText, maxChars: number): string {
  return joined([n.title, n.summary, ...n.requirements, n.description]).slice(0, maxChars);
}

export function profileText(p: ProfileText, maxChars: number): string {
  const offerings = (p.offerings ?? []).map((o) => joined([o.name, o.description]));
  const references = (p.references ?? []).map((r) => joined([r.buyerName, r.text]));
  return joined([
    p.name,
    p.pitch,
    ...offerings,
    (p.keywords ?? []).join(', '),
    p.description,
    ...references,
  ]).slice(0, maxChars);
}

/** What decides whether a stored vector is still right: the model and the exact text. */
export function textHash(model: string, text: string): string {
  return createHash('sha256').update(model).update('\n').update(text).digest('base64url').slice(0, 32);
}
