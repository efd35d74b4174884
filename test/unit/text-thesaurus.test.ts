import { readFileSync } from 'node:fs';
import { analyzeQuery, analyzeText } from '../../server/platform/text/index.js';
import {
  buildThesaurus,
  memberKeys,
  readThesaurusFiles,
  thesaurus,
  type ThesaurusFile,
} from '../../server/platform/text/thesaurus.js';

const file = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../server/platform/text/thesaurus/${name}`, import.meta.url), 'utf8'),
  ) as ThesaurusFile;
const finds = (query: string, text: string) => {
  const terms = new Set(analyzeText(text));
  return analyzeQuery(query).terms.every((t) => terms.has(t));
};

describe('text analysis: thesaurus', () => {
  it.each([
    ['simhall', 'Nytt badhus i Skellefteå'],
    ['badhus', 'Energieffektiv drift av simhallar'],
    ['ungdomsgård', 'Digitala fritidsgårdar för unga'],
    ['betalautomat', 'Parkeringsautomater som tar kort'],
    ['hemvård', 'Digital tillsyn nattetid i hemtjänsten'],
    ['särskilt boende', 'Sensorer i äldreboenden'],
    ['swimming pool', 'Ventilation i badhuset'],
    ['bridge inspection', 'Broinspektion med drönare'],
    ['snow removal', 'Snöröjning med autonoma fordon'],
    ['school meals', 'Mindre matsvinn i skolmaten'],
    ['home care', 'Planering av hemtjänst'],
    ['elbilsladdning', 'Utbyggd laddinfrastruktur vid förskolorna'],
    ['electric vehicle charging', 'Laddinfrastruktur för bussdepån'],
    ['skolbuss', 'Upphandling av skolskjuts på landsbygden'],
    ['gatlyktor', 'Byte till LED i gatubelysningen'],
    ['distansvård', 'Telemedicin för glesbygdens vårdcentraler'],
    ['remote patient monitoring', 'Distansmonitorering av patienter med diabetes'],
    ['videobesök', 'Digitala vårdbesök hos barnmorskan'],
    ['smart charging', 'Smart laddning för kommunens bilar'],
    ['fleet', 'Styrd laddning för kommunala fordonsflottor'],
    ['peak load', 'Laddningen ska hålla effekttopparna nere'],
    ['load balancing', 'Lastbalansering mellan laddpunkterna'],
    ['grid connection', 'Depåernas elanslutningar räcker inte'],
  ])('when "%s" is searched, then "%s" is found through the thesaurus', (query, text) => {
    expect(finds(query, text)).toBe(true);
  });

  it.each([
    ['hemtjänst', 'Hemsjukvård på distans'],
    ['återvinning', 'Återbruk av möbler'],
    ['gatubelysning', 'Belysning i idrottshallen'],
    ['elbil', 'Elfordon för hemtjänsten'],
    ['skola', 'Utbildning för personalen'],
    ['maskininlärning', 'AI för kundtjänst'],
    ['laddstolpe', 'Laddinfrastruktur för bussdepån'],
    ['skolbuss', 'Ny bokbuss till biblioteket'],
    ['telemedicin', 'Videobesök hos barnmorskan'],
    ['distansmonitorering', 'Telemedicin för glesbygdens vårdcentraler'],
    ['fordonsflotta', 'Elfordon för hemtjänsten'],
  ])(
    'when "%s" is searched, then "%s" is not found: a broader or neighbouring idea is its own group',
    (query, text) => {
      expect(finds(query, text)).toBe(false);
    },
  );

  it('when the hand-written groups are normalised, then no word is in two of them', () => {
    const own = buildThesaurus([file('10-public-sector.json')]);

    expect(own.conflicts).toEqual([]);
    expect(own.groups.length).toBeGreaterThanOrEqual(100);
  });

  it('when the CPV groups are read, then their stored keys are what the analysis gives today', () => {
    const cpv = file('50-cpv.json');
    const stale = cpv.groups.flatMap((members, g) =>
      members
        .map((m, i) => ({ member: m, stored: cpv.keys?.[g]?.[i], now: memberKeys(m).join(' ') }))
        .filter((x) => x.stored !== x.now),
    );

    expect(cpv.groups.length).toBeGreaterThan(3_000);
    // Regenerate with `npx tsx scripts/thesaurus-from-cpv.ts` when this fails.
    expect(stale).toEqual([]);
  });

  it('when a CPV label is searched in English, then the Swedish label is found', () => {
    expect(finds('solar panels', 'Solcellsplattor på skolans tak')).toBe(true);
    expect(finds('footwear', 'Skodon för vårdpersonal')).toBe(true);
  });

  it('when every file is loaded, then the process shares one thesaurus with the hand-written groups first', () => {
    expect(thesaurus()).toBe(thesaurus());
    expect(readThesaurusFiles()[0]!.groups[0]![0]).toBe('badhus');
  });
});
