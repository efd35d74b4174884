/**
 * Organisation numbers: Swedish organisationsnummer and Norwegian organisasjonsnummer.
 *
 * Sweden (canonical `NNNNNN-NNNN`):
 *  - accepted: `556677-8899`, `5566778899`, and the 12-digit forms with a century/prefix
 *    `16`, `19` or `20` (`165566778899`, `16556677-8899`, `198001011234`, `19800101-1234`),
 *    which are stripped: Skatteverket writes organisations as 16 + number, and sole traders
 *    (enskild firma) are identified by the owner's personnummer, written with 19/20. Spaces are
 *    ignored. Nothing else is accepted (no `+`, no VAT form `SE…01`).
 *  - the 10th digit is a Luhn check digit over the first 9 (weights 2,1,2,1,… from the left,
 *    two-digit products summed digit by digit, check = (10 − sum mod 10) mod 10).
 *  - legal entities have a third digit ≥ 2, but personnummer-based numbers do not; that rule is
 *    not enforced, only the check digit.
 *
 * Norway (canonical: 9 digits, no spaces):
 *  - accepted: `923609016`, `923 609 016`, and the VAT form `NO 923 609 016 MVA`.
 *  - mod 11 with weights 3,2,7,6,5,4,3,2 on the first 8 digits: check = 11 − (sum mod 11);
 *    11 becomes 0, and 10 means the number cannot exist.
 */
import { z } from 'zod';

export type OrgCountry = 'SE' | 'NO';

export type OrgNumberError = 'empty' | 'format' | 'century' | 'check-digit';

export type OrgNumberResult =
  { ok: true; value: string } | { ok: false; reason: OrgNumberError; message: string };

const MESSAGES: Record<OrgCountry, Record<OrgNumberError, string>> = {
  SE: {
    empty: 'Organisation number is required',
    format: 'Invalid Swedish organisation number: expected 10 digits, e.g. 556677-8899',
    century: 'Invalid Swedish organisation number: a 12-digit number must start with 16, 19 or 20',
    'check-digit': 'Invalid Swedish organisation number (check digit)',
  },
  NO: {
    empty: 'Organisation number is required',
    format: 'Invalid Norwegian organisation number: expected 9 digits, e.g. 923 609 016',
    century: 'Invalid Norwegian organisation number: expected 9 digits, e.g. 923 609 016',
    'check-digit': 'Invalid Norwegian organisation number (check digit)',
  },
};

const SPACES_RE = /[\s\u00a0\u202f]+/g;
const SE_TEN_RE = /^(\d{6})-?(\d{4})$/;
const SE_TWELVE_RE = /^(\d{2})(\d{6})-?(\d{4})$/;
const SE_PREFIXES = new Set(['16', '19', '20']);
const NO_VAT_RE = /^NO(\d{9})MVA$/i;
const NO_RE = /^\d{9}$/;
const NO_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

function fail(country: OrgCountry, reason: OrgNumberError): OrgNumberResult {
  return { ok: false, reason, message: MESSAGES[country][reason] };
}

