import type { z } from 'zod';
import { label, withAncestors } from '../reference/cpv.js';
import { regionsWithAncestors } from '../reference/nuts.js';
import type { ProfileContent, StoredContact, SupplierProfileDoc } from './supplier-profile.model.js';
import type {
  ProfileInput,
  contactDto,
  ownProfileDto,
  profileDto,
  profileWithContactsDto,
} from './suppliers.schemas.js';

/**
 * Pure rules about profile content: what is reviewed, how input becomes stored content, and
 * the DTOs. No I/O.
 *
 * Reviewed ("material") fields: everything in `ProfileContent` — the free texts, offerings,
 * CPV codes, regions, website, logo, references, certifications and keywords. They are what
 * buyers read as claims and what matching uses. Not reviewed: company size, founded year,
 * employees band, languages, the public switch and contact persons.
 */
export const reviewedFields = [
  'name',
  'pitch',
  'description',
  'offerings',
  'cpvCodes',
  'regions',
  'website',
  'logoUrl',
  'references',
  'certifications',
  'keywords',
] as const satisfies readonly (keyof ProfileContent)[];

export function contentOf(input: ProfileInput): ProfileContent {
  return {
    name: input.name,
    pitch: input.pitch,
    description: input.description,
    offerings: input.offerings.map((o) => (o.description ? o : { type: o.type, name: o.name })),
    cpvCodes: input.cpvCodes,
    cpvAll: withAncestors(input.cpvCodes),
    regions: input.regions,
    regionsAll: regionsWithAncestors(input.regions),
    ...(input.website ? { website: input.website } : {}),
    ...(input.logoUrl ? { logoUrl: input.logoUrl } : {}),
    references: input.references.map((r) => (r.text ? r : { buyerName: r.buyerName, year: r.year })),
    certifications: input.certifications,
    keywords: input.keywords,
  };
}

const comparable = (value: unknown) => JSON.stringify(value ?? null);

/** Reviewed fields whose value differs between two versions (all of them when there is no `before`). */
export function changedFields(before: ProfileContent | null | undefined, after: ProfileContent): string[] {
  if (!before) return [...reviewedFields];
  return reviewedFields.filter((f) => comparable(before[f]) !== comparable(after[f]));
}

/**
 * Contacts as stored: a person already on the profile keeps the consent recorded when they were
 * added (identified by email); a new person's consent is recorded now.
 */
export function contactsOf(
  input: ProfileInput['contacts'],
  existing: StoredContact[],
  consent: { at: Date; by?: StoredContact['consentBy']; source: StoredContact['consentSource'] },
): StoredContact[] {
  const known = new Map(existing.map((c) => [c.email, c]));
  return input.map((c) => {
    const before = known.get(c.email);
    return {
      name: c.name,
      ...(c.role ? { role: c.role } : {}),
      email: c.email,
      ...(c.phone ? { phone: c.phone } : {}),
      consentAt: before?.consentAt ?? consent.at,
      ...(before?.consentBy ? { consentBy: before.consentBy } : consent.by ? { consentBy: consent.by } : {}),
      consentSource: before?.consentSource ?? consent.source,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// DTOs

type ProfileDto = z.output<typeof profileDto>;
type ProfileWithContactsDto = z.output<typeof profileWithContactsDto>;
type OwnProfileDto = z.output<typeof ownProfileDto>;
type ContactDto = z.output<typeof contactDto>;

export function cpvWithLabels(codes: string[]) {
  return codes.map((code) => ({ code, sv: label(code, 'sv') ?? code, en: label(code, 'en') ?? code }));
}

/** The profile as others see it, from one of its versions (approved by default). */
export function toProfileDto(doc: SupplierProfileDoc, content: ProfileContent): ProfileDto {
  const id = String(doc._id);
  return {
    id,
    organisationId: id,
    country: doc.country,
    orgNumber: doc.orgNumber,
    name: content.name,
    pitch: content.pitch,
    description: content.description ?? '',
    offerings: content.offerings.map((o) => ({
      type: o.type,
      name: o.name,
      ...(o.description ? { description: o.description } : {}),
    })),
    cpvCodes: cpvWithLabels(content.cpvCodes),
    regions: content.regions,
    companySize: doc.companySize,
    foundedYear: doc.foundedYear ?? null,
    employeesBand: doc.employeesBand ?? null,
    languages: doc.languages ?? [],
    website: content.website ?? null,
    logoUrl: content.logoUrl ?? null,
    references: content.references.map((r) => ({
      buyerName: r.buyerName,
      year: r.year,
      ...(r.text ? { text: r.text } : {}),
    })),
    certifications: content.certifications,
    keywords: content.keywords,
    publicProfile: doc.publicProfile === true,
    approvedAt: doc.approvedAt?.toISOString() ?? null,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function toContactDto(c: StoredContact): ContactDto {
  return { name: c.name, role: c.role ?? null, email: c.email, phone: c.phone ?? null };
}

export function toProfileWithContactsDto(
  doc: SupplierProfileDoc,
  content: ProfileContent,
): ProfileWithContactsDto {
  return { ...toProfileDto(doc, content), contacts: doc.contacts.map(toContactDto) };
}

/** The owner's view: the latest version with its moderation state and the approved one beside it. */
export function toOwnProfileDto(doc: SupplierProfileDoc): OwnProfileDto {
  return {
    ...toProfileDto(doc, doc.current),
    status: doc.status,
    contacts: doc.contacts.map((c) => ({ ...toContactDto(c), consentAt: c.consentAt.toISOString() })),
    listed: doc.listed,
    pendingChanges: doc.status === 'approved' ? [] : changedFields(doc.approved, doc.current),
    approvedVersion: doc.approved ? toProfileDto(doc, doc.approved) : null,
    rejectionReason: doc.status === 'rejected' ? (doc.rejectionReason ?? null) : null,
    suspensionReason: doc.status === 'suspended' ? (doc.suspensionReason ?? null) : null,
    submittedAt: doc.submittedAt?.toISOString() ?? null,
  };
}
