/**
 * Realistic Swedish supplier profiles for load tests and demos, as import rows (the shape of the
 * import file's JSON records), reproducible from a seed. Org numbers have valid check digits
 * and are unique; CPV codes are drawn over the real tree (weighted towards what the public
 * sector buys, descending 1–4 levels below a division); regions, sizes and languages follow
 * plausible shares.
 */
import { childrenOf, cpvDivisions, label } from '../../server/modules/reference/cpv.js';
import { regions as allRegions } from '../../server/modules/reference/nuts.js';
import { generateSwedishOrgNumber } from '../../server/modules/organisations/org-number.js';
import type { RawRow } from '../../server/modules/suppliers/suppliers-import.parse.js';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}
function some<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rng() * (max - min + 1));
  const out = new Set<T>();
  for (let i = 0; i < n * 3 && out.size < n; i++) out.add(pick(rng, items));
  return [...out];
}

/** Divisions public buyers use most, with rough weights; the rest of the tree gets a share too. */
const DIVISIONS: readonly (readonly [string, number])[] = [
  ['48000000', 10], // software
  ['72000000', 10], // IT services
  ['33000000', 7], // medical equipment
  ['85000000', 5], // health and social work
  ['45000000', 8], // construction work
  ['90000000', 5], // sewage, refuse, environment
  ['80000000', 4], // education
  ['34000000', 4], // transport equipment
  ['09000000', 3], // fuels, electricity
  ['31000000', 4], // electrical machinery
  ['15000000', 3], // food
  ['55000000', 3], // catering
  ['79000000', 6], // business services
  ['71000000', 5], // architecture, engineering
  ['30000000', 3], // office and computing machinery
  ['50000000', 3], // repair and maintenance
  ['39000000', 2], // furniture
  ['60000000', 2], // transport services
  ['77000000', 2], // agricultural, forestry, horticultural services
  ['98000000', 2], // other community services
];

const DOMAIN_WORDS: Record<string, string[]> = {
  '48': ['Data', 'Digital', 'System', 'Kod', 'Mjukvaru', 'Moln', 'IT'],
  '72': ['IT', 'Digital', 'Data', 'Tech', 'Infra', 'Nät'],
  '30': ['Dator', 'IT', 'Kontors'],
  '33': ['Med', 'Vård', 'Hälso', 'Hjälpmedel', 'Care'],
  '85': ['Omsorg', 'Vård', 'Hälsa', 'Care'],
  '45': ['Bygg', 'Anläggning', 'Entreprenad', 'Mark'],
  '71': ['Arkitekt', 'Ingenjörs', 'Projektering', 'Teknik'],
  '90': ['Miljö', 'Återvinning', 'Avfall', 'Kretslopp', 'Vatten'],
  '09': ['Energi', 'Kraft', 'Bio', 'Sol'],
  '31': ['El', 'Laddning', 'Elektro', 'Energi'],
  '34': ['Fordon', 'Transport', 'Mobilitet'],
  '60': ['Transport', 'Logistik', 'Buss'],
  '15': ['Mat', 'Livs', 'Måltid', 'Bageri'],
  '55': ['Måltid', 'Kök', 'Catering'],
  '80': ['Utbildning', 'Lärande', 'Kompetens', 'Skol'],
  '79': ['Konsult', 'Analys', 'Kommunikation', 'Rådgivning'],
};
const PLACES = [
  'Norr',
  'Syd',
  'Väst',
  'Öst',
  'Fjäll',
  'Skog',
  'Sjö',
  'Berg',
  'Älv',
  'Kust',
  'Dal',
  'Ek',
  'Björk',
  'Lind',
  'Ström',
  'Sten',
  'Nord',
  'Mälar',
  'Vätter',
  'Göta',
  'Svea',
  'Botten',
  'Roslags',
  'Bergslags',
  'Upplands',
  'Skåne',
  'Hallands',
  'Jämt',
  'Norrlands',
  'Gotlands',
  'Värmlands',
  'Dalarnas',
];
const SUFFIXES = [
  'Teknik',
  'Gruppen',
  'Partner',
  'Lösningar',
  'Solutions',
  'Konsult',
  'Systems',
  'Labs',
  'Innovation',
  'Service',
  'Center',
  'Kompaniet',
  'Verkstaden',
];
const SURNAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Lindberg',
  'Lindqvist',
  'Holm',
  'Bergström',
  'Sandberg',
  'Forsberg',
  'Åberg',
  'Öberg',
  'Lundgren',
  'Nyström',
  'Sjöberg',
  'Wikström',
  'Hedlund',
  'Axelsson',
  'Mattsson',
  'Blom',
  'Engström',
  'Falk',
];
const FIRST_NAMES = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Emma',
  'Sofia',
  'Elin',
  'Ida',
  'Lars',
  'Mikael',
  'Anders',
  'Johan',
  'Erik',
  'Per',
  'Karl',
  'Peter',
  'Fredrik',
  'Jonas',
  'Ali',
  'Fatima',
  'Mohammed',
  'Leila',
  'Aino',
  'Mikko',
  'Sanna',
  'Björn',
  'Åsa',
  'Göran',
];
const ROLES = [
  'VD',
  'Försäljningschef',
  'Key account manager',
  'Ansvarig offentlig sektor',
  'Affärsutvecklare',
  'Grundare',
  'Teknisk chef',
];
const BUYERS = [
  'Region Stockholm',
  'Göteborgs Stad',
  'Malmö stad',
  'Region Skåne',
  'Umeå kommun',
  'Trafikverket',
  'Försäkringskassan',
  'Skatteverket',
  'Region Västerbotten',
  'Uppsala kommun',
  'Linköpings kommun',
  'Örebro kommun',
  'Västerås stad',
  'Region Halland',
  'Region Jämtland Härjedalen',
  'Luleå kommun',
  'Helsingborgs stad',
  'Jönköpings kommun',
  'Kammarkollegiet',
  'Adda Inköpscentral',
  'Sundsvalls kommun',
  'Region Östergötland',
  'Norrköpings kommun',
  'Gävle kommun',
  'Karlstads kommun',
];
const CERTIFICATIONS: readonly (readonly [string, number])[] = [
  ['ISO 9001', 30],
  ['ISO 14001', 20],
  ['ISO 27001', 8],
  ['ISO 45001', 5],
  ['Svanen', 3],
  ['ISO 13485', 2],
];
const KEYWORDS = [
  'innovation',
  'hållbarhet',
  'digitalisering',
  'cirkulär ekonomi',
  'tillgänglighet',
  'e-hälsa',
  'välfärdsteknik',
  'AI',
  'öppen källkod',
  'molntjänster',
  'energieffektivisering',
  'fossilfritt',
  'upphandling',
  'förvaltning',
  'support',
  'integration',
  'säkerhet',
  'GDPR',
  'utbildning',
  'drift',
  'laddinfrastruktur',
  'matsvinn',
  'skolans digitalisering',
  'hjälpmedel',
  'återbruk',
];
const SIZES: readonly (readonly [['micro' | 'small' | 'medium' | 'large', string], number])[] = [
  [['micro', '1-9'], 55],
  [['small', '10-49'], 28],
  [['medium', '50-249'], 12],
  [['large', '250-999'], 4],
  [['large', '1000+'], 1],
];

