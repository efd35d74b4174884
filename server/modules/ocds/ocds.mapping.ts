import type { Meeting } from '../meetings/meetings.types.js';
import { demandTotals } from '../needs/needs.lifecycle.js';
import type { Need } from '../needs/needs.types.js';
import type { Network } from '../networks/networks.repository.js';
import type { Organisation } from '../organisations/organisations.repository.js';
import type { Question } from '../questions/questions.repository.js';
import { label } from '../reference/cpv.js';
import type { JsonObject } from './ocds.merge.js';
import { clean, iso, meetingMilestone, planningDocuments } from './ocds.planning.js';

export { needPageUrl } from './ocds.planning.js';

/**
 * The public state of one need as an OCDS 1.1.5 compiled release (without `id`, `date` and
 * `tag`, which belong to each stored release). Pure: the same input gives the same output, and
 * nothing here reads a clock, so a state changes only when a public fact changes.
 *
 * Personal data never enters: not the need's or the network's contact point, not who asked a
 * question (nor its original wording), not who registered for a meeting, not online links.
 */
export interface OcdsSource {
  need: Need;
  network: Network;
  /** The buyer organisations named by the need (demand rows) and the network's coordinator. */
  organisations: Map<string, Organisation>;
  /** The need's public meetings (scheduled or cancelled; drafts are not public). */
  meetings: Meeting[];
  /** Published questions with their answers. */
  questions: Question[];
}

export interface OcdsContext {
  /** OCDS_PREFIX: the ocid is the prefix followed by the need id. */
  prefix: string;
  /** PUBLIC_BASE_URL without a trailing slash (the client and the API share it). */
  baseUrl: string;
}

/** The extensions whose fields the releases use (declared in every package). */
export const OCDS_EXTENSIONS = [
  // tender.enquiries[] (published questions and answers; we never fill `author`).
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/v1.1.5/extension.json',
  // items[].deliveryAddresses[] (region: the NUTS code).
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/master/extension.json',
];

export const ocidOf = (ctx: Pick<OcdsContext, 'prefix'>, needId: string) => `${ctx.prefix}${needId}`;
/** Org-id.guide schemes: Bolagsverket (Swedish organisationsnummer), Brønnøysund (Norwegian). */
export function identifierOf(org: Pick<Organisation, 'country' | 'orgNumber'>) {
  const digits = org.orgNumber.replace(/\D/g, '');
  const scheme = org.country === 'NO' ? 'NO-BRC' : 'SE-BLV';
  return { scheme, id: digits, partyId: `${scheme}-${digits}` };
}

function cpvClassification(code: string, language: 'sv' | 'en'): JsonObject {
  return clean({ scheme: 'CPV', id: code, description: label(code, language) ?? undefined });
}

/** The lead member: the coordinator when it takes part (or nobody is named), else the first row. */
function leadOrganisationId(source: OcdsSource): string {
  const named = source.need.demand.map((d) => d.organisationId);
  const coordinator = source.network.coordinatorOrgId;
  return named.length === 0 || named.includes(coordinator) ? coordinator : named[0]!;
}

function parties(source: OcdsSource, ctx: OcdsContext) {
  const networkParty = clean({
    id: `behovstorget-network-${source.network.id}`,
    name: source.network.name,
    details: { url: `${ctx.baseUrl}/natverk/${source.network.id}` },
    roles: ['procuringEntity'],
  });
  const lead = leadOrganisationId(source);
  const orgIds = [...new Set([lead, ...source.need.demand.map((d) => d.organisationId)])];
  const members = orgIds.flatMap((id) => {
    const org = source.organisations.get(id);
    if (!org) return [];
    const identifier = identifierOf(org);
    return [
      {
        id: identifier.partyId,
        name: org.name,
        identifier: { scheme: identifier.scheme, id: identifier.id, legalName: org.name },
        roles: ['buyer'],
      },
    ];
  });
  const leadOrg = source.organisations.get(lead);
  const buyer = leadOrg ? { id: identifierOf(leadOrg).partyId, name: leadOrg.name } : undefined;
  return { list: [networkParty, ...members] as JsonObject[], buyer, procuringEntity: networkParty };
}

