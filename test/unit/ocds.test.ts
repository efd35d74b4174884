import {
  MEETING_CANCELLED,
  MEETING_CHANGED,
  MEETING_PUBLISHED,
  MEETING_SUMMARY_PUBLISHED,
} from '../../server/modules/meetings/meetings.events.js';
import type { Meeting } from '../../server/modules/meetings/meetings.types.js';
import { NEED_CHANGED, NEED_PUBLISHED, NEED_UPDATED } from '../../server/modules/needs/needs.events.js';
import type { Need } from '../../server/modules/needs/needs.types.js';
import type { Network } from '../../server/modules/networks/networks.repository.js';
import { OCDS_EVENT_TYPES, ocdsEventRoutes } from '../../server/modules/ocds/ocds.events.js';
import {
  buildState,
  identifierOf,
  toRelease,
  type OcdsSource,
} from '../../server/modules/ocds/ocds.mapping.js';
import { diff, merge, type JsonObject } from '../../server/modules/ocds/ocds.merge.js';
import type { Organisation } from '../../server/modules/organisations/organisations.repository.js';
import { QUESTION_PUBLISHED } from '../../server/modules/questions/questions.events.js';
import type { Question } from '../../server/modules/questions/questions.repository.js';
import { escapeXml, renderAtom } from '../../server/modules/feeds/atom.js';
import { ocdsValidators } from '../helpers/ocds-schema.js';

const ctx = { prefix: 'ocds-xxxxxx-behovstorget-', baseUrl: 'https://behovstorget.example' };
const at = new Date('2026-11-02T08:00:00Z');

function org(id: string, name: string, country: 'SE' | 'NO', orgNumber: string): Organisation {
  return { id, kind: 'buyer', name, country, orgNumber, status: 'verified' } as Organisation;
}

const kommun = org('65f0000000000000000000a1', 'Växjö kommun', 'SE', '212000-0690');
const fylke = org('65f0000000000000000000a2', 'Vestland fylkeskommune', 'NO', '821311632');

function source(
  overrides: { need?: Partial<Need>; meetings?: Meeting[]; questions?: Question[] } = {},
): OcdsSource {
  const need: Need = {
    id: '65f000000000000000000001',
    networkId: '65f000000000000000000002',
    status: 'published',
    hidden: false,
    openReports: 0,
    version: 2,
    title: 'Laddinfrastruktur',
    summary: 'Kommunerna behöver ladda sina bilar.',
    description: 'Elnätet räcker inte vid depåerna.',
    requirements: ['Styrd laddning', 'Förare ser laddstatus'],
    desiredOutcomes: 'Lägre effektavgifter.',
    cpvCodes: ['31158100', '48000000'],
    cpvAll: [],
    regions: ['SE212', 'NO0A2'],
    regionsAll: [],
    innovationType: 'new_service',
    stage: 'market_dialogue',
    language: 'sv',
    contact: { name: 'Anna Andersson', email: 'anna@vaxjo.example', phone: '0470-41000' },
    attachments: [{ title: 'Förstudie', url: 'https://example.org/forstudie.pdf' }],
    demand: [
      {
        organisationId: kommun.id,
        quantity: { amount: 250, unit: 'laddpunkter' },
        value: { amount: 12e6, currency: 'SEK' },
      },
      {
        organisationId: fylke.id,
        quantity: { amount: 150, unit: 'Laddpunkter' },
        value: { amount: 8.5e6, currency: 'SEK' },
      },
    ],
    publishedAt: at,
    questionsDeadline: new Date('2026-12-20T15:00:00Z'),
    createdAt: at,
    updatedAt: at,
    ...overrides.need,
  };
  const network = {
    id: need.networkId,
    name: 'Fossilfria transporter',
    coordinatorOrgId: kommun.id,
    contact: { name: 'Nils Nätverk', email: 'nils@natverk.example' },
  } as Network;
  return {
    need,
    network,
    organisations: new Map([kommun, fylke].map((o) => [o.id, o])),
    meetings: overrides.meetings ?? [],
    questions: overrides.questions ?? [],
  };
}

const meeting = (overrides: Partial<Meeting> = {}): Meeting =>
  ({
    id: '65f0000000000000000000b1',
    needId: '65f000000000000000000001',
    kind: 'information_meeting',
    status: 'scheduled',
    title: 'Informationsmöte',
    agenda: 'Behovet presenteras.',
    format: 'hybrid',
    address: 'Stadshuset, Växjö',
    onlineUrl: 'https://meet.example.se/hemlig-42',
    startsAt: new Date('2026-12-10T09:00:00Z'),
    endsAt: new Date('2026-12-10T11:00:00Z'),
    language: 'sv',
    ...overrides,
  }) as Meeting;

