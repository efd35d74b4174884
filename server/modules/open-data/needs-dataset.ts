import type { Dataset, DatasetKit } from './fields.js';
import type { PublicNeedRow } from './open-data.repository.js';

/** The `needs` dataset: its fields, their descriptions and how each row's value is read. */
export function needsDataset({
  repo,
  needUrl,
  language,
  demandTotal,
  lines,
}: DatasetKit): Dataset<PublicNeedRow> {
  return {
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
}
