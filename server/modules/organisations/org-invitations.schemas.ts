import { z } from 'zod';
import { objectIdSchema } from '../policy/params.js';
import { membershipRoles } from './membership.model.js';
import { organisationDto } from './organisations.schemas.js';

export const inviteMemberBody = z.strictObject({
  email: z.email().max(254),
  role: z.enum(membershipRoles).default('member'),
});

export const orgInvitationParams = z.object({ id: objectIdSchema, invitationId: objectIdSchema });

const invitationStatus = z.enum(['pending', 'accepted', 'declined', 'revoked', 'expired']).meta({
  description: '`expired`: not answered within 14 days.',
});

/** What the organisation's owners see: the address they typed, never who holds it. */
export const orgInvitationDto = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    email: z.string(),
    role: z.enum(membershipRoles),
    status: invitationStatus,
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    respondedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'OrganisationInvitation' });

/** What the invited person sees. */
export const myOrgInvitationDto = z
  .object({
    id: z.string(),
    role: z.enum(membershipRoles),
    status: invitationStatus,
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    organisation: organisationDto,
  })
  .meta({ id: 'MyOrganisationInvitation' });

export type OrgInvitationDto = z.infer<typeof orgInvitationDto>;
export type MyOrgInvitationDto = z.infer<typeof myOrgInvitationDto>;