/** Luhn check digit for a string of digits (the digits the check digit will follow). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Weight 2 on the digit right before the check digit, then alternating 1, 2, … leftwards.
    const weight = (digits.length - i) % 2 === 1 ? 2 : 1;
    const product = Number(digits[i]) * weight;
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** Norwegian mod-11 check digit for 8 digits, or null when no valid check digit exists (10). */
export function norwegianCheckDigit(first8: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * NO_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

function normaliseSwedish(input: string): OrgNumberResult {
  const compact = input.replace(SPACES_RE, '');
  let ten: string;
  const tenMatch = SE_TEN_RE.exec(compact);
  const twelveMatch = tenMatch ? null : SE_TWELVE_RE.exec(compact);
  if (tenMatch) {
    ten = tenMatch[1]! + tenMatch[2]!;
  } else if (twelveMatch) {
    if (!SE_PREFIXES.has(twelveMatch[1]!)) return fail('SE', 'century');
    ten = twelveMatch[2]! + twelveMatch[3]!;
  } else {
    return fail('SE', 'format');
  }
  if (luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return fail('SE', 'check-digit');
  return { ok: true, value: `${ten.slice(0, 6)}-${ten.slice(6)}` };
}

function normaliseNorwegian(input: string): OrgNumberResult {
  const compact = input.replace(SPACES_RE, '');
  const digits = NO_VAT_RE.exec(compact)?.[1] ?? compact;
  if (!NO_RE.test(digits)) return fail('NO', 'format');
  if (norwegianCheckDigit(digits.slice(0, 8)) !== Number(digits[8])) return fail('NO', 'check-digit');
  return { ok: true, value: digits };
}

/** Validates an organisation number and returns its canonical form. */
export function normaliseOrgNumber(country: OrgCountry, input: string): OrgNumberResult {
  if (input.trim() === '') return fail(country, 'empty');
  return country === 'SE' ? normaliseSwedish(input) : normaliseNorwegian(input);
}

export function isValidOrgNumber(country: OrgCountry, input: string): boolean {
  return normaliseOrgNumber(country, input).ok;
}

// ---------------------------------------------------------------------------------------------
// Generators for test and demo data

/** A random integer 0 ≤ n < max from an rng returning [0, 1). */
function randomInt(rng: () => number, max: number): number {
  return Math.min(max - 1, Math.floor(rng() * max));
}

/**
 * A valid Swedish organisation number, canonical (`NNNNNN-NNNN`). The first digit is the legal
 * form group (2 public bodies, 5 limited companies, 7 economic associations, 8 non-profit
 * associations, 9 partnerships; default: any of those), the third digit is ≥ 2 as for legal
 * entities.
 */
export function generateSwedishOrgNumber(rng: () => number, options: { firstDigit?: number } = {}): string {
  const groups = [2, 5, 7, 8, 9];
  const first = options.firstDigit ?? groups[randomInt(rng, groups.length)]!;
  if (!Number.isInteger(first) || first < 1 || first > 9) throw new RangeError('firstDigit must be 1–9');
  let digits = `${first}${randomInt(rng, 10)}${2 + randomInt(rng, 8)}`;
  while (digits.length < 9) digits += String(randomInt(rng, 10));
  digits += String(luhnCheckDigit(digits));
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** A valid Norwegian organisation number (9 digits, starting with 8 or 9 like real ones). */
export function generateNorwegianOrgNumber(rng: () => number): string {
  let first7 = String(8 + randomInt(rng, 2));
  while (first7.length < 7) first7 += String(randomInt(rng, 10));
  // Changing the 8th digit by one changes the sum by 2 (mod 11), so at most one of the ten
  // values of the 8th digit leads to the impossible check digit 10.
  const start = randomInt(rng, 10);
  for (let k = 0; k < 10; k++) {
    const first8 = first7 + String((start + k) % 10);
    const check = norwegianCheckDigit(first8);
    if (check !== null) return first8 + String(check);
  }
  throw new Error('unreachable: no valid Norwegian check digit');
}

// ---------------------------------------------------------------------------------------------
// Zod

export const orgCountrySchema = z.enum(['SE', 'NO']);

/**
 * superRefine step for any object with `country` and `orgNumber`: reports an invalid number on
 * the path `orgNumber`. Pair it with `withCanonicalOrgNumber` to store the canonical form:
 *
 *   z.object({ name: z.string(), country: orgCountrySchema, orgNumber: z.string() })
 *     .superRefine(refineOrgNumber)
 *     .transform(withCanonicalOrgNumber)
 */
export function refineOrgNumber<T extends { country: OrgCountry; orgNumber: string }>(
  value: T,
  ctx: z.RefinementCtx<T>,
): void {
  const result = normaliseOrgNumber(value.country, value.orgNumber);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', path: ['orgNumber'], message: result.message, input: value.orgNumber });
  }
}

/** Returns the value with `orgNumber` in canonical form (unchanged if it is invalid). */
export function withCanonicalOrgNumber<T extends { country: OrgCountry; orgNumber: string }>(value: T): T {
  const result = normaliseOrgNumber(value.country, value.orgNumber);
  return result.ok ? { ...value, orgNumber: result.value } : value;
}

/** Zod: `{ country, orgNumber }`, validated, output with the canonical organisation number. */
export const orgNumberSchema = z
  .object({ country: orgCountrySchema, orgNumber: z.string() })
  .superRefine(refineOrgNumber)
  .transform(withCanonicalOrgNumber);