const question: Question = {
  id: '65f0000000000000000000c1',
  needId: '65f000000000000000000001',
  networkId: '65f000000000000000000002',
  source: 'platform',
  status: 'published',
  text: 'Ska lösningen fungera med befintliga laddare?',
  originalText: 'Vi på Laddbolaget AB undrar om våra laddare duger?',
  askedByOrgId: '65f0000000000000000000d1',
  askedByUserId: '65f0000000000000000000d2',
  answer: { text: 'Ja, öppna protokoll (OCPP) krävs.', answeredAt: new Date('2026-11-05T10:00:00Z') },
  publishedAt: new Date('2026-11-05T10:00:00Z'),
  createdAt: new Date('2026-11-04T10:00:00Z'),
};

const release = (body: JsonObject, n: number, tag: 'planning' | 'planningUpdate') =>
  toRelease(body, { ocid: `${ctx.prefix}x`, id: `r${n}`, date: at, tag });

describe('OCDS mapping', () => {
  const validate = ocdsValidators();

  it('when a published need is mapped, then its state is a valid release with the issue mapping and no personal data', () => {
    const state = buildState(source({ meetings: [meeting()], questions: [question] }), ctx);
    const r = release(state, 1, 'planning');

    expect(validate.release(r)).toEqual([]);
    // The validator is not vacuous: a release without its required fields fails.
    expect(validate.release({ ocid: 'x', tag: ['nonsense'] })).toEqual(
      expect.arrayContaining([expect.stringContaining("required property 'id'")]),
    );
    expect(state).toMatchObject({
      ocid: 'ocds-xxxxxx-behovstorget-65f000000000000000000001',
      initiationType: 'tender',
      buyer: { id: 'SE-BLV-2120000690', name: 'Växjö kommun' },
      planning: {
        rationale: expect.stringContaining('Elnätet räcker inte'),
        budget: { amount: { amount: 20_500_000, currency: 'SEK' } },
        documents: expect.arrayContaining([
          expect.objectContaining({
            id: 'market-engagement',
            documentType: 'marketEngagementNotice',
            url: 'https://behovstorget.example/behov/65f000000000000000000001',
          }),
        ]),
        milestones: [
          expect.objectContaining({
            type: 'engagement',
            status: 'scheduled',
            dueDate: '2026-12-10T09:00:00.000Z',
            documents: [expect.objectContaining({ format: 'text/calendar' })],
          }),
        ],
      },
      tender: {
        id: '65f000000000000000000001',
        title: 'Laddinfrastruktur',
        status: 'planning',
        procuringEntity: { id: 'behovstorget-network-65f000000000000000000002' },
        enquiryPeriod: { endDate: '2026-12-20T15:00:00.000Z' },
        hasEnquiries: true,
      },
    });
    const tender = state.tender as JsonObject;
    expect(tender.description).toContain('- Styrd laddning');
    expect((tender.items as JsonObject[])[0]).toMatchObject({
      classification: { scheme: 'CPV', id: '31158100' },
      additionalClassifications: [{ scheme: 'CPV', id: '48000000' }],
      deliveryAddresses: [{ region: 'SE212' }, { region: 'NO0A2' }],
      quantity: 400,
      unit: { name: 'laddpunkter' },
    });
    expect(state.parties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'behovstorget-network-65f000000000000000000002',
          roles: ['procuringEntity'],
        }),
        expect.objectContaining({
          id: 'SE-BLV-2120000690',
          identifier: expect.objectContaining({ scheme: 'SE-BLV' }),
          roles: ['buyer'],
        }),
        expect.objectContaining({
          id: 'NO-BRC-821311632',
          identifier: expect.objectContaining({ scheme: 'NO-BRC', id: '821311632' }),
        }),
      ]),
    );
    const [enquiry] = tender.enquiries as JsonObject[];
    expect(enquiry).toEqual({
      id: question.id,
      date: '2026-11-04T10:00:00.000Z',
      description: question.text,
      answer: 'Ja, öppna protokoll (OCPP) krävs.',
      dateAnswered: '2026-11-05T10:00:00.000Z',
    });
    const text = JSON.stringify(state);
    for (const secret of [
      'Anna',
      'anna@',
      '0470',
      'Nils',
      'natverk.example',
      'hemlig-42',
      'Laddbolaget',
      question.askedByOrgId!,
      question.askedByUserId!,
      '@',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('when a need is closed without a procurement, then the tender is withdrawn and the outcome is a marketStudies document', () => {
    const state = buildState(
      source({
        need: {
          status: 'closed',
          closedAt: new Date('2026-12-15T10:00:00Z'),
          outcome: {
            result: 'not_procured',
            description: 'Marknaden var inte mogen.',
            lessonsLearned: 'Börja tidigare.',
          },
        },
        meetings: [
          meeting(),
          meeting({ id: '65f0000000000000000000e2', status: 'cancelled', cancelReason: 'Sjukdom' }),
        ],
      }),
      ctx,
    );

    expect(validate.release(release(state, 1, 'planning'))).toEqual([]);
    expect((state.tender as JsonObject).status).toBe('withdrawn');
    const planning = state.planning as JsonObject;
    expect(planning.documents).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'outcome', documentType: 'marketStudies' })]),
    );
    expect((planning.milestones as JsonObject[]).map((m) => m.status)).toEqual(['met', 'notMet']);
  });

  it('when an organisation number is Swedish or Norwegian, then the identifier is SE-BLV or NO-BRC with digits only', () => {
    expect(identifierOf(kommun)).toEqual({
      scheme: 'SE-BLV',
      id: '2120000690',
      partyId: 'SE-BLV-2120000690',
    });
    expect(identifierOf(fylke)).toEqual({ scheme: 'NO-BRC', id: '821311632', partyId: 'NO-BRC-821311632' });
  });
});

