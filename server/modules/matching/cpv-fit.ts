/**
 * CPV closeness of the best pair (need code, supplier code), decaying by tree distance: same
 * code 1, parent/child 0.7, sibling or grandparent 0.49, then 0.34, 0.24; more than 4 edges
 * apart or in another division 0. Codes are evidence, not a gate: a supplier far from the
 * need's codes can still match on its text.
 */
import { isAncestor, label, parentOf, treeDistance } from '../reference/cpv.js';
import { both, round, type Explainer, type Lang } from './explain.js';

/** Closeness by tree distance: 0 edges → 1, then × 0.7 per edge, nothing past 4 edges. */
export const CPV_DECAY = 0.7;
export const CPV_MAX_DISTANCE = 4;

export function cpvCloseness(distance: number | null): number {
  if (distance === null || distance > CPV_MAX_DISTANCE) return 0;
  return round(CPV_DECAY ** distance);
}

function cpvText(code: string, lang: Lang): string {
  const name = label(code, lang);
  return name ? `${code} ${name}` : code;
}

/** The lowest common ancestor of two codes of one division (for the sibling explanation). */
function commonAncestor(a: string, b: string): string | null {
  for (let p = parentOf(a); p !== null; p = parentOf(p)) if (isAncestor(p, b)) return p;
  return null;
}

export interface CpvPair {
  need: string;
  supplier: string;
  distance: number;
  closeness: number;
}

export function bestCpvPair(needCodes: readonly string[], supplierCodes: readonly string[]): CpvPair | null {
  let best: CpvPair | null = null;
  for (const n of needCodes) {
    for (const s of supplierCodes) {
      const distance = treeDistance(n, s);
      const closeness = cpvCloseness(distance);
      if (distance === null || closeness === 0) continue;
      if (
        !best ||
        closeness > best.closeness ||
        (closeness === best.closeness && n + s < best.need + best.supplier)
      ) {
        best = { need: n, supplier: s, distance, closeness };
      }
    }
  }
  return best;
}

/** Says which code relates, or that none does. */
export function explainCpv(pair: CpvPair | null, x: Explainer) {
  if (!pair) {
    x.say(() =>
      both(
        [
          'Ingen av dina CPV-koder ligger nära behovets koder.',
          'Ingen av leverantörens CPV-koder ligger nära behovets koder.',
        ],
        [
          'None of your CPV codes is close to the need’s codes.',
          'None of the supplier’s CPV codes is close to the need’s codes.',
        ],
      ),
    );
    return;
  }
  const { need, supplier, distance } = pair;
  if (distance === 0) {
    x.say((l) =>
      both(
        [
          `Din kod ${cpvText(supplier, l)} är samma som behovets.`,
          `Leverantörens kod ${cpvText(supplier, l)} är samma som behovets.`,
        ],
        [
          `Your code ${cpvText(supplier, l)} is the same as the need’s.`,
          `The supplier’s code ${cpvText(supplier, l)} is the same as the need’s.`,
        ],
      ),
    );
  } else if (isAncestor(need, supplier)) {
    x.say((l) =>
      both(
        [
          `Din kod ${supplier} ligger under ${cpvText(need, l)}.`,
          `Leverantörens kod ${supplier} ligger under ${cpvText(need, l)}.`,
        ],
        [
          `Your code ${supplier} is under ${cpvText(need, l)}.`,
          `The supplier’s code ${supplier} is under ${cpvText(need, l)}.`,
        ],
      ),
    );
  } else if (isAncestor(supplier, need)) {
    x.say((l) =>
      both(
        [
          `Behovets kod ${need} ligger under din kod ${cpvText(supplier, l)}.`,
          `Behovets kod ${need} ligger under leverantörens kod ${cpvText(supplier, l)}.`,
        ],
        [
          `The need’s code ${need} is under your code ${cpvText(supplier, l)}.`,
          `The need’s code ${need} is under the supplier’s code ${cpvText(supplier, l)}.`,
        ],
      ),
    );
  } else {
    const common = commonAncestor(supplier, need);
    const under = (l: Lang) => (common ? cpvText(common, l) : '');
    x.say((l) =>
      both(
        [
          `Din kod ${supplier} och behovets kod ${need} ligger båda under ${under(l)}.`,
          `Leverantörens kod ${supplier} och behovets kod ${need} ligger båda under ${under(l)}.`,
        ],
        [
          `Your code ${supplier} and the need’s code ${need} are both under ${under(l)}.`,
          `The supplier’s code ${supplier} and the need’s code ${need} are both under ${under(l)}.`,
        ],
      ),
    );
  }
}
