import type { Dataset, DatasetKit } from './fields.js';
import type { PublicMeetingRow } from './open-data.repository.js';

/** The `meetings` dataset: its fields, their descriptions and how each row's value is read. */
export function meetingsDataset({ repo, needRef, language }: DatasetKit): Dataset<PublicMeetingRow> {
  return {
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
}
