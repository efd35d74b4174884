import type { ClientSession, Connection } from 'mongoose';
import { errors } from '../../platform/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { inTransaction, type Outbox } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import { needTemplateNames } from './needs.emails.js';
import type { OwnerNotifier } from '../organisations/owner-notifier.js';
import type { Authorizer } from '../policy/guards.js';
import { actorOf, type Subject } from '../policy/subject.js';
import { needResource, type LoadedNeed, type NeedAccess, type NeedView } from './needs.access.js';
import { needEvents } from './needs.events.js';
import { assertTransition, invalidTransition, transitions } from './needs.lifecycle.js';
import type { NeedReportsRepository } from './need-reports.repository.js';
import type { NeedsRepository } from './needs.repository.js';
import type { Need, NeedReport, Page } from './needs.types.js';

export interface ModerationItem {
  need: Need;
  networkName: string;
  reports?: NeedReport[];
}

export interface NeedsModerationService {
  /** `submitted`: the review queue, oldest submission first. `reported`: needs hidden by reports. */
  queue(
    subject: Subject,
    queue: 'submitted' | 'reported',
    page: number,
    pageSize: number,
  ): Promise<Page<ModerationItem>>;
  approve(subject: Subject, id: string, note?: string): Promise<NeedView>;
  reject(subject: Subject, id: string, reason: string): Promise<NeedView>;
  /**
   * Any logged-in user reports a public need; every report reaches the admins' queue, and the need
   * is hidden once open reports come from `reportThreshold` distinct verified organisations.
   */
  report(subject: Subject, id: string, reason: string): Promise<NeedReport>;
  resolveReports(
    subject: Subject,
    id: string,
    decision: 'restore' | 'keep_hidden',
    note?: string,
  ): Promise<NeedView>;
}

