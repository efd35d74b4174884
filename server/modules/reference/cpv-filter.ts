import { z } from 'zod';
import { normaliseCpv } from './cpv.js';

/**
 * A CPV filter value: a full code or a prefix of 2–7 digits (`03`, `482`), padded to the code it
 * names (`03000000`, `48200000`), which also finds what is coded below it. The same rule as the
 * supplier search's `cpv` filter, so `?cpv=03` means the same on both.
 */
export const cpvPrefixFilterSchema = z.string().transform((value, ctx) => {
  const compact = value.replace(/\s+/g, '');
  const padded = /^\d{2,7}$/.test(compact) ? compact.padEnd(8, '0') : compact;
  const code = normaliseCpv(padded);
  if (code === null) {
    ctx.addIssue({ code: 'custom', message: `Unknown CPV code or prefix: ${value}`, input: value });
    return z.NEVER;
  }
  return code;
});
