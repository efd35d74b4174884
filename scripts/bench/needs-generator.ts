/**
 * Realistic needs for benchmarks: Swedish titles, summaries, problem descriptions and functional
 * requirements in the subject areas buyer networks work in, with CPV codes, regions, stages and
 * dates that vary like real data. Deterministic for a given seed.
 */
import { isValidCpv, withAncestors } from '../../server/modules/reference/cpv.js';
import { regionsWithAncestors } from '../../server/modules/reference/nuts.js';
import type { InnovationType, NeedStage, NewNeed } from '../../server/modules/needs/needs.types.js';

interface Area {
  name: string;
  titles: string[];
  problems: string[];
  requirements: string[];
  cpv: string[];
}

const PLACES = [
  'Göteborg',
  'Malmö',
  'Uppsala',
  'Linköping',
  'Örebro',
  'Västerås',
  'Umeå',
  'Luleå',
  'Jönköping',
  'Växjö',
  'Karlstad',
  'Sundsvall',
  'Gävle',
  'Borås',
  'Helsingborg',
  'Kalmar',
  'Falun',
  'Östersund',
  'Visby',
  'Halmstad',
];
const UNITS = [
  'hemtjänsten',
  'skolorna',
  'förskolorna',
  'vård- och omsorgsboenden',
  'parkförvaltningen',
  'fastighetsbolaget',
  'tekniska förvaltningen',
  'regionens sjukhus',
  'vårdcentralerna',
  'kulturskolan',
];

const AREAS: Area[] = [
  {
    name: 'transport',
    titles: [
      'Laddinfrastruktur för kommunala fordonsflottor i {place}',
      'Styrd laddning av tjänstebilar för {unit}',
      'Fossilfria arbetsmaskiner för {unit}',
      'Samordnad varudistribution till {unit} i {place}',
      'Elektrifierade lätta lastbilar för {unit}',
      'Eldrivna arbetsbåtar för skärgårdstrafiken',
    ],
    problems: [
      'Fordonsflottan ska vara fossilfri till 2030 men elnätets kapacitet vid depåerna räcker inte.',
      'Leveranserna till våra verksamheter sker med många små transporter som ger trängsel och utsläpp.',
      'Arbetsmaskinerna står för en stor del av förvaltningens utsläpp och bullret stör boende.',
    ],
    requirements: [
      'Laddningen ska styras så att effekttoppen per depå inte överstiger abonnerad effekt.',
      'Fordonen ska klara ett normalt arbetspass utan laddning under dagen.',
      'Lösningen ska rapportera energiförbrukning per fordon och månad.',
      'Transporterna till verksamheterna ska minska med minst hälften.',
      'Maskinerna ska kunna laddas med befintliga anslutningar på 16 A eller 32 A.',
    ],
    cpv: ['31158100', '34144900', '34144000', '60000000', '63120000', '09310000', '71314000', '43200000'],
  },
  {
    name: 'welfare',
    titles: [
      'Digitala nycklar och lås för {unit}',
      'Digital vård i hemmet för äldre i {place}',
      'Sensorer för trygg nattillsyn i {unit}',
      'Läkemedelsautomater i ordinärt boende',
      'Digitala hjälpmedel för personer med kognitiv funktionsnedsättning',
      'Välfärdsteknik för ökad självständighet i {unit}',
    ],
    problems: [
      'Personalen lägger mycket tid på att hämta och lämna nycklar och på tillsynsbesök som väcker brukarna.',
      'Allt fler äldre bor hemma med flera kroniska sjukdomar och behöver tät uppföljning.',
      'Felaktigt tagna läkemedel leder till onödiga inläggningar på sjukhus.',
    ],
    requirements: [
      'Brukaren ska kunna välja bort tekniken utan att förlora sin insats.',
      'Larm ska nå rätt personal inom en minut dygnet runt.',
      'Lösningen ska följa informationssäkerhetskraven för känsliga personuppgifter.',
      'Personal ska kunna lära sig lösningen på mindre än en timme.',
      'Data ska kunna överföras till journalsystemet via öppna gränssnitt.',
    ],
    cpv: ['48180000', '33196000', '44520000', '31625000', '85100000', '32441000', '35120000', '33190000'],
  },
  {
    name: 'circular',
    titles: [
      'Återbruk av kontorsmöbler i stor skala för {unit}',
      'Klimatsmart betong i markarbeten i {place}',
      'Cirkulära textilier i vården',
      'Renovering i stället för nyinköp av inredning till {unit}',
      'Återvunnet byggmaterial i nya förskolor',
    ],
    problems: [
      'Vi köper nya möbler varje år trots att fungerande möbler står i förråd.',
      'Betongen står för en stor del av klimatpåverkan i våra anläggningsprojekt.',
      'Engångstextilier i vården ger stora mängder avfall.',
    ],
    requirements: [
      'Minst 70 procent av möblerna ska vara återbrukade eller renoverade.',
      'Klimatpåverkan ska redovisas per ton levererat material.',
      'Leverantören ska kunna ta tillbaka och renovera uttjänta produkter.',
      'Produkterna ska kunna spåras genom hela livscykeln.',
    ],
    cpv: ['39100000', '50850000', '44114000', '39500000', '90500000', '98310000', '45233000'],
  },
  {
    name: 'food',
    titles: [
      'Minskat matsvinn i {unit}',
      'Skolmåltider med mer växtbaserad mat i {place}',
      'Smart beställning av måltider för {unit}',
      'Lokalt producerade livsmedel till offentliga kök',
    ],
    problems: [
      'En tredjedel av maten som lagas i våra kök slängs.',
      'Det är svårt för små lokala producenter att leverera till våra kök.',
    ],
    requirements: [
      'Svinnet ska kunna mätas per kök och dag.',
      'Lösningen ska fungera för kök med olika storlek och utrustning.',
      'Prognosen för antal ätande ska träffa inom tio procent.',
    ],
    cpv: ['15000000', '55520000', '55524000', '39221000', '48000000'],
  },
  {
    name: 'digital',
    titles: [
      'AI-stöd för handläggning av bygglov i {place}',
      'Digital tillsyn av enskilda avlopp',
      'Automatiserad hantering av fakturor för {unit}',
      'Öppna data om lediga lokaler i {place}',
      'Digital assistent för medborgarnas frågor',
    ],
    problems: [
      'Handläggningstiderna är långa och mycket tid går åt till att kontrollera att ansökningar är kompletta.',
      'Tillsynen görs med platsbesök som är dyra och sällan hinns med.',
    ],
    requirements: [
      'Beslut ska alltid kunna förklaras för den enskilde.',
      'Lösningen ska uppfylla kraven på tillgänglighet enligt WCAG 2.1 AA.',
      'Data ska stanna inom EU/EES.',
      'Lösningen ska kunna integreras med befintligt ärendehanteringssystem.',
    ],
    cpv: ['72000000', '48000000', '72212000', '48200000', '72300000'],
  },
  {
    name: 'energy',
    titles: [
      'Energieffektiv gatubelysning i {place}',
      'Solenergi på kommunens tak',
      'Smart styrning av värme och ventilation i {unit}',
      'Lagring av solel i flerbostadshus',
    ],
    problems: [
      'Energikostnaderna för våra fastigheter har fördubblats på tre år.',
      'Belysningen lyser med full styrka även när ingen är ute.',
    ],
    requirements: [
      'Energianvändningen ska minska med minst 30 procent jämfört med i dag.',
      'Inomhusklimatet ska hållas inom gällande riktvärden.',
      'Styrningen ska kunna följas upp i ett öppet format.',
    ],
    cpv: ['34928500', '09330000', '71314000', '42500000', '31600000'],
  },
];

