import { z } from 'zod';
import { organisationStatuses } from '../organisations/organisation.model.js';
import { organisationDto } from '../organisations/organisations.schemas.js';
import { networkStatuses } from '../networks/network.model.js';
import { objectIdSchema, paginationQuery } from '../policy/params.js';

export const adminOrganisationsQuery = z.strictObject({
  status: z.enum(organisationStatuses).optional().meta({ description: 'Omit for every status' }),
  ...paginationQuery,
});

export const adminNetworksQuery = z.strictObject({
  status: z.enum(networkStatuses).optional().meta({ description: 'Omit for every status' }),
  ...paginationQuery,
});

export const rejectBody = z.strictObject({
  reason: z.string().trim().min(3).max(2000).meta({ description: 'Shown to the owners in the email' }),
});

const dateParam = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((s) => new Date(s));

export const auditLogQuery = z
  .strictObject({
    action: z
      .string()
      .max(100)
      .regex(
        /^[a-z][a-zA-Z_.]*$/,
        'letters, dots and underscores, e.g. organisation.verified or organisation.',
      )
      .optional()
      .meta({ description: 'Exact action, or a prefix ending in a dot' }),
    actorId: objectIdSchema.optional(),
    targetType: z
      .string()
      .regex(/^[a-zA-Z]{1,40}$/)
      .optional(),
    targetId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    outcome: z.enum(['success', 'failure', 'denied']).optional(),
    from: dateParam.optional().meta({ description: 'Inclusive, ISO 8601' }),
    to: dateParam.optional().meta({ description: 'Exclusive, ISO 8601' }),
    ...paginationQuery,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], message: 'must be after `from`' });

export const adminOrganisationDto = organisationDto
  .extend({
    owners: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string().optional() })),
  })
  .meta({ id: 'AdminOrganisation' });

export const auditEntryDto = z
  .object({
    id: z.string(),
    action: z.string(),
    actorId: z.string().optional(),
    actorEmail: z.string().optional(),
    targetType: z.string().optional(),
    targetId: z.string().optional(),
    outcome: z.enum(['success', 'failure', 'denied']),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AuditEntry' });

export type AdminOrganisationDto = z.infer<typeof adminOrganisationDto>;
export type AuditEntryDto = z.infer<typeof auditEntryDto>;
