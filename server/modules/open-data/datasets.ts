import type { Dataset, Field } from './fields.js';
import type {
  OpenDataRepository,
  PublicMeetingRow,
  PublicNeedRow,
  PublicQuestionRow,
} from './open-data.repository.js';

/** The summed demand value when every row with a value uses one currency. */
function demandTotal(need: PublicNeedRow): { amount: number; currency: string } | undefined {
  const rows = need.demand.filter((d) => (d.value?.amount ?? 0) > 0);
  const currencies = new Set(rows.map((d) => d.value?.currency ?? 'SEK'));
  if (rows.length === 0 || currencies.size !== 1) return undefined;
  return { amount: rows.reduce((s, d) => s + (d.value?.amount ?? 0), 0), currency: [...currencies][0]! };
}

const lines = (items: string[]) => (items.length > 0 ? items.join('\n') : undefined);

export function createDatasets(repo: OpenDataRepository, baseUrl: string) {
  const needUrl = (id: string) => `${baseUrl.replace(/\/+$/, '')}/behov/${encodeURIComponent(id)}`;

  /** Columns that place a row's need: repeated in every dataset so each file stands alone. */
  const needRef = <R>(need: (r: R) => PublicNeedRow): Field<R>[] => [
    {
      name: 'need_id',
      type: 'id',
      description: {
        sv: 'Behovets id (samma som `id` i needs.csv).',
        en: 'The need’s id (as `id` in needs.csv).',
      },
      value: (r) => need(r).id,
    },
    {
      name: 'need_title',
      type: 'text',
      description: { sv: 'Behovets rubrik.', en: 'The need’s title.' },
      value: (r) => need(r).title,
    },
  ];
  const language = <R>(get: (r: R) => string): Field<R> => ({
    name: 'language',
    type: 'code',
    description: {
      sv: 'Språket som raden är skriven på: `sv` (svenska) eller `en` (engelska).',
      en: 'The language the row is written in: `sv` (Swedish) or `en` (English).',
    },
    value: get,
  });

  const needs: Dataset<PublicNeedRow> = {
    id: 'needs',
    title: { sv: 'Publicerade behov', en: 'Published needs' },
    description: {
      sv: 'Ett behov per rad: alla behov som beställarnätverken har publicerat (också avslutade), med funktionskrav, CPV-koder, regioner, tidplan och summerad efterfrågan.',
      en: 'One need a row: every need the buyer networks have published (closed ones too), with functional requirements, CPV codes, regions, timeline and summed demand.',
    },
    rows: () => repo.publicNeeds(),
    fields: [
      {
        name: 'id',
        type: 'id',
        description: { sv: 'Behovets id.', en: 'The need’s id.' },
        value: (n) => n.id,
      },
      {
        name: 'url',
        type: 'url',
        description: { sv: 'Behovets sida på Behovstorget.', en: 'The need’s page on Behovstorget.' },
        value: (n) => needUrl(n.id),
      },
      {
        name: 'network_id',
        type: 'id',
        description: { sv: 'Beställarnätverkets id.', en: 'The buyer network’s id.' },
        value: (n) => n.networkId,
      },
      {
        name: 'network_name',
        type: 'text',
        description: { sv: 'Beställarnätverkets namn.', en: 'The buyer network’s name.' },
        value: (n) => n.networkName,
      },
      { name: 'title', type: 'text', description: { sv: 'Rubrik.', en: 'Title.' }, value: (n) => n.title },
      {
        name: 'summary',
        type: 'text',
        description: { sv: 'Sammanfattning.', en: 'Summary.' },
        value: (n) => n.summary,
      },
      {
        name: 'description',
        type: 'text',
        description: { sv: 'Beskrivning av behovet.', en: 'Description of the need.' },
        value: (n) => n.description,
      },
      {
        name: 'requirements',
        type: 'text',
        description: {
          sv: 'Funktionskrav, ett per rad i fältet.',
          en: 'Functional requirements, one a line within the field.',
        },
        value: (n) => lines(n.requirements),
      },
      {
        name: 'desired_outcomes',
        type: 'text',
        description: { sv: 'Önskat resultat.', en: 'Desired outcomes.' },
        value: (n) => n.desiredOutcomes,
      },
      {
        name: 'cpv_codes',
        type: 'codes',
        description: {
          sv: 'CPV-koder (åtta siffror, EU:s gemensamma terminologi för offentlig upphandling).',
          en: 'CPV codes (eight digits, the EU’s Common Procurement Vocabulary).',
        },
        value: (n) => n.cpvCodes.join(' '),
      },
      {
        name: 'regions',
        type: 'codes',
        description: {
          sv: 'Regioner som NUTS-koder (t.ex. SE110 Stockholms län) eller landskod.',
          en: 'Regions as NUTS codes (e.g. SE110 Stockholm County) or a country code.',
        },
        value: (n) => n.regions.join(' '),
      },
      {
        name: 'innovation_type',
        type: 'code',
        description: {
          sv: 'Typ av innovation: `research_development`, `new_product`, `new_service`, `new_process` eller `none`.',
          en: 'Kind of innovation: `research_development`, `new_product`, `new_service`, `new_process` or `none`.',
        },
        value: (n) => n.innovationType,
      },
      {
        name: 'stage',
        type: 'code',
        description: {
          sv: 'Skede: `need_analysis`, `market_dialogue`, `rfi`, `procurement`, `awarded` eller `closed`.',
          en: 'Stage: `need_analysis`, `market_dialogue`, `rfi`, `procurement`, `awarded` or `closed`.',
        },
        value: (n) => n.stage,
      },
      {
        name: 'status',
        type: 'code',
        description: {
          sv: '`published` (öppet) eller `closed` (avslutat).',
          en: '`published` (open) or `closed`.',
        },
        value: (n) => n.status,
      },
      language((n) => n.language),
      {
        name: 'questions_deadline',
        type: 'datetime',
        description: {
          sv: 'Sista dag för leverantörers frågor och svar.',
          en: 'Deadline for suppliers’ questions and answers.',
        },
        value: (n) => n.questionsDeadline,
      },
      {
        name: 'dialogue_start',
        type: 'date',
        description: { sv: 'Den tidiga dialogen börjar.', en: 'The early market dialogue starts.' },
        value: (n) => n.dialogueStart,
      },
      {
        name: 'dialogue_end',
        type: 'date',
        description: { sv: 'Den tidiga dialogen slutar.', en: 'The early market dialogue ends.' },
        value: (n) => n.dialogueEnd,
      },
      {
        name: 'planned_procurement_start',
        type: 'date',
        description: { sv: 'Planerad start för upphandlingen.', en: 'Planned start of the procurement.' },
        value: (n) => n.plannedProcurementStart,
      },
      {
        name: 'member_organisations',
        type: 'integer',
        description: {
          sv: 'Antal medlemsorganisationer som har angett efterfrågan.',
          en: 'Number of member organisations that stated a demand.',
        },
        value: (n) => n.demand.length,
      },
      {
        name: 'demand_value',
        type: 'decimal',
        description: {
          sv: 'Summerat uppskattat värde av efterfrågan (tomt om det saknas eller anges i flera valutor).',
          en: 'Summed estimated value of the demand (empty when missing or in several currencies).',
        },
        value: (n) => demandTotal(n)?.amount,
      },
      {
        name: 'demand_currency',
        type: 'code',
        description: {
          sv: 'Valuta för `demand_value` (ISO 4217, t.ex. SEK).',
          en: 'Currency of `demand_value` (ISO 4217, e.g. SEK).',
        },
        value: (n) => demandTotal(n)?.currency,
      },
      {
        name: 'published_at',
        type: 'datetime',
        description: { sv: 'När behovet publicerades.', en: 'When the need was published.' },
        value: (n) => n.publishedAt,
      },
      {
        name: 'closed_at',
        type: 'datetime',
        description: {
          sv: 'När behovet avslutades (tomt om det är öppet).',
          en: 'When the need was closed (empty while open).',
        },
        value: (n) => n.closedAt,
      },
      {
        name: 'updated_at',
        type: 'datetime',
        description: { sv: 'Senaste ändring.', en: 'Last change.' },
        value: (n) => n.updatedAt,
      },
    ],
  };

  const meetings: Dataset<PublicMeetingRow> = {
    id: 'meetings',
    title: { sv: 'Dialogmöten', en: 'Dialogue meetings' },
    description: {
      sv: 'Ett möte per rad: informationsmöten och enskilda dialogmöten för publicerade behov, också inställda, med publicerade mötesanteckningar. Länkar till digitala möten ingår inte.',
      en: 'One meeting a row: information meetings and one-to-one dialogue meetings of published needs, cancelled ones too, with published meeting summaries. Links to online meetings are not included.',
    },
    rows: () => repo.publicMeetings(),
    fields: [
      {
        name: 'id',
        type: 'id',
        description: { sv: 'Mötets id.', en: 'The meeting’s id.' },
        value: (m) => m.id,
      },
      ...needRef<PublicMeetingRow>((m) => m.need),
      {
        name: 'kind',
        type: 'code',
        description: {
          sv: '`information_meeting` (informationsmöte) eller `one_to_one` (enskilda möten).',
          en: '`information_meeting` or `one_to_one` (individual slots).',
        },
        value: (m) => m.kind,
      },
      {
        name: 'status',
        type: 'code',
        description: {
          sv: '`scheduled` (planerat) eller `cancelled` (inställt).',
          en: '`scheduled` or `cancelled`.',
        },
        value: (m) => m.status,
      },
      {
        name: 'title',
        type: 'text',
        description: { sv: 'Mötets rubrik.', en: 'The meeting’s title.' },
        value: (m) => m.title,
      },
      {
        name: 'agenda',
        type: 'text',
        description: { sv: 'Dagordning.', en: 'Agenda.' },
        value: (m) => m.agenda,
      },
      {
        name: 'format',
        type: 'code',
        description: {
          sv: '`in_person` (på plats), `online` (digitalt) eller `hybrid`.',
          en: '`in_person`, `online` or `hybrid`.',
        },
        value: (m) => m.format,
      },
      {
        name: 'address',
        type: 'text',
        description: { sv: 'Adress för möten på plats.', en: 'Address of in-person meetings.' },
        value: (m) => m.address,
      },
      {
        name: 'starts_at',
        type: 'datetime',
        description: { sv: 'Start.', en: 'Start.' },
        value: (m) => m.startsAt,
      },
      { name: 'ends_at', type: 'datetime', description: { sv: 'Slut.', en: 'End.' }, value: (m) => m.endsAt },
      {
        name: 'registration_deadline',
        type: 'datetime',
        description: { sv: 'Sista dag för anmälan.', en: 'Registration deadline.' },
        value: (m) => m.registrationDeadline,
      },
      {
        name: 'capacity',
        type: 'integer',
        description: { sv: 'Antal platser (leverantörer).', en: 'Number of places (suppliers).' },
        value: (m) => m.capacity,
      },
      language((m) => m.language),
      {
        name: 'summary_presented',
        type: 'text',
        description: {
          sv: 'Mötesanteckningar: vad som presenterades.',
          en: 'Meeting summary: what was presented.',
        },
        value: (m) => m.summary?.presented,
      },
      {
        name: 'summary_questions',
        type: 'text',
        description: {
          sv: 'Mötesanteckningar: frågor som ställdes (utan namn).',
          en: 'Meeting summary: questions asked (without names).',
        },
        value: (m) => m.summary?.questionsAsked,
      },
      {
        name: 'summary_participants',
        type: 'integer',
        description: {
          sv: 'Antal deltagare enligt mötesanteckningarna.',
          en: 'Number of participants according to the summary.',
        },
        value: (m) => m.summary?.participantsCount,
      },
      {
        name: 'summary_changes_to_need',
        type: 'text',
        description: { sv: 'Vad mötet ändrade i behovet.', en: 'What the meeting changed in the need.' },
        value: (m) => m.summary?.changesToNeed,
      },
      {
        name: 'summary_published_at',
        type: 'datetime',
        description: { sv: 'När mötesanteckningarna publicerades.', en: 'When the summary was published.' },
        value: (m) => m.summary?.publishedAt,
      },
      {
        name: 'cancelled_at',
        type: 'datetime',
        description: { sv: 'När mötet ställdes in.', en: 'When the meeting was cancelled.' },
        value: (m) => m.cancelledAt,
      },
    ],
  };

  const questions: Dataset<PublicQuestionRow> = {
    id: 'questions',
    title: { sv: 'Besvarade frågor', en: 'Answered questions' },
    description: {
      sv: 'En fråga per rad med nätverkets svar, som de publicerades för alla. Vem som frågade ingår aldrig (likabehandling).',
      en: 'One question a row with the network’s answer, as published to everyone. Who asked is never included (equal treatment).',
    },
    rows: () => repo.answeredQuestions(),
    fields: [
      {
        name: 'id',
        type: 'id',
        description: { sv: 'Frågans id.', en: 'The question’s id.' },
        value: (q) => q.id,
      },
      ...needRef<PublicQuestionRow>((q) => q.need),
      {
        name: 'question',
        type: 'text',
        description: { sv: 'Frågan som den publicerades.', en: 'The question as published.' },
        value: (q) => q.text,
      },
      {
        name: 'answer',
        type: 'text',
        description: { sv: 'Nätverkets svar.', en: 'The network’s answer.' },
        value: (q) => q.answer,
      },
      {
        name: 'source',
        type: 'code',
        description: {
          sv: '`platform` (ställd här) eller `external` (kom in på annat sätt, t.ex. på ett möte).',
          en: '`platform` (asked here) or `external` (received elsewhere, e.g. at a meeting).',
        },
        value: (q) => q.source,
      },
      language((q) => q.need.language),
      {
        name: 'answered_at',
        type: 'datetime',
        description: { sv: 'När frågan besvarades.', en: 'When it was answered.' },
        value: (q) => q.answeredAt,
      },
      {
        name: 'published_at',
        type: 'datetime',
        description: {
          sv: 'När fråga och svar publicerades.',
          en: 'When question and answer were published.',
        },
        value: (q) => q.publishedAt,
      },
    ],
  };

  const outcomes: Dataset<PublicNeedRow> = {
    id: 'outcomes',
    title: { sv: 'Resultat och lärdomar', en: 'Outcomes and lessons learned' },
    description: {
      sv: 'Ett avslutat behov per rad: om det ledde till en upphandling, vad det gav och vad nätverket lärde sig.',
      en: 'One closed need a row: whether it led to a procurement, what it achieved and what the network learned.',
    },
    rows: async () => (await repo.publicNeeds()).filter((n) => n.status === 'closed' && n.outcome),
    fields: [
      ...needRef<PublicNeedRow>((n) => n),
      {
        name: 'network_name',
        type: 'text',
        description: { sv: 'Beställarnätverkets namn.', en: 'The buyer network’s name.' },
        value: (n) => n.networkName,
      },
      {
        name: 'result',
        type: 'code',
        description: {
          sv: '`procured` (upphandlat) eller `not_procured` (inte upphandlat).',
          en: '`procured` or `not_procured`.',
        },
        value: (n) => n.outcome?.result,
      },
      {
        name: 'description',
        type: 'text',
        description: { sv: 'Vad som hände med behovet.', en: 'What happened to the need.' },
        value: (n) => n.outcome?.description,
      },
      {
        name: 'results',
        type: 'text',
        description: { sv: 'Resultat (t.ex. avtal, effekter).', en: 'Results (e.g. contracts, effects).' },
        value: (n) => n.outcome?.results,
      },
      {
        name: 'lessons_learned',
        type: 'text',
        description: { sv: 'Lärdomar för andra beställare.', en: 'Lessons learned for other buyers.' },
        value: (n) => n.outcome?.lessonsLearned,
      },
      language((n) => n.language),
      {
        name: 'closed_at',
        type: 'datetime',
        description: { sv: 'När behovet avslutades.', en: 'When the need was closed.' },
        value: (n) => n.closedAt,
      },
    ],
  };

  return { needs, meetings, questions, outcomes } as const;
}

export type DatasetId = keyof ReturnType<typeof createDatasets>;
export const DATASET_IDS = [
  'needs',
  'meetings',
  'questions',
  'outcomes',
] as const satisfies readonly DatasetId[];
