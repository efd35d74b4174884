import type { Dataset, DatasetKit } from './fields.js';
import type { PublicNeedRow, PublicQuestionRow } from './open-data.repository.js';

/** The `questions` dataset: its fields, their descriptions and how each row's value is read. */
export function questionsDataset({ repo, needRef, language }: DatasetKit): Dataset<PublicQuestionRow> {
  return {
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
}

/** The `outcomes` dataset: its fields, their descriptions and how each row's value is read. */
export function outcomesDataset({ repo, needRef, language }: DatasetKit): Dataset<PublicNeedRow> {
  return {
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
}
