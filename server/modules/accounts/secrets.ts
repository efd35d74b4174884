import { createHash, randomBytes } from 'node:crypto';

/** A fresh random token (32 bytes, base64url): session tokens, CSRF tokens, emailed links. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of a token: its sha256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
