/**
 * The eForms notice of subtype E1 ("voluntary pre-market consultation notice", eForms SDK 1.15)
 * for a need's dialogue invitation. Pure: the service loads the data, this maps it.
 *
 * Mapping (README "eForms E1 notice"): the network's coordinator organisation is the buyer
 * (ORG-0001); title, summary + description + functional requirements, CPV codes, regions (NUTS)
 * and the summed demand value fill both the procedure and its one lot; the questions deadline is
 * BT-800 (deadline for answers); the meetings, which E1 has no fields for, go into BT-300
 * (additional information) with their dates, places and the registration link. No contact
 * person, email, online-meeting link or supplier is ever written.
 */
import { createHash } from 'node:crypto';
import type { Meeting } from '../meetings/meetings.types.js';
import type { Need } from '../needs/needs.types.js';
import type { Network } from '../networks/networks.repository.js';
import type { Organisation } from '../organisations/organisations.repository.js';
import { getRegion } from '../reference/nuts.js';
import { el, ela, renderXml, type XmlElement, type XmlNode } from './xml.js';
import { humanDateTime, zonedDate, zonedTime } from './zoned-time.js';

export const EFORMS_SDK = 'eforms-sdk-1.15';

export interface E1Input {
  need: Need;
  network: Network;
  /** The network's coordinator organisation: the notice's buyer. */
  buyer: Organisation;
  /** Scheduled and cancelled meetings of the need. */
  meetings: Meeting[];
  /** The client's public base URL (links to the need page). */
  baseUrl: string;
  now: Date;
}

export interface E1Problem {
  /** The need's field to fill in (as in PATCH /api/needs/:id). */
  path: string;
  /** The eForms business term it feeds. */
  bt: string;
  message: string;
}

const LANGUAGE = { sv: 'SWE', en: 'ENG' } as const;
const COUNTRY = { SE: 'SWE', NO: 'NOR' } as const;
/** BT-11 buyer legal type (codelist buyer-legal-type). */
const BUYER_LEGAL_TYPE = {
  kommun: 'la',
  region: 'ra',
  statlig_myndighet: 'cga',
  offentligt_bolag: 'pub-undert',
} as const;

/** What E1 requires that a need may lack; an empty list means the notice can be made. */
export function e1Problems(input: Pick<E1Input, 'need'>): E1Problem[] {
  const { need } = input;
  const problems: E1Problem[] = [];
  if (!need.title.trim()) problems.push({ path: 'title', bt: 'BT-21', message: 'A title is required.' });
  if (!(need.summary.trim() || need.description.trim())) {
    problems.push({ path: 'description', bt: 'BT-24', message: 'A summary or description is required.' });
  }
  if (need.cpvCodes.length === 0) {
    problems.push({
      path: 'cpvCodes',
      bt: 'BT-262',
      message: 'At least one CPV code is required (the main classification and the main nature, BT-23).',
    });
  }
  if (!need.questionsDeadline) {
    problems.push({
      path: 'questionsDeadline',
      bt: 'BT-800',
      message: 'The deadline for questions and answers from suppliers is required.',
    });
  }
  return problems;
}

/**
 * BT-23 main nature from the main CPV code, by the CPV's own structure: division 45 is works,
 * divisions 03–44 and 48 are supplies, the rest (50–98) services.
 */
export function mainNature(cpv: string): 'works' | 'supplies' | 'services' {
  const division = Number(cpv.slice(0, 2));
  if (division === 45) return 'works';
  if (division < 45 || division === 48) return 'supplies';
  return 'services';
}

