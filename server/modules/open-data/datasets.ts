import { outcomesDataset, questionsDataset } from './answers-dataset.js';
import { meetingsDataset } from './meetings-dataset.js';
import { needsDataset } from './needs-dataset.js';
import type { DatasetKit, Field } from './fields.js';
import type { OpenDataRepository, PublicNeedRow } from './open-data.repository.js';

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

  const kit: DatasetKit = { repo, needUrl, needRef, language, demandTotal, lines };
  return {
    needs: needsDataset(kit),
    meetings: meetingsDataset(kit),
    questions: questionsDataset(kit),
    outcomes: outcomesDataset(kit),
  } as const;
}

export type DatasetId = keyof ReturnType<typeof createDatasets>;
export const DATASET_IDS = [
  'needs',
  'meetings',
  'questions',
  'outcomes',
] as const satisfies readonly DatasetId[];
