import { ancestorsOf, parentOf } from '../reference/cpv.js';
import { regionAncestors } from '../reference/nuts.js';

export const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const anyOf = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`;

/**
 * The CPV-proximity filter. A supplier is a code candidate when one of its codes is
 *  - the need's code, below it, or below the code's parent (siblings and their children), or
 *  - an ancestor of the need's code (a broad supplier coded 48000000 for a need 48200000).
 */
export function cpvFilter(needCodes: string[]): string | null {
  if (needCodes.length === 0) return null;
  const subtreeRoots = new Set<string>();
  const ancestors = new Set<string>();
  for (const code of needCodes) {
    subtreeRoots.add(parentOf(code) ?? code);
    for (const a of ancestorsOf(code)) ancestors.add(a);
  }
  const clauses = [anyOf('cpvAll', [...subtreeRoots].sort())];
  if (ancestors.size > 0) clauses.push(anyOf('cpvCodes', [...ancestors].sort()));
  return `(${clauses.join(' OR ')})`;
}

/** Serves the region or a part of it, or a region containing it (national coverage). */
export function regionFilter(needRegions: string[]): string | null {
  if (needRegions.length === 0) return null;
  const containing = [...new Set(needRegions.flatMap((r) => regionAncestors(r)))].sort();
  const clauses = [anyOf('regionsAll', needRegions)];
  if (containing.length > 0) clauses.push(anyOf('regions', containing));
  return `(${clauses.join(' OR ')})`;
}

/**
 * The filters above, in code (re-matching one profile against the open needs): true when the
 * pair is a code candidate. Text candidates come in by their relevance instead.
 */
export function isCodeCandidate(
  need: { cpvCodes: readonly string[]; regions: readonly string[] },
  supplier: { cpvCodes: readonly string[]; regions: readonly string[] },
): boolean {
  const cpvOk = need.cpvCodes.some((n) => {
    const root = parentOf(n) ?? n;
    const ancestors = ancestorsOf(n);
    return supplier.cpvCodes.some(
      (s) => s === root || ancestorsOf(s).includes(root) || ancestors.includes(s),
    );
  });
  if (!cpvOk) return false;
  if (need.regions.length === 0) return true;
  return need.regions.some((n) =>
    supplier.regions.some((s) => s === n || regionAncestors(s).includes(n) || regionAncestors(n).includes(s)),
  );
}