const counties = allRegions.filter((r) => r.level === 3 && r.code.startsWith('SE')).map((r) => r.code);
const areas = allRegions
  .filter((r) => (r.level === 1 || r.level === 2) && r.code.startsWith('SE'))
  .map((r) => r.code);

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

function cpvCode(rng: Rng, division: string): string {
  let code = division;
  const depth = weighted(rng, [
    [1, 3],
    [2, 4],
    [3, 3],
    [4, 1],
  ] as const);
  for (let i = 0; i < depth; i++) {
    const children = childrenOf(code);
    if (children.length === 0) break;
    code = pick(rng, children);
  }
  return code;
}

const allDivisions = cpvDivisions();

export interface GeneratorOptions {
  count: number;
  seed?: number;
  /** Share of profiles with `publicProfile: true` (default 0.4). */
  publicShare?: number;
}

function companyName(rng: Rng, division: string): string {
  const domain = DOMAIN_WORDS[division.slice(0, 2)] ?? ['Teknik', 'Service', 'Partner'];
  const style = rng();
  if (style < 0.45) return `${pick(rng, PLACES)}${pick(rng, domain).toLowerCase()} ${pick(rng, SUFFIXES)} AB`;
  if (style < 0.7)
    return `${pick(rng, domain)}${pick(rng, SUFFIXES).toLowerCase()} i ${pick(rng, PLACES)}land AB`.replace(
      'landland',
      'land',
    );
  if (style < 0.9) return `${pick(rng, SURNAMES)} & ${pick(rng, SURNAMES)} ${pick(rng, domain)} AB`;
  return `${pick(rng, PLACES)} ${pick(rng, domain)} ekonomisk förening`;
}