function budget(need: Need): JsonObject | undefined {
  const totals = demandTotals(need.demand);
  const [first, ...others] = totals.value;
  if (!first) return undefined;
  const also = others.map((v) => `${v.amount} ${v.currency}`).join(', ');
  return clean({
    id: 'aggregated-demand',
    description:
      `Aggregated demand (estimated value) of ${totals.organisations} member organisation(s)` +
      (also ? `; also ${also}` : ''),
    amount: { amount: first.amount, currency: first.currency },
  });
}

function items(source: OcdsSource): JsonObject[] {
  const { need } = source;
  const [main, ...more] = need.cpvCodes;
  const classification = main ? cpvClassification(main, need.language) : undefined;
  const additional = more.map((c) => cpvClassification(c, need.language));
  const totals = demandTotals(need.demand);
  const single = totals.quantity.length === 1 ? totals.quantity[0] : undefined;
  const whole = clean({
    id: '1',
    description: need.summary || need.title,
    classification,
    additionalClassifications: additional.length > 0 ? additional : undefined,
    deliveryAddresses: need.regions.length > 0 ? need.regions.map((region) => ({ region })) : undefined,
    quantity: single?.amount,
    unit: single ? { name: single.unit } : undefined,
  });
  const perMember = need.demand.flatMap((row) => {
    if (!row.quantity) return [];
    const org = source.organisations.get(row.organisationId);
    return [
      clean({
        id: `demand-${row.organisationId}`,
        description: `Estimated demand of ${org?.name ?? 'a member organisation'}`,
        classification,
        quantity: row.quantity.amount,
        unit: { name: row.quantity.unit },
      }),
    ];
  });
  return [whole, ...perMember];
}

function enquiries(questions: Question[]): JsonObject[] {
  // `author` is deliberately absent: equal treatment and GDPR — nobody learns who asked.
  return questions
    .filter((q) => q.status === 'published' && q.answer)
    .map((q) =>
      clean({
        id: q.id,
        date: iso(q.receivedAt ?? q.createdAt),
        description: q.text,
        answer: q.answer!.text,
        dateAnswered: iso(q.publishedAt ?? q.answer!.answeredAt),
      }),
    );
}

function tenderStatus(need: Need): 'planning' | 'withdrawn' | 'complete' {
  if (need.status !== 'closed') return 'planning';
  return need.outcome?.result === 'procured' ? 'complete' : 'withdrawn';
}

/** The whole public state of a need as OCDS, to be diffed against the last stored one. */
export function buildState(source: OcdsSource, ctx: OcdsContext): JsonObject {
  const { need } = source;
  const p = parties(source, ctx);
  const milestones = source.meetings.map((m) => meetingMilestone(m, need, ctx));
  const enquiryList = enquiries(source.questions);
  const requirements = need.requirements.map((r) => `- ${r}`).join('\n');
  return clean({
    ocid: ocidOf(ctx, need.id),
    initiationType: 'tender',
    language: need.language,
    parties: p.list,
    buyer: p.buyer,
    planning: clean({
      rationale: [need.description, need.desiredOutcomes && `Desired outcomes: ${need.desiredOutcomes}`]
        .filter(Boolean)
        .join('\n\n'),
      budget: budget(need),
      documents: planningDocuments(source, ctx),
      milestones: milestones.length > 0 ? milestones : undefined,
    }),
    tender: clean({
      id: need.id,
      title: need.title,
      description: requirements ? `Functional requirements:\n${requirements}` : need.summary,
      status: tenderStatus(need),
      procuringEntity: { id: p.procuringEntity.id!, name: p.procuringEntity.name! },
      items: items(source),
      enquiryPeriod: need.questionsDeadline
        ? clean({ startDate: iso(need.publishedAt), endDate: iso(need.questionsDeadline) })
        : undefined,
      hasEnquiries: enquiryList.length > 0,
      enquiries: enquiryList.length > 0 ? enquiryList : undefined,
    }),
  });
}

/** One release: the delta (or the first full state) with its id, date and tag. */
export function toRelease(
  body: JsonObject,
  meta: { ocid: string; id: string; date: Date; tag: 'planning' | 'planningUpdate' },
): JsonObject {
  return {
    ocid: meta.ocid,
    id: meta.id,
    date: meta.date.toISOString(),
    tag: [meta.tag],
    initiationType: 'tender',
    ...Object.fromEntries(Object.entries(body).filter(([k]) => !['ocid', 'initiationType'].includes(k))),
  };
}