describe('OCDS deltas', () => {
  const validate = ocdsValidators();

  it('when a state changes, then the delta holds only what changed and merging it gives the new state', () => {
    const before = buildState(source({ meetings: [meeting()] }), ctx);
    const after = buildState(
      source({
        need: { title: 'Styrd laddning' },
        meetings: [meeting({ startsAt: new Date('2026-12-11T09:00:00Z') })],
      }),
      ctx,
    );

    const delta = diff(before, after)!;

    expect(delta).toEqual({
      tender: { id: '65f000000000000000000001', title: 'Styrd laddning' },
      planning: {
        documents: [{ id: 'market-engagement', title: 'Styrd laddning' }],
        milestones: [
          {
            id: 'meeting-65f0000000000000000000b1',
            description: expect.stringContaining('2026-12-11T09:00:00.000Z'),
            dueDate: '2026-12-11T09:00:00.000Z',
          },
        ],
      },
    });
    expect(merge(before, delta)).toEqual(after);
    expect(validate.release(release(delta, 2, 'planningUpdate'))).toEqual([]);
  });

  it('when nothing public changed, then there is no delta', () => {
    const state = buildState(source(), ctx);
    expect(
      diff(state, buildState(source({ need: { updatedAt: new Date(), openReports: 2 } }), ctx)),
    ).toBeUndefined();
  });

  it('when an identified item or a field disappears, then the delta blanks it, keeps ids, and a second diff finds nothing', () => {
    const before = buildState(source(), ctx);
    const after = buildState(source({ need: { demand: [], attachments: [] } }), ctx);

    const delta = diff(before, after)!;
    const merged = merge(before, delta);

    expect(validate.release(release(delta, 2, 'planningUpdate'))).toEqual([]);
    expect((merged.planning as JsonObject).budget).toEqual({ amount: {} });
    const items = (merged.tender as JsonObject).items as JsonObject[];
    expect(items.map((i) => i.id)).toEqual(['1', `demand-${kommun.id}`, `demand-${fylke.id}`]);
    expect(items[1]).toEqual({ id: `demand-${kommun.id}`, classification: {}, unit: {} });
    expect(diff(merged, after)).toBeUndefined();
  });

  it('when arrays are wholeListMerge or unidentified, then they are replaced whole', () => {
    const base = { tender: { items: [{ id: '1', additionalClassifications: [{ id: 'a' }, { id: 'b' }] }] } };
    const delta = diff(base, { tender: { items: [{ id: '1', additionalClassifications: [{ id: 'c' }] }] } })!;

    expect(merge(base, delta)).toEqual({
      tender: { items: [{ id: '1', additionalClassifications: [{ id: 'c' }] }] },
    });
  });
});

describe('OCDS events', () => {
  it('when a feature event names a public change, then it is routed to record-ocds-release with its id', () => {
    expect(new Set(OCDS_EVENT_TYPES)).toEqual(
      new Set([
        NEED_PUBLISHED,
        NEED_UPDATED,
        NEED_CHANGED,
        MEETING_PUBLISHED,
        MEETING_CHANGED,
        MEETING_CANCELLED,
        MEETING_SUMMARY_PUBLISHED,
        QUESTION_PUBLISHED,
      ]),
    );
    const event = {
      type: MEETING_CHANGED,
      payload: { meetingId: '65f000000000000000000009', sequence: 2 },
      createdAt: at,
    } as never;
    const [routed] = ocdsEventRoutes[MEETING_CHANGED]!(event);
    expect(routed!.job.name).toBe('record-ocds-release');
    expect(routed!.payload).toEqual({ meetingId: '65f000000000000000000009', at: at.toISOString() });
  });
});

describe('Atom rendering', () => {
  it('when text holds markup or characters XML forbids, then it is escaped or dropped', () => {
    expect(escapeXml(`<b>"R&D"</b>\u0001'`)).toBe('&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;&apos;');
    const xml = renderAtom({
      id: 'https://x/feed',
      title: 'T',
      selfUrl: 'https://x/feed?a=1&b=2',
      alternateUrl: 'https://x/',
      author: 'Behovstorget',
      rights: 'https://creativecommons.org/publicdomain/zero/1.0/',
      language: 'sv',
      entries: [],
    });
    expect(xml).toContain('href="https://x/feed?a=1&amp;b=2"');
    expect(xml).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});
