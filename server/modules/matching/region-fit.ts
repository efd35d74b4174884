/**
 * Region fit: the share of the need's regions the supplier serves. Serving the region or a
 * region containing it (the county, the country = national coverage, the Nordics) counts 1;
 * serving only a part of it (a county inside a need for all of Eastern Sweden) counts 0.5. A
 * need without regions fits everyone. Regions are named in words ("hela Sverige",
 * "Stockholms län"), never by their NUTS codes: the reader thinks in places, not codes.
 */
import { getRegion, regionCovers, regionName } from '../reference/nuts.js';
import { both, round, type Explainer, type Lang } from './explain.js';

/** Region fit when the supplier serves only part of a need's region. */
export const PARTIAL_REGION_FIT = 0.5;

function place(code: string, lang: Lang): string {
  return regionName(code, lang) ?? code;
}

/** A country or the Nordics: "hela Sverige" reads better than "Sverige". */
function isNational(code: string): boolean {
  const level = getRegion(code)?.level;
  return level === 0 || level === -1;
}

const list = (codes: string[], lang: Lang) => {
  const names = codes.map((c) => place(c, lang));
  const and = lang === 'sv' ? ' och ' : ' and ';
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')}${and}${names.at(-1)}`;
};

export function regionFit(
  needRegions: readonly string[],
  supplierRegions: readonly string[],
  x: Explainer,
): number {
  if (needRegions.length === 0) {
    x.say(() =>
      both(
        ['Behovet är inte knutet till någon region.', 'Behovet är inte knutet till någon region.'],
        ['The need is not tied to a region.', 'The need is not tied to a region.'],
      ),
    );
    return 1;
  }
  let sum = 0;
  const served: string[] = [];
  const partial: { served: string; needed: string }[] = [];
  const missed: string[] = [];
  for (const needed of needRegions) {
    const covering = supplierRegions
      .filter((s) => regionCovers(s, needed))
      .sort((a, b) => a.length - b.length)[0];
    if (covering) {
      sum += 1;
      if (!served.includes(covering)) served.push(covering);
      continue;
    }
    const inside = supplierRegions.find((s) => regionCovers(needed, s));
    if (inside) {
      sum += PARTIAL_REGION_FIT;
      partial.push({ served: inside, needed });
      continue;
    }
    missed.push(needed);
  }
  const national = served.filter(isNational);
  const local = served.filter((c) => !isNational(c));
  if (national.length > 0) {
    x.say((l) =>
      both(
        [`Du levererar i hela ${list(national, l)}.`, `Levererar i hela ${list(national, l)}.`],
        [`You deliver throughout ${list(national, l)}.`, `Delivers throughout ${list(national, l)}.`],
      ),
    );
  }
  if (local.length > 0) {
    x.say((l) =>
      both(
        [`Du levererar i ${list(local, l)}.`, `Levererar i ${list(local, l)}.`],
        [`You deliver in ${list(local, l)}.`, `Delivers in ${list(local, l)}.`],
      ),
    );
  }
  for (const p of partial) {
    x.say((l) =>
      both(
        [
          `Du levererar i ${place(p.served, l)}, en del av ${place(p.needed, l)}.`,
          `Levererar i ${place(p.served, l)}, en del av ${place(p.needed, l)}.`,
        ],
        [
          `You deliver in ${place(p.served, l)}, part of ${place(p.needed, l)}.`,
          `Delivers in ${place(p.served, l)}, part of ${place(p.needed, l)}.`,
        ],
      ),
    );
  }
  if (missed.length > 0) {
    x.say((l) =>
      both(
        [`Du levererar inte i ${list(missed, l)}.`, `Levererar inte i ${list(missed, l)}.`],
        [`You do not deliver in ${list(missed, l)}.`, `Does not deliver in ${list(missed, l)}.`],
      ),
    );
  }
  return round(sum / needRegions.length);
}
