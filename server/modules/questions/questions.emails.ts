import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import { layout } from '../notifications/templates/layout.js';

/** Emails to the asker of a question: answered (and published to everyone), or declined. */
export const questionTemplateNames = {
  answered: 'questions.answered',
  rejected: 'questions.rejected',
} as const;

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const data = z.object({
  needId: objectId,
  needTitle: z.string(),
  question: z.string(),
  answer: z.string().optional(),
  reason: z.string().optional(),
  /** The asker's question was merged into this one (a duplicate). */
  merged: z.boolean().default(false),
});

const questionsUrl = (baseUrl: string, needId: string) => `${baseUrl}/behov/${needId}#fragor`;

const answered: Template = (raw, locale, ctx) => {
  const d = data.parse(raw);
  const sv = locale === 'sv';
  return layout(
    {
      locale,
      subject: sv
        ? `Svar på din fråga om ”${d.needTitle}”`
        : `Answer to your question about “${d.needTitle}”`,
      heading: sv ? 'Din fråga är besvarad' : 'Your question is answered',
      paragraphs: [
        d.merged
          ? sv
            ? 'Samma fråga hade ställts av fler, så nätverket besvarade den tillsammans med de andra:'
            : 'Others had asked the same, so the network answered it together with them:'
          : sv
            ? 'Nätverket har besvarat din fråga. Frågan och svaret är publicerade för alla leverantörer, utan uppgift om vem som frågade.'
            : 'The network has answered your question. The question and the answer are published to every supplier, without saying who asked.',
        `${sv ? 'Fråga' : 'Question'}: ${d.question}`,
        `${sv ? 'Svar' : 'Answer'}: ${d.answer ?? ''}`,
      ],
      action: {
        label: sv ? 'Se alla frågor och svar' : 'See all questions and answers',
        url: questionsUrl(ctx.baseUrl, d.needId),
      },
    },
    ctx,
  );
};

const rejected: Template = (raw, locale, ctx) => {
  const d = data.parse(raw);
  const sv = locale === 'sv';
  return layout(
    {
      locale,
      subject: sv
        ? `Din fråga om ”${d.needTitle}” besvaras inte`
        : `Your question about “${d.needTitle}” will not be answered`,
      heading: sv ? 'Nätverket besvarar inte frågan' : 'The network will not answer the question',
      paragraphs: [
        `${sv ? 'Fråga' : 'Question'}: ${d.question}`,
        `${sv ? 'Anledning' : 'Reason'}: ${d.reason ?? ''}`,
      ],
      action: { label: sv ? 'Till behovet' : 'Open the need', url: questionsUrl(ctx.baseUrl, d.needId) },
    },
    ctx,
  );
};

export const questionTemplates: Record<string, Template> = {
  [questionTemplateNames.answered]: answered,
  [questionTemplateNames.rejected]: rejected,
};