/** A stable UUID in the version-4 layout eForms requires (BR-BT-00701-0052), from a hash per need and version: the same need state, the same notice id. */
export function noticeId(needId: string, version: number): string {
  const h = createHash('sha1').update(`behovstorget:e1:${needId}:${version}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** The summed demand value when every row with a value uses one currency (else none). */
export function estimatedValue(need: Need): { amount: number; currency: string } | undefined {
  const rows = need.demand.filter((d) => d.value && d.value.amount > 0);
  const currencies = new Set(rows.map((d) => d.value!.currency));
  if (rows.length === 0 || currencies.size !== 1) return undefined;
  const amount = rows.reduce((sum, d) => sum + d.value!.amount, 0);
  return { amount, currency: [...currencies][0]! };
}

function text(lang: string) {
  return (name: string, value: string): XmlElement => ela(name, { languageID: lang }, value);
}

const TEXTS = {
  sv: {
    legalBasis:
      'Frivillig tidig dialog med marknaden (marknadsundersökning) inför en möjlig innovationsupphandling, ' +
      'enligt 6 kap. 1 § lagen (2016:1145) om offentlig upphandling.',
    requirements: 'Funktionskrav',
    outcomes: 'Önskat resultat',
    meetings: 'Dialogmöten (anmälan på behovets sida',
    cancelled: 'inställt',
    online: 'digitalt',
    hybrid: 'på plats och digitalt',
    more: 'Läs mer, ställ frågor och anmäl dig till mötena på',
    fullText: 'hela texten:',
  },
  en: {
    legalBasis:
      'Voluntary early market dialogue (market consultation) before a possible innovation procurement, ' +
      'under Chapter 6, Section 1 of the Swedish Public Procurement Act (2016:1145).',
    requirements: 'Functional requirements',
    outcomes: 'Desired outcomes',
    meetings: "Dialogue meetings (register on the need's page",
    cancelled: 'cancelled',
    online: 'online',
    hybrid: 'in person and online',
    more: 'Read more, ask questions and register for the meetings at',
    fullText: 'full text:',
  },
} as const;

function needUrl(input: E1Input): string {
  return `${input.baseUrl.replace(/\/+$/, '')}/behov/${encodeURIComponent(input.need.id)}`;
}

/** Longest texts the E1 rules accept (validation-stage-3b `…_length`: BT-24 6,000, BT-300 10,000). */
export const MAX_DESCRIPTION = 6_000;
export const MAX_ADDITIONAL_INFORMATION = 10_000;

/**
 * A text cut to `max` characters (the rules count after normalize-space, which only shortens) with
 * a pointer to the full text on the need's page.
 */
export function fit(text: string, max: number, fullTextAt: string, t: (typeof TEXTS)['sv' | 'en']): string {
  if (text.length <= max) return text;
  const suffix = `… (${t.fullText} ${fullTextAt})`;
  return `${text.slice(0, max - suffix.length).trimEnd()}${suffix}`;
}

/** BT-24: what the need is, then its functional requirements and desired outcomes. */
function describeNeed(need: Need, t: (typeof TEXTS)['sv' | 'en']): string {
  const parts = [need.summary.trim(), need.description.trim()].filter(Boolean);
  if (need.requirements.length > 0) {
    parts.push(`${t.requirements}:\n${need.requirements.map((r) => `- ${r}`).join('\n')}`);
  }
  if (need.desiredOutcomes.trim()) parts.push(`${t.outcomes}: ${need.desiredOutcomes.trim()}`);
  return parts.join('\n\n');
}

/** BT-300: the meetings (no online links: those go only to registered suppliers). */
function additionalInformation(input: E1Input, t: (typeof TEXTS)['sv' | 'en']): string {
  const lang = input.need.language;
  const url = needUrl(input);
  const lines = [...input.meetings]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((m) => {
      const where =
        m.format === 'online'
          ? t.online
          : [m.address?.trim(), m.format === 'hybrid' ? t.hybrid : undefined].filter(Boolean).join(', ');
      const status = m.status === 'cancelled' ? ` (${t.cancelled})` : '';
      return `- ${m.title}: ${humanDateTime(m.startsAt, lang)}–${humanDateTime(m.endsAt, lang).slice(-5)}${where ? `, ${where}` : ''}${status}`;
    });
  const parts = lines.length > 0 ? [`${t.meetings} ${url}):\n${lines.join('\n')}`] : [];
  parts.push(`${t.more} ${url}`);
  return parts.join('\n\n');
}

/** ISO alpha-3 (eForms `country` codelist) of the Nordic countries our NUTS codes start with. */
const NUTS_COUNTRY: Record<string, string> = { SE: 'SWE', NO: 'NOR', DK: 'DNK', FI: 'FIN', IS: 'ISL' };

/**
 * BT-5071/5141/727/728: a NUTS 3 region is a country subdivision; a country or a broader NUTS
 * region is "anywhere in the country" with its name as the location's description; Norden or
 * no region at all is "anywhere in the EEA".
 */
function anywhereInEea(): XmlElement {
  return el('cac:RealizedLocation', el('cac:Address', el('cbc:Region', 'anyw-eea')));
}

function locations(need: Need): XmlElement[] {
  const tx = text(LANGUAGE[need.language]);
  const places = need.regions.flatMap((code) => {
    const region = getRegion(code);
    if (region && region.level < 0) return [anywhereInEea()];
    const country = NUTS_COUNTRY[code.slice(0, 2)];
    if (!region || !country) return [];
    const countryEl = el('cac:Country', ela('cbc:IdentificationCode', { listName: 'country' }, country));
    if (region.level === 3) {
      return [
        el(
          'cac:RealizedLocation',
          el(
            'cac:Address',
            ela('cbc:CountrySubentityCode', { listName: 'nuts-lvl3' }, region.code),
            countryEl,
          ),
        ),
      ];
    }
    return [
      el(
        'cac:RealizedLocation',
        tx('cbc:Description', `${region.name[need.language]} (${region.code})`),
        el('cac:Address', el('cbc:Region', 'anyw-cou'), countryEl),
      ),
    ];
  });
  return places.length > 0 ? places : [anywhereInEea()];
}

function project(
  input: E1Input,
  id: string | undefined,
  t: (typeof TEXTS)['sv' | 'en'],
  note: string | undefined,
) {
  const { need } = input;
  const tx = text(LANGUAGE[need.language]);
  const [main, ...more] = need.cpvCodes;
  const value = estimatedValue(need);
  return el(
    'cac:ProcurementProject',
    id ? ela('cbc:ID', { schemeName: 'InternalID' }, id) : null,
    tx('cbc:Name', need.title.trim()),
    tx('cbc:Description', fit(describeNeed(need, t), MAX_DESCRIPTION, needUrl(input), t)),
    ela('cbc:ProcurementTypeCode', { listName: 'contract-nature' }, mainNature(main!)),
    note ? tx('cbc:Note', note) : null,
    value
      ? el(
          'cac:RequestedTenderTotal',
          ela('cbc:EstimatedOverallContractAmount', { currencyID: value.currency }, value.amount.toFixed(2)),
        )
      : null,
    el('cac:MainCommodityClassification', ela('cbc:ItemClassificationCode', { listName: 'cpv' }, main!)),
    more.map((code) =>
      el(
        'cac:AdditionalCommodityClassification',
        ela('cbc:ItemClassificationCode', { listName: 'cpv' }, code),
      ),
    ),
    locations(need),
  );
}

const NAMESPACES = {
  xmlns: 'urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2',
  'xmlns:cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  'xmlns:cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  'xmlns:ext': 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
  'xmlns:efac': 'http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1',
  'xmlns:efbc': 'http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1',
  'xmlns:efext': 'http://data.europa.eu/p27/eforms-ubl-extensions/1',
};

function extension(...content: XmlNode[]): XmlElement {
  return el(
    'ext:UBLExtensions',
    el('ext:UBLExtension', el('ext:ExtensionContent', el('efext:EformsExtension', ...content))),
  );
}

/** The notice as XML. Call e1Problems first: this assumes a need E1 can describe. */
export function renderE1(input: E1Input): string {
  const { need, buyer, now } = input;
  const lang = LANGUAGE[need.language];
  const t = TEXTS[need.language];
  const tx = text(lang);
  const ORG = 'ORG-0001';
  const deadline = need.questionsDeadline!;
  const legalType = buyer.buyerType ? BUYER_LEGAL_TYPE[buyer.buyerType] : undefined;

  const organisation = el(
    'efac:Organization',
    el(
      'efac:Company',
      buyer.website ? el('cbc:WebsiteURI', buyer.website) : null,
      el('cac:PartyIdentification', ela('cbc:ID', { schemeName: 'organization' }, ORG)),
      el('cac:PartyName', tx('cbc:Name', buyer.name)),
      el(
        'cac:PostalAddress',
        el('cac:Country', ela('cbc:IdentificationCode', { listName: 'country' }, COUNTRY[buyer.country])),
      ),
      el('cac:PartyLegalEntity', ela('cbc:CompanyID', { schemeName: 'national' }, buyer.orgNumber)),
    ),
  );

  const root = ela(
    'PriorInformationNotice',
    NAMESPACES,
    extension(
      el('efac:NoticeSubType', ela('cbc:SubTypeCode', { listName: 'notice-subtype' }, 'E1')),
      el('efac:Organizations', organisation),
    ),
    el('cbc:UBLVersionID', '2.3'),
    el('cbc:CustomizationID', EFORMS_SDK),
    ela('cbc:ID', { schemeName: 'notice-id' }, noticeId(need.id, need.version)),
    el('cbc:IssueDate', zonedDate(now)),
    el('cbc:IssueTime', zonedTime(now)),
    el('cbc:VersionID', '01'),
    el('cbc:RegulatoryDomain', 'other'),
    ela('cbc:NoticeTypeCode', { listName: 'consultation' }, 'pmc'),
    el('cbc:NoticeLanguageCode', lang),
    el(
      'cac:ContractingParty',
      legalType
        ? el(
            'cac:ContractingPartyType',
            ela('cbc:PartyTypeCode', { listName: 'buyer-legal-type' }, legalType),
          )
        : null,
      el('cac:Party', el('cac:PartyIdentification', ela('cbc:ID', { schemeName: 'organization' }, ORG))),
    ),
    el(
      'cac:TenderingTerms',
      el(
        'cac:ProcurementLegislationDocumentReference',
        el('cbc:ID', 'LocalLegalBasis'),
        tx('cbc:DocumentDescription', t.legalBasis),
      ),
    ),
    project(input, need.id, t, undefined),
    el(
      'cac:ProcurementProjectLot',
      ela('cbc:ID', { schemeName: 'Lot' }, 'LOT-0001'),
      el(
        'cac:TenderingTerms',
        el(
          'cac:CallForTendersDocumentReference',
          el('cbc:ID', need.id),
          el('cbc:DocumentType', 'non-restricted-document'),
          el('cac:Attachment', el('cac:ExternalReference', el('cbc:URI', needUrl(input)))),
        ),
        el('cac:TenderRecipientParty', el('cbc:EndpointID', needUrl(input))),
        el('cac:Language', el('cbc:ID', lang)),
      ),
      el(
        'cac:TenderingProcess',
        extension(
          el(
            'efac:AnswerReceptionPeriod',
            el('cbc:EndDate', zonedDate(deadline)),
            el('cbc:EndTime', zonedTime(deadline)),
          ),
        ),
      ),
      project(
        input,
        undefined,
        t,
        fit(additionalInformation(input, t), MAX_ADDITIONAL_INFORMATION, needUrl(input), t),
      ),
    ),
  );
  return renderXml(root);
}
