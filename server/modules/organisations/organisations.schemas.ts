import { z } from 'zod';
import { objectIdSchema } from '../policy/params.js';
import { membershipRoles } from './membership.model.js';
import { buyerTypes, organisationKinds, organisationStatuses } from './organisation.model.js';
import { normaliseOrgNumber, orgCountrySchema, type OrgCountry } from './org-number.js';

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

/** Runs once the fields it reads have parsed, so every bad field is reported in one answer. */
function hasValid<K extends string>(keys: K[]) {
  return (payload: { value: unknown }) => {
    const v = payload.value as Record<string, unknown> | null;
    return v !== null && typeof v === 'object' && keys.every((k) => typeof v[k] === 'string');
  };
}

export const createOrganisationBody = z
  .strictObject({
    kind: z.enum(organisationKinds),
    buyerType: z
      .enum(buyerTypes)
      .optional()
      .meta({ description: 'Required for buyers, absent for suppliers.' }),
    name: trimmed(2, 200),
    country: orgCountrySchema.default('SE'),
    orgNumber: z.string().max(30).meta({
      description: 'SE: 10 digits with Luhn check digit (556677-8899 or 5566778899). NO: 9 digits, mod 11.',
      example: '556677-8899',
    }),
    website: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .optional(),
  })
  .refine((v) => v.kind !== 'buyer' || v.buyerType !== undefined, {
    path: ['buyerType'],
    message: 'Required for a buyer organisation.',
    when: hasValid(['kind']),
  })
  .refine((v) => v.kind !== 'supplier' || v.buyerType === undefined, {
    path: ['buyerType'],
    message: 'Only buyer organisations have a buyer type.',
    when: hasValid(['kind']),
  })
  .refine((v) => normaliseOrgNumber(v.country as OrgCountry, v.orgNumber).ok, {
    path: ['orgNumber'],
    // The specific reason (format, century, check digit) helps more than "invalid".
    error: (issue) => {
      const v = issue.input as { country: OrgCountry; orgNumber: string };
      const result = normaliseOrgNumber(v.country, v.orgNumber);
      return result.ok ? 'Invalid organisation number.' : result.message;
    },
    when: hasValid(['country', 'orgNumber']),
  })
  .transform((v) => {
    const result = normaliseOrgNumber(v.country, v.orgNumber);
    return { ...v, orgNumber: result.ok ? result.value : v.orgNumber };
  });

export type CreateOrganisationInput = z.output<typeof createOrganisationBody>;

export const changeRoleBody = z.strictObject({ role: z.enum(membershipRoles) });

export const memberParams = z.object({ id: objectIdSchema, userId: objectIdSchema });

export const organisationDto = z
  .object({
    id: z.string(),
    kind: z.enum(organisationKinds),
    buyerType: z.enum(buyerTypes).optional(),
    name: z.string(),
    country: orgCountrySchema,
    orgNumber: z.string(),
    website: z.string().optional(),
    status: z.enum(organisationStatuses),
    verifiedAt: z.iso.datetime().optional(),
    rejectionReason: z.string().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Organisation' });

export const myOrganisationDto = z
  .object({ role: z.enum(membershipRoles), organisation: organisationDto })
  .meta({ id: 'MyOrganisation' });

export const memberDto = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string().optional(),
    role: z.enum(membershipRoles),
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'OrganisationMember' });

export type OrganisationDto = z.infer<typeof organisationDto>;
export type MemberDto = z.infer<typeof memberDto>;
