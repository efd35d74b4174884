import { z } from 'zod';
import { needStages } from '../needs/need.model.js';
import { cpvCodeListSchema } from '../reference/cpv.js';
import { regionCodeSchema } from '../reference/nuts.js';
import { objectIdSchema } from '../policy/params.js';
import { deliveryModes, subscriptionKinds } from './subscription.model.js';

const delivery = z.enum(deliveryModes).meta({
  description:
    'instant: one email per event; daily/weekly: a digest at 07:00 Europe/Stockholm (weekly on Mondays)',
});
const name = z.string().trim().min(1).max(120);
const uniqueSorted = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .max(50)
    .transform((values) => [...new Set(values)].sort());

/** The same filters as the need search. */
export const searchFiltersSchema = z
  .object({
    q: z.string().trim().max(200).default(''),
    cpvCodes: cpvCodeListSchema.pipe(z.array(z.string()).max(50)).default([]),
    regions: uniqueSorted(regionCodeSchema).default([]),
    networkIds: uniqueSorted(objectIdSchema).default([]),
    stages: uniqueSorted(z.enum(needStages)).default([]),
  })
  .strict();

export const createSubscriptionBody = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('search'),
        name: name.optional(),
        delivery: delivery.default('instant'),
        filters: searchFiltersSchema,
      })
      .strict(),
    z
      .object({
        kind: z.literal('network'),
        networkId: objectIdSchema,
        delivery: delivery.default('instant'),
        name: name.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('need'),
        needId: objectIdSchema,
        delivery: delivery.default('instant'),
        name: name.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('profile'),
        organisationId: objectIdSchema,
        minScore: z.number().min(0).max(1).default(0.5),
        delivery: delivery.default('instant'),
        name: name.optional(),
      })
      .strict(),
  ])
  .meta({ id: 'CreateSubscription' });

export const updateSubscriptionBody = z
  .object({
    name: name.optional(),
    delivery: delivery.optional(),
    active: z.boolean().optional(),
    filters: searchFiltersSchema.optional(),
    minScore: z.number().min(0).max(1).optional(),
  })
  .strict()
  .meta({ id: 'UpdateSubscription' });

export const subscriptionDto = z
  .object({
    id: z.string(),
    kind: z.enum(subscriptionKinds),
    name: z.string(),
    delivery: z.enum(deliveryModes),
    active: z.boolean(),
    filters: z
      .object({
        q: z.string(),
        cpvCodes: z.array(z.string()),
        regions: z.array(z.string()),
        networkIds: z.array(z.string()),
        stages: z.array(z.string()),
      })
      .optional(),
    networkId: z.string().optional(),
    needId: z.string().optional(),
    organisationId: z.string().optional(),
    minScore: z.number().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Subscription' });

export const subscriptionListDto = z
  .object({ items: z.array(subscriptionDto) })
  .meta({ id: 'SubscriptionList' });

export const unsubscribeQuery = z.object({
  token: z.string().max(100),
  lang: z.enum(['sv', 'en']).optional(),
});

export type CreateSubscriptionInput = z.output<typeof createSubscriptionBody>;
export type UpdateSubscriptionInput = z.output<typeof updateSubscriptionBody>;
export type SubscriptionDto = z.output<typeof subscriptionDto>;
