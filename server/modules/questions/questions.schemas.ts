import { z } from 'zod';
import { objectIdSchema } from '../policy/params.js';
import { questionSources, questionStatuses } from './question.model.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const askQuestionBody = z.strictObject({
  question: text(5, 4000),
  organisationId: objectIdSchema
    .optional()
    .meta({ description: 'The supplier organisation; needed only if you belong to several' }),
});

export const answerQuestionBody = z.strictObject({
  answer: text(1, 10_000),
  question: text(5, 4000)
    .optional()
    .meta({ description: 'The wording to publish, e.g. without details that reveal who asked' }),
  publish: z
    .boolean()
    .default(true)
    .meta({ description: 'Publish now (default) or save the answer as a draft' }),
});
export type AnswerQuestionInput = z.output<typeof answerQuestionBody>;

export const mergeQuestionBody = z.strictObject({
  into: objectIdSchema.meta({ description: 'The question this one duplicates' }),
});

export const rejectQuestionBody = z.strictObject({ reason: text(3, 1000) });

export const externalQuestionBody = z.strictObject({
  question: text(5, 4000),
  answer: text(1, 10_000),
  receivedAt: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional()
    .meta({ description: 'When the network received the question outside the platform' }),
});
export type ExternalQuestionInput = z.output<typeof externalQuestionBody>;

const iso = z.string().meta({ example: '2027-02-01T10:00:00.000Z' });

/**
 * A question as others see it: never who asked. `mine` is set only for the asker's own
 * organisation; `askedBy` only for the network that owns the need.
 */
export const questionDto = z
  .object({
    id: z.string(),
    needId: z.string(),
    question: z.string(),
    answer: z.string().optional(),
    status: z.enum(questionStatuses),
    source: z.enum(questionSources),
    askedCount: z.number().int().meta({ description: 'How many asked it (duplicates merged into it count)' }),
    publishedAt: iso.optional(),
    answeredAt: iso.optional(),
    askedAt: iso,
    mine: z.boolean(),
    mergedInto: z.string().optional(),
    rejectionReason: z.string().optional(),
    askedBy: z
      .object({ organisationId: z.string(), organisationName: z.string() })
      .optional()
      .meta({ description: 'Only for the network' }),
    originalQuestion: z
      .string()
      .optional()
      .meta({ description: 'As asked; only for the network and the asker' }),
  })
  .meta({ id: 'NeedQuestion' });

export const questionListDto = z
  .object({
    items: z.array(questionDto),
    questionsOpen: z.boolean(),
    questionsDeadline: iso.optional(),
  })
  .meta({ id: 'NeedQuestionList' });
