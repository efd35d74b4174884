/**
 * Regions where a need is located and where a supplier delivers: NUTS codes for Sweden and
 * Norway, country codes for the other Nordic countries, and `NORDICS` for all of them.
 *
 * Levels: -1 NORDICS (a group of countries), 0 country (the NUTS 0 code is the ISO code: SE,
 * NO, DK, FI, IS), then NUTS 1, NUTS 2 and NUTS 3. Sweden's NUTS 3 regions are the 21 counties
 * (län). Denmark, Finland and Iceland are offered at country level only.
 *
 * Classification: NUTS 2021, which NUTS 2024 (Regulation (EU) 2023/674, in force from
 * 1 January 2024) keeps unchanged for Sweden and Norway. Norway's NUTS 2021 regions follow the
 * county map of 2020–2023. Norway split Viken, Vestfold og Telemark and Troms og Finnmark again
 * on 1 January 2024, but the statistical classification still has NO082 Viken, NO091 Vestfold og
 * Telemark and NO074 Troms og Finnmark, and we follow the classification (as TED and Doffin
 * do), not the county map. If Eurostat publishes new Norwegian codes, change them here and
 * migrate stored codes.
 * Extra-Regio codes (SEZZZ, NOZZZ) are left out: no need or supplier is located there.
 *
 * Codes are stored upper case (`SE110`, `NO0A1`, `NORDICS`); input is trimmed and upper-cased.
 */
import { z } from 'zod';

export type RegionLang = 'sv' | 'en' | 'nb';

/** -1 group of countries, 0 country, 1–3 NUTS level. */
export type RegionLevel = -1 | 0 | 1 | 2 | 3;

export interface Region {
  code: string;
  level: RegionLevel;
  parent: string | null;
  name: { sv: string; en: string; nb: string };
}

type Row = [code: string, level: RegionLevel, parent: string | null, sv: string, en: string, nb?: string];

// nb defaults to sv: Swedish place names are not translated into Norwegian.
const ROWS: Row[] = [
  ['NORDICS', -1, null, 'Norden', 'Nordic countries', 'Norden'],
  ['SE', 0, 'NORDICS', 'Sverige', 'Sweden', 'Sverige'],
  ['NO', 0, 'NORDICS', 'Norge', 'Norway', 'Norge'],
  ['DK', 0, 'NORDICS', 'Danmark', 'Denmark', 'Danmark'],
  ['FI', 0, 'NORDICS', 'Finland', 'Finland', 'Finland'],
  ['IS', 0, 'NORDICS', 'Island', 'Iceland', 'Island'],

  ['SE1', 1, 'SE', 'Östra Sverige', 'Eastern Sweden', 'Øst-Sverige'],
  ['SE11', 2, 'SE1', 'Stockholm', 'Stockholm'],
  ['SE110', 3, 'SE11', 'Stockholms län', 'Stockholm County'],
  ['SE12', 2, 'SE1', 'Östra Mellansverige', 'East Middle Sweden'],
  ['SE121', 3, 'SE12', 'Uppsala län', 'Uppsala County'],
  ['SE122', 3, 'SE12', 'Södermanlands län', 'Södermanland County'],
  ['SE123', 3, 'SE12', 'Östergötlands län', 'Östergötland County'],
  ['SE124', 3, 'SE12', 'Örebro län', 'Örebro County'],
  ['SE125', 3, 'SE12', 'Västmanlands län', 'Västmanland County'],
  ['SE2', 1, 'SE', 'Södra Sverige', 'Southern Sweden', 'Sør-Sverige'],
  ['SE21', 2, 'SE2', 'Småland med öarna', 'Småland and the islands'],
  ['SE211', 3, 'SE21', 'Jönköpings län', 'Jönköping County'],
  ['SE212', 3, 'SE21', 'Kronobergs län', 'Kronoberg County'],
  ['SE213', 3, 'SE21', 'Kalmar län', 'Kalmar County'],
  ['SE214', 3, 'SE21', 'Gotlands län', 'Gotland County'],
  ['SE22', 2, 'SE2', 'Sydsverige', 'South Sweden'],
  ['SE221', 3, 'SE22', 'Blekinge län', 'Blekinge County'],
  ['SE224', 3, 'SE22', 'Skåne län', 'Skåne County'],
  ['SE23', 2, 'SE2', 'Västsverige', 'West Sweden'],
  ['SE231', 3, 'SE23', 'Hallands län', 'Halland County'],
  ['SE232', 3, 'SE23', 'Västra Götalands län', 'Västra Götaland County'],
  ['SE3', 1, 'SE', 'Norra Sverige', 'Northern Sweden', 'Nord-Sverige'],
  ['SE31', 2, 'SE3', 'Norra Mellansverige', 'North Middle Sweden'],
  ['SE311', 3, 'SE31', 'Värmlands län', 'Värmland County'],
  ['SE312', 3, 'SE31', 'Dalarnas län', 'Dalarna County'],
  ['SE313', 3, 'SE31', 'Gävleborgs län', 'Gävleborg County'],
  ['SE32', 2, 'SE3', 'Mellersta Norrland', 'Central Norrland'],
  ['SE321', 3, 'SE32', 'Västernorrlands län', 'Västernorrland County'],
  ['SE322', 3, 'SE32', 'Jämtlands län', 'Jämtland County'],
  ['SE33', 2, 'SE3', 'Övre Norrland', 'Upper Norrland'],
  ['SE331', 3, 'SE33', 'Västerbottens län', 'Västerbotten County'],
  ['SE332', 3, 'SE33', 'Norrbottens län', 'Norrbotten County'],

  // Norwegian region names are proper names, the same in Swedish and Norwegian.
  ['NO0', 1, 'NO', 'Norge', 'Norway', 'Norge'],
  ['NO08', 2, 'NO0', 'Oslo og Viken', 'Oslo and Viken', 'Oslo og Viken'],
  ['NO081', 3, 'NO08', 'Oslo', 'Oslo', 'Oslo'],
  ['NO082', 3, 'NO08', 'Viken', 'Viken', 'Viken'],
  ['NO09', 2, 'NO0', 'Agder og Sør-Østlandet', 'Agder and South-Eastern Norway', 'Agder og Sør-Østlandet'],
  ['NO091', 3, 'NO09', 'Vestfold og Telemark', 'Vestfold and Telemark', 'Vestfold og Telemark'],
  ['NO092', 3, 'NO09', 'Agder', 'Agder', 'Agder'],
  ['NO02', 2, 'NO0', 'Innlandet', 'Innlandet', 'Innlandet'],
  ['NO020', 3, 'NO02', 'Innlandet', 'Innlandet', 'Innlandet'],
  ['NO0A', 2, 'NO0', 'Vestlandet', 'Western Norway', 'Vestlandet'],
  ['NO0A1', 3, 'NO0A', 'Rogaland', 'Rogaland', 'Rogaland'],
  ['NO0A2', 3, 'NO0A', 'Vestland', 'Vestland', 'Vestland'],
  ['NO0A3', 3, 'NO0A', 'Møre og Romsdal', 'Møre og Romsdal', 'Møre og Romsdal'],
  ['NO06', 2, 'NO0', 'Trøndelag', 'Trøndelag', 'Trøndelag'],
  ['NO060', 3, 'NO06', 'Trøndelag', 'Trøndelag', 'Trøndelag'],
  ['NO07', 2, 'NO0', 'Nord-Norge', 'Northern Norway', 'Nord-Norge'],
  ['NO071', 3, 'NO07', 'Nordland', 'Nordland', 'Nordland'],
  ['NO074', 3, 'NO07', 'Troms og Finnmark', 'Troms and Finnmark', 'Troms og Finnmark'],
];

