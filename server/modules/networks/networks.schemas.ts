import { z } from 'zod';
import { buyerTypes } from '../organisations/organisation.model.js';
import { objectIdSchema, paginationQuery } from '../policy/params.js';
import { networkLanguages, networkStatuses } from './network.model.js';
import { invitationStatuses } from './invitation.model.js';
import { matchThresholdSchema } from './match-threshold.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

const contactSchema = z
  .strictObject({
    name: text(2, 120),
    email: z.email().max(254),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{5,30}$/, 'must be a phone number, e.g. +46 8 123 456 78')
      .optional(),
  })
  .meta({ id: 'NetworkContact' });

const languagesSchema = z
  .array(z.enum(networkLanguages))
  .min(1)
  .max(networkLanguages.length)
  .refine((l) => new Set(l).size === l.length, 'must not repeat a language');

export const createNetworkBody = z.strictObject({
  organisationId: objectIdSchema.optional().meta({
    description: 'The coordinating organisation; needed only if you belong to several verified buyers.',
  }),
  name: text(3, 150),
  subjectArea: text(2, 150).meta({ description: 'Ämnesområde, e.g. "Fossilfria transporter"' }),
  description: text(10, 5000),
  languages: languagesSchema.default(['sv']),
  contact: contactSchema,
});

export const updateNetworkBody = z
  .strictObject({
    name: text(3, 150).optional(),
    subjectArea: text(2, 150).optional(),
    description: text(10, 5000).optional(),
    languages: languagesSchema.optional(),
    contact: contactSchema.optional(),
    matchThreshold: matchThresholdSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change.' });

export const listNetworksQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  ...paginationQuery,
});

export const organisationRefBody = z.strictObject({ organisationId: objectIdSchema });

export const networkMemberParams = z.object({ id: objectIdSchema, organisationId: objectIdSchema });
export const invitationParams = z.object({ id: objectIdSchema, invitationId: objectIdSchema });
export const groupParams = z.object({ id: objectIdSchema, groupId: objectIdSchema });

const futureDate = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() > Date.now(), 'must be in the future');

const memberOrgIdsSchema = z
  .array(objectIdSchema)
  .min(1)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an organisation');

export const createGroupBody = z.strictObject({
  name: text(3, 150),
  purpose: text(3, 2000),
  memberOrgIds: memberOrgIdsSchema,
  endsAt: futureDate.meta({ description: 'ISO 8601 date-time, in the future' }),
});

export const updateGroupBody = z
  .strictObject({
    name: text(3, 150).optional(),
    purpose: text(3, 2000).optional(),
    memberOrgIds: memberOrgIdsSchema.optional(),
    endsAt: futureDate.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change.' });

// ---------------------------------------------------------------------------------------------
// DTOs

export const organisationRefDto = z
  .object({ id: z.string(), name: z.string(), buyerType: z.enum(buyerTypes).optional() })
  .meta({ id: 'OrganisationRef' });

export const networkSummaryDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    subjectArea: z.string(),
    description: z.string(),
    languages: z.array(z.enum(networkLanguages)),
    status: z.enum(networkStatuses),
    coordinator: organisationRefDto,
    memberCount: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'NetworkSummary' });

export const networkDto = networkSummaryDto
  .extend({
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }),
    members: z.array(organisationRefDto.extend({ joinedAt: z.iso.datetime(), isCoordinator: z.boolean() })),
    approvedAt: z.iso.datetime().optional(),
    rejectionReason: z.string().optional(),
    matchThreshold: z.number().meta({
      description: 'Matches scoring at least this are strong: invited to meetings and emailed',
    }),
  })
  .meta({ id: 'Network' });

export const invitationDto = z
  .object({
    id: z.string(),
    network: z.object({ id: z.string(), name: z.string(), subjectArea: z.string() }),
    organisation: organisationRefDto,
    status: z.enum(invitationStatuses),
    createdAt: z.iso.datetime(),
    respondedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'NetworkInvitation' });

export const buyerGroupDto = z
  .object({
    id: z.string(),
    networkId: z.string(),
    name: z.string(),
    purpose: z.string(),
    members: z.array(organisationRefDto),
    endsAt: z.iso.datetime(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'BuyerGroup' });

export type CreateNetworkInput = z.output<typeof createNetworkBody>;
export type UpdateNetworkInput = z.output<typeof updateNetworkBody>;
export type CreateGroupInput = z.output<typeof createGroupBody>;
export type UpdateGroupInput = z.output<typeof updateGroupBody>;
export type NetworkDto = z.infer<typeof networkDto>;
export type NetworkSummaryDto = z.infer<typeof networkSummaryDto>;
export type InvitationDto = z.infer<typeof invitationDto>;
export type BuyerGroupDto = z.infer<typeof buyerGroupDto>;
export type OrganisationRefDto = z.infer<typeof organisationRefDto>;