const REGIONS = [
  'SE110',
  'SE121',
  'SE122',
  'SE123',
  'SE124',
  'SE125',
  'SE211',
  'SE212',
  'SE213',
  'SE214',
  'SE221',
  'SE224',
  'SE231',
  'SE232',
  'SE311',
  'SE312',
  'SE313',
  'SE321',
  'SE322',
  'SE331',
  'SE332',
  'SE',
  'NO081',
  'NO0A2',
  'NO060',
];
const STAGES: NeedStage[] = [
  'need_analysis',
  'market_dialogue',
  'market_dialogue',
  'rfi',
  'procurement',
  'awarded',
];
const INNOVATION: InnovationType[] = [
  'research_development',
  'new_product',
  'new_service',
  'new_service',
  'new_process',
  'none',
];

for (const area of AREAS) {
  const bad = area.cpv.filter((c) => !isValidCpv(c));
  if (bad.length > 0)
    throw new Error(`needs generator: invalid CPV codes in ${area.name}: ${bad.join(', ')}`);
}

/** mulberry32: small, fast, deterministic. */
export function rngFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* generateNeeds(options: {
  count: number;
  networkIds: string[];
  seed?: number;
}): Generator<NewNeed> {
  const rng = rngFrom(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const n = min + Math.floor(rng() * (max - min + 1));
    return [...new Set(Array.from({ length: n }, () => pick(list)))];
  };
  const fill = (template: string) => template.replace('{place}', pick(PLACES)).replace('{unit}', pick(UNITS));
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-01T00:00:00Z') - start;
  for (let i = 0; i < options.count; i++) {
    const area = AREAS[i % AREAS.length]!;
    const cpvCodes = some(area.cpv, 1, 3).sort();
    const regions = some(REGIONS, 1, 2).sort();
    const closed = rng() < 0.1;
    const publishedAt = new Date(start + Math.floor(rng() * span));
    const title = fill(pick(area.titles));
    const problem = pick(area.problems);
    yield {
      networkId: options.networkIds[Math.floor(rng() * options.networkIds.length)]!,
      title,
      summary: `${problem} Nätverket söker lösningar tillsammans med marknaden och bjuder in till tidig dialog.`,
      description: `${problem} ${pick(area.problems)} Behovet gäller flera av nätverkets medlemmar och beskrivs som funktioner, inte som produkter.`,
      requirements: some(area.requirements, 2, 4),
      desiredOutcomes: 'Lägre kostnader över livscykeln, mindre klimatpåverkan och nöjdare användare.',
      cpvCodes,
      cpvAll: withAncestors(cpvCodes),
      regions,
      regionsAll: regionsWithAncestors(regions),
      innovationType: pick(INNOVATION),
      stage: closed ? 'closed' : pick(STAGES),
      status: closed ? 'closed' : 'published',
      language: rng() < 0.9 ? 'sv' : 'en',
      contact: { name: 'Upphandlingsenheten', email: 'upphandling@example.se' },
      publishedAt,
      ...(rng() < 0.6
        ? { questionsDeadline: new Date(publishedAt.getTime() + (14 + Math.floor(rng() * 60)) * 86_400_000) }
        : {}),
    };
  }
}