/** One generated supplier as an import row. `used` keeps org numbers unique across a run. */
export function generateSupplier(rng: Rng, used: Set<string>, publicShare = 0.4): Record<string, unknown> {
  let orgNumber: string;
  do orgNumber = generateSwedishOrgNumber(rng, { firstDigit: 5 });
  while (used.has(orgNumber));
  used.add(orgNumber);

  const main = rng() < 0.8 ? weighted(rng, DIVISIONS) : pick(rng, allDivisions);
  const second = rng() < 0.3 ? weighted(rng, DIVISIONS) : main;
  const cpvCodes = [
    ...new Set(
      Array.from({ length: 1 + Math.floor(rng() * 5) }, (_, i) => cpvCode(rng, i % 2 ? second : main)),
    ),
  ];
  const labels = cpvCodes.map((c) => label(c, 'sv') ?? c);
  const name = companyName(rng, main);
  const slug = fold(name.replace(/ (AB|ekonomisk förening)$/, '')).slice(0, 30);
  const [[size, employeesBand]] = [weighted(rng, SIZES)];

  const regionStyle = rng();
  const regions =
    regionStyle < 0.15
      ? ['SE']
      : regionStyle < 0.18
        ? ['NORDICS']
        : regionStyle < 0.3
          ? [pick(rng, areas)]
          : some(rng, counties, 1, 3);
  const where = regions.includes('SE')
    ? 'i hela Sverige'
    : regions.includes('NORDICS')
      ? 'i hela Norden'
      : 'regionalt';
  const offerings = labels.slice(0, 4).map((l, i) => ({
    type: Number(cpvCodes[i]!.slice(0, 2)) < 45 && cpvCodes[i]!.slice(0, 2) !== '48' ? 'product' : 'service',
    name: l.length > 118 ? `${l.slice(0, 117)}…` : l,
  }));
  if (rng() < 0.3)
    offerings.push({
      type: 'capability',
      name: pick(rng, [
        'Projektledning',
        'Systemintegration',
        'Förstudier',
        'Utbildning av personal',
        'Drift och förvaltning',
        'Behovsanalys',
      ]),
    });
  const first = labels[0]!.toLowerCase();
  const founded = 2024 - Math.floor(rng() ** 2 * 70);
  const row: Record<string, unknown> = {
    country: 'SE',
    orgNumber,
    organisationName: name,
    name: name.replace(/ AB$/, ''),
    pitch: `Vi levererar ${first.length > 120 ? first.slice(0, 120) : first} till offentlig sektor ${where}.`,
    description: [
      `${name.replace(/ AB$/, '')} grundades ${founded} och arbetar med ${labels.slice(0, 2).join(' och ').toLowerCase()}.`,
      `Våra kunder är kommuner, regioner och statliga myndigheter som vill ${pick(rng, ['effektivisera sin verksamhet', 'minska sin klimatpåverkan', 'förbättra servicen till invånarna', 'digitalisera sina processer', 'pröva nya lösningar i liten skala först'])}.`,
      `Vi deltar gärna i tidig dialog och ${pick(rng, ['innovationsupphandlingar', 'förkommersiella upphandlingar', 'pilotprojekt', 'behovsanalyser'])}.`,
    ].join(' '),
    offerings,
    cpvCodes,
    regions,
    companySize: size,
    employeesBand,
    foundedYear: founded,
    languages: [
      'sv',
      ...(rng() < 0.6 ? ['en'] : []),
      ...(rng() < 0.05 ? [pick(rng, ['fi', 'ar', 'de', 'no', 'se'])] : []),
    ],
    website: `https://www.${slug || 'foretag'}.se`,
    certifications: CERTIFICATIONS.filter(([, share]) => rng() * 100 < share).map(([c]) => c),
    keywords: some(rng, KEYWORDS, 1, 4),
    references: Array.from({ length: Math.floor(rng() * 3) }, () => ({
      buyerName: pick(rng, BUYERS),
      year: 2015 + Math.floor(rng() * 10),
      text: 'Leverans inom ramavtal.',
    })),
    publicProfile: rng() < publicShare,
  };
  if (rng() < 0.7) {
    const firstName = pick(rng, FIRST_NAMES);
    const lastName = pick(rng, SURNAMES);
    row.contacts = [
      {
        name: `${firstName} ${lastName}`,
        role: pick(rng, ROLES),
        email: `${fold(firstName)}.${fold(lastName)}@${slug || 'foretag'}.se`,
        phone: `+46 70 ${100 + Math.floor(rng() * 900)} ${10 + Math.floor(rng() * 90)} ${10 + Math.floor(rng() * 90)}`,
        consent: true,
      },
    ];
  }
  return row;
}

/** `count` import rows, lazily (100,000 rows never need to be in memory at once). */
export function* generateSuppliers(options: GeneratorOptions): Generator<RawRow> {
  const rng = seededRandom(options.seed ?? 20_240_901);
  const used = new Set<string>();
  for (let i = 0; i < options.count; i++) {
    yield { line: i + 1, data: generateSupplier(rng, used, options.publicShare) };
  }
}
