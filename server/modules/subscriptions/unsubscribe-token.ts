import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-click unsubscribe tokens (RFC 8058 links): base64url of [kind byte, 12-byte id, 16-byte
 * HMAC-SHA256]. The MAC covers the kind, the id and a per-subscription nonce under
 * SESSION_SECRET, so a token cannot be forged or pointed at another subscription, and rotating
 * the nonce invalidates every link already sent. No expiry: an unsubscribe link in an old email
 * must keep working (RFC 8058 §3.2 asks for that too).
 */
const KINDS = { subscription: 0x73 /* s */, category: 0x63 /* c */ } as const;
export type TokenKind = keyof typeof KINDS;

const MAC_BYTES = 16;
const ID_BYTES = 12;
const TOKEN_RE = /^[A-Za-z0-9_-]{39}$/;

function mac(secret: string, kind: TokenKind, id: string, nonce: string): Buffer {
  return createHmac('sha256', secret)
    .update(`unsubscribe:${kind}:${id}:${nonce}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function signUnsubscribeToken(secret: string, kind: TokenKind, id: string, nonce: string): string {
  const body = Buffer.concat([Buffer.from([KINDS[kind]]), Buffer.from(id, 'hex')]);
  return Buffer.concat([body, mac(secret, kind, id, nonce)]).toString('base64url');
}

/** Reads the kind and id from a token without trusting it; verify with `verifyUnsubscribeToken`. */
export function parseUnsubscribeToken(token: string): { kind: TokenKind; id: string } | null {
  if (!TOKEN_RE.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== 1 + ID_BYTES + MAC_BYTES) return null;
  const kind = (Object.keys(KINDS) as TokenKind[]).find((k) => KINDS[k] === raw[0]);
  if (!kind) return null;
  return { kind, id: raw.subarray(1, 1 + ID_BYTES).toString('hex') };
}

export function verifyUnsubscribeToken(secret: string, token: string, nonce: string): boolean {
  const parsed = parseUnsubscribeToken(token);
  if (!parsed) return false;
  const given = Buffer.from(token, 'base64url').subarray(1 + ID_BYTES);
  const expected = mac(secret, parsed.kind, parsed.id, nonce);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