/** All regions: NORDICS, the countries, then Sweden's and Norway's NUTS regions (tree order). */
export const regions: readonly Readonly<Region>[] = Object.freeze(
  ROWS.map(([code, level, parent, sv, en, nb]) =>
    Object.freeze({ code, level, parent, name: Object.freeze({ sv, en, nb: nb ?? sv }) }),
  ),
);

const byCode: ReadonlyMap<string, Readonly<Region>> = new Map(regions.map((r) => [r.code, r]));

export const REGION_MESSAGES = { unknown: 'Unknown region code' } as const;

/** Canonical form of a region code (trimmed, upper case), whether or not it exists. */
function canonical(code: string): string {
  return code.trim().toUpperCase();
}

/** The region with this code, or undefined. */
export function getRegion(code: string): Readonly<Region> | undefined {
  return byCode.get(canonical(code));
}

/** Canonical code of a known region, or null. */
export function normaliseRegion(code: string): string | null {
  return getRegion(code)?.code ?? null;
}

export function isValidRegion(code: string): boolean {
  return getRegion(code) !== undefined;
}

/** Ancestors, nearest first, excluding the region itself (SE110 → SE11, SE1, SE, NORDICS). */
export function regionAncestors(code: string): string[] {
  const ancestors: string[] = [];
  for (let p = getRegion(code)?.parent ?? null; p !== null; p = byCode.get(p)?.parent ?? null)
    ancestors.push(p);
  return ancestors;
}

/** Direct sub-regions in tree order (for pickers); [] for a leaf or an unknown code. */
export function regionChildren(code: string): string[] {
  const parent = normaliseRegion(code);
  return parent === null ? [] : regions.filter((r) => r.parent === parent).map((r) => r.code);
}

/**
 * True if a supplier serving `served` delivers to a need located in `needed`: the same region
 * or a region containing it. SE covers SE110, SE1 covers SE110, NORDICS covers everything;
 * SE110 does not cover SE1 (serving one county is not serving the whole area). Unknown codes
 * cover nothing and are covered by nothing.
 */
export function regionCovers(served: string, needed: string): boolean {
  const s = normaliseRegion(served);
  const n = normaliseRegion(needed);
  if (s === null || n === null) return false;
  return s === n || regionAncestors(n).includes(s);
}

/**
 * The given regions and all their ancestors, canonical, unique, sorted. Index a need's regions
 * with this; a supplier then matches when one of its served regions is in the set (the same
 * rule as `regionCovers`). Unknown codes are left out.
 */
export function regionsWithAncestors(codes: readonly string[]): string[] {
  const all = new Set<string>();
  for (const code of codes) {
    const c = normaliseRegion(code);
    if (c === null) continue;
    all.add(c);
    for (const a of regionAncestors(c)) all.add(a);
  }
  return [...all].sort();
}

/** The region's name, or null for an unknown code. */
export function regionName(code: string, lang: RegionLang): string | null {
  return getRegion(code)?.name[lang] ?? null;
}

/** Zod: a region code, output canonical (upper case). */
export const regionCodeSchema = z.string().transform((value, ctx) => {
  const code = normaliseRegion(value);
  if (code === null) {
    ctx.addIssue({ code: 'custom', message: REGION_MESSAGES.unknown, input: value });
    return z.NEVER;
  }
  return code;
});