export interface NeedsModerationDeps {
  mongo: Connection;
  needs: NeedsRepository;
  reports: NeedReportsRepository;
  outbox: Outbox;
  audit: AuditService;
  notifier: OwnerNotifier;
  authorizer: Authorizer;
  access: NeedAccess;
  /** Distinct verified organisations whose open reports hide a published need (default 3). */
  reportThreshold?: number;
  /** Reports per reporting account (a flood of reports is abuse of the admins' queue). */
  reportLimiter: RateLimiter;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

export function createNeedsModerationService(deps: NeedsModerationDeps): NeedsModerationService {
  const { mongo, needs, reports, outbox, audit, notifier, authorizer, access, reportLimiter } = deps;
  const threshold = deps.reportThreshold ?? 3;

  function adminId(subject: Subject): string {
    if (!subject.principal) throw errors.unauthorized();
    return subject.principal.userId;
  }

  /** Emails the owners of the network's coordinating organisation, in the transaction. */
  async function tellCoordinator(
    tx: ClientSession,
    loaded: LoadedNeed,
    template: string,
    eventKey: string,
    extra = {},
  ) {
    await notifier.notify(tx, [
      {
        organisationId: loaded.network.coordinatorOrgId,
        template,
        eventKey,
        data: {
          needId: loaded.need.id,
          title: loaded.need.title,
          networkName: loaded.network.name,
          ...extra,
        },
      },
    ]);
  }

  async function decide(
    subject: Subject,
    id: string,
    to: 'published' | 'rejected',
    text?: string,
  ): Promise<NeedView> {
    await authorizer.assertCan(subject, 'admin.moderateNeeds', undefined);
    const by = adminId(subject);
    const action = to === 'published' ? 'approve' : 'reject';
    const loaded = await access.load(id);
    assertTransition(action, loaded.need.status);
    const updated = await inTransaction(mongo, async (tx) => {
      const at = new Date();
      const after = await needs.transition(
        id,
        transitions[action].from,
        to === 'published'
          ? { status: 'published', set: { publishedAt: loaded.need.publishedAt ?? at }, unset: ['rejection'] }
          : { status: 'rejected', set: { rejection: { reason: text, at, by } } },
        tx,
      );
      if (!after)
        throw invalidTransition(action, (await needs.findById(id, tx))?.status ?? loaded.need.status);
      await audit.record(
        {
          action: to === 'published' ? 'need.approved' : 'need.rejected',
          ...actorOf(subject),
          targetType: 'need',
          targetId: id,
          details: {
            networkId: loaded.network.id,
            version: after.version,
            ...(text ? { [to === 'published' ? 'note' : 'reason']: text } : {}),
          },
        },
        tx,
      );
      if (to === 'published') {
        await outbox.record(tx, [
          needEvents.changed(id, after.version),
          needEvents.published(id, after.version),
        ]);
        await tellCoordinator(tx, loaded, needTemplateNames.approved, `need-approved.${id}.${after.version}`);
      } else {
        await tellCoordinator(
          tx,
          loaded,
          needTemplateNames.rejected,
          `need-rejected.${id}.${after.version}`,
          {
            reason: text,
          },
        );
      }
      return after;
    });
    return access.view(subject, {
      ...loaded,
      need: updated,
      resource: needResource(updated, loaded.network),
    });
  }

  return {
    async queue(subject, queue, page, pageSize) {
      await authorizer.assertCan(subject, 'admin.moderateNeeds', undefined);
      const result =
        queue === 'submitted'
          ? await needs.listSubmitted(page, pageSize)
          : await needs.listReported(page, pageSize);
      const names = await access.networkNames(result.items.map((n) => n.networkId));
      const items = await Promise.all(
        result.items.map(async (need) => ({
          need,
          networkName: names.get(need.networkId) ?? '',
          ...(queue === 'reported' ? { reports: await reports.list(need.id, 'open') } : {}),
        })),
      );
      return { items, total: result.total };
    },

    approve: (subject, id, note) => decide(subject, id, 'published', note),
    reject: (subject, id, reason) => decide(subject, id, 'rejected', reason),

    async report(subject, id, reason) {
      if (!subject.principal) throw errors.unauthorized();
      const userId = subject.principal.userId;
      const loaded = await access.loadVisible(subject, id);
      await authorizer.assertCan(subject, 'need.report', loaded.resource);
      const alreadyReported = () =>
        errors.conflict(
          'already_reported',
          'You have already reported this need; an administrator will review it.',
        );
      await reportLimiter.enforce(userId);
      // One verified organisation counts once, whoever in it reports and however many orgs they have.
      const organisationId = subject.memberships
        .filter((m) => m.status === 'verified')
        .map((m) => m.organisationId)
        .sort()[0];
      try {
        return await inTransaction(mongo, async (tx) => {
          const report = await reports.add({ needId: id, userId, reason, organisationId }, tx);
          if (!report) throw alreadyReported();
          const after = await needs.countReport(id, 1, tx);
          const organisations = await reports.countVerifiedOrganisations(id, tx);
          if (after && !after.hidden && organisations >= threshold) {
            const hidden = await needs.setHidden(id, true, undefined, tx);
            await outbox.record(tx, [needEvents.changed(id, hidden!.version)]);
            await audit.record(
              {
                action: 'need.hidden',
                targetType: 'need',
                targetId: id,
                details: { openReports: after.openReports, organisations, threshold },
              },
              tx,
            );
            await tellCoordinator(
              tx,
              loaded,
              needTemplateNames.hidden,
              `need-hidden.${id}.${hidden!.version}`,
              {
                reports: after.openReports,
              },
            );
          }
          return report;
        });
      } catch (err) {
        // Two reports by one user at the same moment: the unique index lets one through.
        if (isDuplicateKey(err)) throw alreadyReported();
        throw err;
      }
    },

    async resolveReports(subject, id, decision, note) {
      await authorizer.assertCan(subject, 'admin.moderateNeeds', undefined);
      const by = adminId(subject);
      const loaded = await access.load(id);
      const updated = await inTransaction(mongo, async (tx) => {
        const resolved = await reports.resolve(id, decision === 'restore' ? 'dismissed' : 'upheld', by, tx);
        const after = await needs.setHidden(id, decision === 'keep_hidden', 0, tx);
        if (!after) throw errors.notFound('need');
        await outbox.record(tx, [needEvents.changed(id, after.version)]);
        await audit.record(
          {
            action: decision === 'restore' ? 'need.restored' : 'need.kept_hidden',
            ...actorOf(subject),
            targetType: 'need',
            targetId: id,
            details: { reports: resolved, ...(note ? { note } : {}) },
          },
          tx,
        );
        return after;
      });
      return access.view(subject, {
        ...loaded,
        need: updated,
        resource: needResource(updated, loaded.network),
      });
    },
  };
}
