import argon2 from 'argon2';
import type { FieldProblem } from '../../platform/errors.js';
import { errors } from '../../platform/errors.js';
import { commonPasswords } from './common-passwords.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** argon2id with the library's defaults (64 MiB, 3 passes): the OWASP-recommended family. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash must not turn into a 500 that tells the account apart.
    return false;
  }
}

export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash);
  } catch {
    return true;
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash to verify against when the account does not exist, so that an unknown email takes
 * as long to refuse as a wrong password.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummy;
}

/** Why `password` is not acceptable for the account `email`, or undefined if it is fine. */
export function passwordWeakness(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.trim().toLowerCase();
  if (commonPasswords.has(lower)) return 'This password is too common. Choose a less guessable one.';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower === email.toLowerCase() || (local.length >= 4 && lower === local)) {
    return 'The password must not be your email address.';
  }
  if (/^(.)\1*$/.test(password)) return 'The password must not be one repeated character.';
  return undefined;
}

/** Throws 400 validation_failed naming `field` when the password is weak. */
export function assertStrongPassword(password: string, email: string, field = 'password'): void {
  const weakness = passwordWeakness(password, email);
  if (!weakness) return;
  const problem: FieldProblem = { location: 'body', path: field, message: weakness, code: 'weak_password' };
  throw errors.validation([problem], 'The password is too weak.');
}
