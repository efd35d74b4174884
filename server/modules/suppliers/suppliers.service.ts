import type { ClientSession, Connection } from 'mongoose';
import mongoose from 'mongoose';
import type { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { inTransaction, type Outbox } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import { supplierTemplateNames } from './suppliers.emails.js';
import type { OwnerNotifier } from '../organisations/owner-notifier.js';
import type {
  MembershipsRepository,
  OrganisationsRepository,
} from '../organisations/organisations.repository.js';
import type { SupplierProfileResource } from '../policy/actions.js';
import type { Authorizer } from '../policy/guards.js';
import { can } from '../policy/policy.js';
import { actorOf, type Subject } from '../policy/subject.js';
import type { SupplierProfileDoc } from './supplier-profile.model.js';
import type { SupplierSearch } from './suppliers-search.js';
import {
  changedFields,
  contactsOf,
  contentOf,
  toOwnProfileDto,
  toProfileDto,
  toProfileWithContactsDto,
} from './suppliers.content.js';
import { organisationDeleted, profileChanged } from './suppliers.events.js';
import type { ProfileChanges, SuppliersRepository } from './suppliers.repository.js';
import type {
  ModerationState,
  ProfileInput,
  SearchQuery,
  moderationListDto,
  ownProfileDto,
  profileDto,
  profileWithContactsDto,
  reportBody,
  reportDto,
  searchResultDto,
} from './suppliers.schemas.js';

/**
 * Supplier profiles: the rules. Moderation states and what others see:
 *
 *  - Saving a new profile puts it in `pending_review`; only its organisation (and admins) see it.
 *  - Approving copies the current version to `approved` and lists it: verified buyers (and
 *    admins) see it, and everyone does when the supplier turned on the public variant.
 *  - A change to a reviewed field (suppliers.content.ts) of an approved profile goes back to
 *    `pending_review`, while the last approved version stays listed unchanged; a change only to
 *    facts, languages, the public switch or contact persons needs no review.
 *  - Rejecting keeps the last approved version (if any) listed and tells the owners why.
 *  - Suspending unlists the profile whatever its state, with a reason mailed to the owners;
 *    reinstating lists the approved version again.
 *  - Approval needs a verified organisation.
 *
 * Every state change, its outbox event, emails and the audit entry are one transaction.
 */
type ProfileDto = z.output<typeof profileDto>;
type ProfileWithContactsDto = z.output<typeof profileWithContactsDto>;
type OwnProfileDto = z.output<typeof ownProfileDto>;
type ReportDto = z.output<typeof reportDto>;

export interface SuppliersService {
  search(subject: Subject, query: SearchQuery): Promise<z.output<typeof searchResultDto>>;
  get(subject: Subject, id: string): Promise<ProfileDto | ProfileWithContactsDto>;
  getOwn(subject: Subject, organisationId: string): Promise<OwnProfileDto>;
  save(
    subject: Subject,
    organisationId: string,
    input: ProfileInput,
  ): Promise<{ profile: OwnProfileDto; created: boolean }>;
  /** A buyer's report; at REPORT_THRESHOLD open reports the profile is hidden until an admin decides. */
  report(subject: Subject, id: string, input: z.output<typeof reportBody>): Promise<ReportDto>;
  resolveReports(
    subject: Subject,
    id: string,
    decision: 'restore' | 'keep_hidden',
    note?: string,
  ): Promise<OwnProfileDto>;
  moderationQueue(
    subject: Subject,
    filter: { status: ModerationState; reported?: boolean },
    page: number,
    pageSize: number,
  ): Promise<z.output<typeof moderationListDto>>;
  approve(subject: Subject, id: string): Promise<OwnProfileDto>;
  reject(subject: Subject, id: string, reason: string): Promise<OwnProfileDto>;
  suspend(subject: Subject, id: string, reason: string): Promise<OwnProfileDto>;
  reinstate(subject: Subject, id: string): Promise<OwnProfileDto>;
  exportData(subject: Subject, organisationId: string): Promise<Record<string, unknown>>;
  deleteOrganisation(subject: Subject, organisationId: string): Promise<void>;
}

/** Open reports from different people that hide a listed profile (the same rule as for needs). */
/** Default number of open reports that hides a profile (REPORT_HIDE_THRESHOLD overrides it). */
export const REPORT_THRESHOLD = 3;

export interface SuppliersServiceDeps {
  mongo: Connection;
  repo: SuppliersRepository;
  organisations: OrganisationsRepository;
  memberships: MembershipsRepository;
  notifier: OwnerNotifier;
  audit: AuditService;
  outbox: Outbox;
  authorizer: Authorizer;
  search: SupplierSearch;
  /** Deletes the organisation document and its memberships (inside the caller's transaction). */
  deleteOrganisationRecords(organisationId: string, tx: ClientSession): Promise<void>;
  /** Open reports that hide a profile (default REPORT_THRESHOLD). */
  reportThreshold?: number;
}

export function profileResource(
  p: Pick<SupplierProfileDoc, '_id' | 'listed' | 'publicProfile'>,
): SupplierProfileResource {
  const id = String(p._id);
  return {
    type: 'supplierProfile',
    id,
    organisationId: id,
    listed: p.listed,
    public: p.publicProfile === true,
  };
}

export function createSuppliersService(deps: SuppliersServiceDeps): SuppliersService {
  const { repo, authorizer, audit, outbox, notifier } = deps;
  const reportThreshold = deps.reportThreshold ?? REPORT_THRESHOLD;

  async function mustFind(id: string, tx?: ClientSession): Promise<SupplierProfileDoc> {
    const found = await repo.findById(id, tx);
    if (!found) throw errors.notFound('supplier profile');
    return found;
  }

  /** The version a viewer sees: the approved one when listed, else (owners, admins) the latest. */
  function visibleContent(p: SupplierProfileDoc) {
    return p.listed && p.approved ? p.approved : p.current;
  }

  /** A moderation decision: state change, event, owner email and audit entry, together. */
  async function moderate(
    subject: Subject,
    id: string,
    action: 'approve' | 'reject' | 'suspend' | 'reinstate',
    decide: (p: SupplierProfileDoc, now: Date) => { changes: ProfileChanges; unset?: string[] },
    email?: { template: string; data: (p: SupplierProfileDoc) => Record<string, unknown> },
  ): Promise<OwnProfileDto> {
    await authorizer.assertCan(subject, 'admin.moderateSupplierProfiles', undefined);
    const updated = await inTransaction(deps.mongo, async (tx) => {
      const now = new Date();
      const current = await mustFind(id, tx);
      const { changes, unset } = decide(current, now);
      const next = (await repo.update(id, changes, tx, unset))!;
      await outbox.record(tx, [profileChanged([id])]);
      if (email) {
        await notifier.notify(tx, [
          {
            organisationId: id,
            template: email.template,
            eventKey: `supplier-profile.${action}.${id}.${next.version}`,
            data: { supplierId: id, name: next.current.name, ...email.data(next) },
          },
        ]);
      }
      await audit.record(
        {
          action: `supplierProfile.${action}`,
          ...actorOf(subject),
          targetType: 'supplierProfile',
          targetId: id,
          details: { from: current.status, to: next.status },
        },
        tx,
      );
      return next;
    });
    return toOwnProfileDto(updated);
  }

  const conflict = (p: SupplierProfileDoc, what: string) =>
    errors.conflict('invalid_state', `The profile is ${p.status.replace('_', ' ')}: it cannot be ${what}.`, {
      status: p.status,
    });

  return {
    async search(subject, query) {
      // Verified buyers and admins search every listed profile; everyone else the public ones.
      const publicOnly = !can(subject, 'supplierProfile.searchAll', undefined);
      return deps.search.search(query, { publicOnly });
    },

    async get(subject, id) {
      const p = await repo.findById(id);
      if (!p) throw errors.notFound('supplier profile');
      await authorizer.assertCan(subject, 'supplierProfile.read', profileResource(p));
      const content = visibleContent(p);
      // Two DTOs, chosen by the policy: contact persons only for those allowed to read them.
      return can(subject, 'supplierProfile.readContacts', profileResource(p))
        ? toProfileWithContactsDto(p, content)
        : toProfileDto(p, content);
    },

    async getOwn(subject, organisationId) {
      const p = await repo.findById(organisationId);
      if (!p) throw errors.notFound('supplier profile');
      await authorizer.assertCan(subject, 'supplierProfile.readOwn', profileResource(p));
      return toOwnProfileDto(p);
    },

    async save(subject, organisationId, input) {
      const organisation = await deps.organisations.findById(organisationId);
      if (!organisation) throw errors.notFound('organisation');
      await authorizer.assertCan(subject, 'supplierProfile.edit', {
        type: 'supplierProfile',
        id: organisationId,
        organisationId,
      });
      if (organisation.kind !== 'supplier') {
        throw errors.badRequest('not_a_supplier', 'Only supplier organisations have a supplier profile.');
      }
      const userId = subject.principal?.userId;
      return inTransaction(deps.mongo, async (tx) => {
        const now = new Date();
        const existing = await repo.findById(organisationId, tx);
        const content = contentOf(input);
        const consent = {
          at: now,
          by: userId ? new mongoose.Types.ObjectId(userId) : undefined,
          source: 'profile' as const,
        };
        const facts = {
          companySize: input.companySize,
          languages: input.languages,
          publicProfile: input.publicProfile,
          contacts: contactsOf(input.contacts, existing?.contacts ?? [], consent),
        };
        const optional = { foundedYear: input.foundedYear, employeesBand: input.employeesBand };
        let saved: SupplierProfileDoc;
        let changed: string[];
        if (!existing) {
          changed = changedFields(null, content);
          saved = await repo.insert(
            {
              _id: new mongoose.Types.ObjectId(organisationId),
              country: organisation.country,
              orgNumber: organisation.orgNumber,
              status: 'pending_review',
              listed: false,
              current: content,
              approved: null,
              ...facts,
              ...(optional.foundedYear !== undefined ? { foundedYear: optional.foundedYear } : {}),
              ...(optional.employeesBand !== undefined ? { employeesBand: optional.employeesBand } : {}),
              source: 'api',
              submittedAt: now,
            },
            tx,
          );
        } else {
          changed = changedFields(existing.current, content);
          const changes: ProfileChanges = { ...facts, current: content, source: 'api' };
          if (optional.foundedYear !== undefined) changes.foundedYear = optional.foundedYear;
          if (optional.employeesBand !== undefined) changes.employeesBand = optional.employeesBand;
          const unset = Object.entries(optional)
            .filter(([, v]) => v === undefined)
            .map(([k]) => k);
          if (existing.status !== 'suspended' && changed.length > 0) {
            // Back to the approved version exactly (an edit undone): no review needed.
            const matchesApproved =
              existing.approved !== null && changedFields(existing.approved, content).length === 0;
            changes.status = matchesApproved ? 'approved' : 'pending_review';
            if (!matchesApproved) changes.submittedAt = now;
            if (matchesApproved || changes.status === 'pending_review') unset.push('rejectionReason');
          }
          saved = (await repo.update(organisationId, changes, tx, unset))!;
        }
        await outbox.record(tx, [profileChanged([organisationId])]);
        await audit.record(
          {
            action: existing ? 'supplierProfile.update' : 'supplierProfile.create',
            ...actorOf(subject),
            targetType: 'supplierProfile',
            targetId: organisationId,
            details: { reviewedFieldsChanged: changed, status: saved.status },
          },
          tx,
        );
        return { profile: toOwnProfileDto(saved), created: !existing };
      });
    },

    async report(subject, id, input) {
      const p = await repo.findById(id);
      if (!p) throw errors.notFound('supplier profile');
      const resource = profileResource(p);
      await authorizer.assertCan(subject, 'supplierProfile.read', resource);
      await authorizer.assertCan(subject, 'supplierProfile.report', resource);
      const alreadyReported = () =>
        errors.conflict(
          'already_reported',
          'You have already reported this profile; an admin will look at it.',
        );
      try {
        return await inTransaction(deps.mongo, async (tx) => {
          const report = await repo.addReport(
            { profileId: p._id, reporterId: oid(subject), reason: input.reason },
            tx,
          );
          if (!report) throw alreadyReported();
          const open = await repo.countOpenReports(id, tx);
          const current = (await repo.findById(id, tx))!;
          if (open >= reportThreshold && current.listed && !current.hidden) {
            // Enough buyers object: hidden from others until an admin decides (as needs are).
            const hidden = (await repo.update(id, { hidden: true, listed: false }, tx))!;
            await outbox.record(tx, [profileChanged([id])]);
            await notifier.notify(tx, [
              {
                organisationId: id,
                template: supplierTemplateNames.profileHidden,
                eventKey: `supplier-profile.hidden.${id}.${hidden.version}`,
                data: { supplierId: id, name: hidden.current.name },
              },
            ]);
            await audit.record(
              {
                action: 'supplierProfile.hidden',
                ...actorOf(subject),
                targetType: 'supplierProfile',
                targetId: id,
                details: { openReports: open, threshold: reportThreshold },
              },
              tx,
            );
          }
          return {
            id: String(report._id),
            supplierId: id,
            reason: report.reason,
            createdAt: report.createdAt.toISOString(),
          };
        });
      } catch (err) {
        // Two reports of one person at once: the unique index lets one through.
        if ((err as { code?: number }).code === 11000) throw alreadyReported();
        throw err;
      }
    },

    async resolveReports(subject, id, decision, note) {
      await authorizer.assertCan(subject, 'admin.moderateSupplierProfiles', undefined);
      const updated = await inTransaction(deps.mongo, async (tx) => {
        const now = new Date();
        const p = await mustFind(id, tx);
        const resolved = await repo.resolveReports(
          id,
          decision === 'restore' ? 'dismissed' : 'upheld',
          oid(subject),
          tx,
        );
        const changes: ProfileChanges =
          decision === 'restore'
            ? { hidden: false, listed: p.approved !== null && p.status !== 'suspended' }
            : {
                hidden: false,
                listed: false,
                status: 'suspended',
                suspensionReason: note!,
                suspendedAt: now,
                suspendedBy: oid(subject),
              };
        const next = (await repo.update(id, changes, tx))!;
        await outbox.record(tx, [profileChanged([id])]);
        if (decision === 'keep_hidden') {
          await notifier.notify(tx, [
            {
              organisationId: id,
              template: supplierTemplateNames.profileSuspended,
              eventKey: `supplier-profile.suspend.${id}.${next.version}`,
              data: { supplierId: id, name: next.current.name, reason: note },
            },
          ]);
        }
        await audit.record(
          {
            action: decision === 'restore' ? 'supplierProfile.restored' : 'supplierProfile.keptHidden',
            ...actorOf(subject),
            targetType: 'supplierProfile',
            targetId: id,
            details: { resolvedReports: resolved, note },
          },
          tx,
        );
        return next;
      });
      return toOwnProfileDto(updated);
    },

    async moderationQueue(subject, filter, page, pageSize) {
      await authorizer.assertCan(subject, 'admin.moderateSupplierProfiles', undefined);
      const ids = filter.reported ? await repo.idsWithOpenReports() : undefined;
      const { items, total } = await repo.listForModeration(
        filter.reported ? { ids } : { status: filter.status },
        page,
        pageSize,
      );
      const [reports, orgs] = await Promise.all([
        repo.openReportCounts(items.map((p) => String(p._id))),
        deps.organisations.findByIds(items.map((p) => String(p._id))),
      ]);
      const orgStatus = new Map(orgs.map((o) => [o.id, o.status]));
      return {
        items: items.map((p) => {
          const id = String(p._id);
          return {
            id,
            name: p.current.name,
            orgNumber: p.orgNumber,
            organisationStatus: orgStatus.get(id) ?? 'unknown',
            status: p.status,
            submittedAt: p.submittedAt?.toISOString() ?? null,
            pendingChanges: p.status === 'approved' ? [] : changedFields(p.approved, p.current),
            openReports: reports.get(id) ?? 0,
            profile: toProfileWithContactsDto(p, p.current),
          };
        }),
        total,
        page,
        pageSize,
      };
    },

    async approve(subject, id) {
      await authorizer.assertCan(subject, 'admin.moderateSupplierProfiles', undefined);
      const organisation = await deps.organisations.findById(id);
      if (organisation && organisation.status !== 'verified') {
        throw errors.conflict(
          'organisation_not_verified',
          'The organisation is not verified yet: verify it before approving its profile.',
          { organisationStatus: organisation.status },
        );
      }
      return moderate(
        subject,
        id,
        'approve',
        (p, now) => {
          if (p.status !== 'pending_review' && p.status !== 'rejected') throw conflict(p, 'approved');
          return {
            changes: {
              status: 'approved',
              approved: p.current,
              listed: !p.hidden,
              approvedAt: now,
              approvedBy: oid(subject),
            },
            unset: ['rejectionReason', 'rejectedAt', 'rejectedBy'],
          };
        },
        { template: supplierTemplateNames.profileApproved, data: () => ({}) },
      );
    },

    reject(subject, id, reason) {
      return moderate(
        subject,
        id,
        'reject',
        (p, now) => {
          if (p.status !== 'pending_review') throw conflict(p, 'rejected');
          return {
            changes: {
              status: 'rejected',
              rejectionReason: reason,
              rejectedAt: now,
              rejectedBy: oid(subject),
            },
          };
        },
        { template: supplierTemplateNames.profileRejected, data: (p) => ({ reason, stillListed: p.listed }) },
      );
    },

    suspend(subject, id, reason) {
      return moderate(
        subject,
        id,
        'suspend',
        (p, now) => {
          if (p.status === 'suspended') throw conflict(p, 'suspended');
          return {
            changes: {
              status: 'suspended',
              listed: false,
              suspensionReason: reason,
              suspendedAt: now,
              suspendedBy: oid(subject),
            },
          };
        },
        { template: supplierTemplateNames.profileSuspended, data: () => ({ reason }) },
      );
    },

    reinstate(subject, id) {
      return moderate(subject, id, 'reinstate', (p) => {
        if (p.status !== 'suspended') throw conflict(p, 'reinstated');
        const upToDate = p.approved !== null && changedFields(p.approved, p.current).length === 0;
        return {
          changes: {
            status: upToDate ? 'approved' : 'pending_review',
            listed: p.approved !== null && !p.hidden,
          },
          unset: ['suspensionReason', 'suspendedAt', 'suspendedBy'],
        };
      });
    },

    async exportData(subject, organisationId) {
      const organisation = await deps.organisations.findById(organisationId);
      if (!organisation) throw errors.notFound('organisation');
      await authorizer.assertCan(subject, 'organisation.exportData', {
        type: 'organisation',
        id: organisation.id,
        kind: organisation.kind,
        status: organisation.status,
      });
      const [profile, members, reports] = await Promise.all([
        repo.findById(organisationId),
        deps.memberships.listForOrganisation(organisationId),
        repo.reportsAbout(organisationId),
      ]);
      await audit.record({
        action: 'organisation.export',
        ...actorOf(subject),
        targetType: 'organisation',
        targetId: organisationId,
      });
      return {
        exportedAt: new Date().toISOString(),
        organisation,
        members: members.map((m) => ({ userId: m.userId, role: m.role, since: m.createdAt.toISOString() })),
        profile: profile
          ? {
              ...toOwnProfileDto(profile),
              current: profile.current,
              approved: profile.approved,
              contacts: profile.contacts.map((c) => ({
                name: c.name,
                role: c.role ?? null,
                email: c.email,
                phone: c.phone ?? null,
                consentAt: c.consentAt.toISOString(),
                consentSource: c.consentSource,
              })),
              source: profile.source,
              createdAt: profile.createdAt.toISOString(),
            }
          : null,
        // Who reported is the reporters' personal data, not the supplier's.
        reportsAboutProfile: reports.map((r) => ({
          reason: r.reason,
          status: r.status,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },

    async deleteOrganisation(subject, organisationId) {
      const organisation = await deps.organisations.findById(organisationId);
      if (!organisation) throw errors.notFound('organisation');
      await authorizer.assertCan(subject, 'organisation.delete', {
        type: 'organisation',
        id: organisation.id,
        kind: organisation.kind,
        status: organisation.status,
      });
      if (organisation.kind !== 'supplier') {
        throw errors.badRequest('not_a_supplier', 'Only supplier organisations can be deleted here.');
      }
      await inTransaction(deps.mongo, async (tx) => {
        await repo.delete(organisationId, tx);
        await repo.deleteReportsAbout(organisationId, tx);
        await deps.deleteOrganisationRecords(organisationId, tx);
        await outbox.record(tx, [organisationDeleted(organisationId)]);
        await audit.record(
          {
            action: 'organisation.delete',
            ...actorOf(subject),
            targetType: 'organisation',
            targetId: organisationId,
            details: { orgNumber: organisation.orgNumber, name: organisation.name },
          },
          tx,
        );
      });
    },
  };
}

function oid(subject: Subject) {
  return new mongoose.Types.ObjectId(subject.principal!.userId);
}
