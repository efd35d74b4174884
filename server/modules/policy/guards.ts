import type { Request, RequestHandler } from 'express';
import { AppError, errors } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Action, ActionResources, Resource } from './actions.js';
import { decide, requiresUser, type Decision, type DenialReason } from './policy.js';
import type { Subject, SubjectLoader } from './subject.js';

/** Loads the resource an action is checked against; null means it does not exist (404). */
export type ResourceLoader<A extends Action> = (req: Request) => Promise<ActionResources[A] | null>;

export interface Authorizer {
  subjects: SubjectLoader;
  /**
   * Express guard: 401 without a user (before anything is loaded, so anonymous probes learn
   * nothing), then loads the resource (404 when missing) and asks the policy.
   */
  authorize<A extends Action>(action: A, loadResource?: ResourceLoader<A>): RequestHandler;
  /** For rules that depend on the body or on state read in a service: throws 401/403/404 and logs. */
  assertCan<A extends Action>(subject: Subject, action: A, resource: ActionResources[A]): Promise<void>;
  /** The request's subject (cached per request). */
  subjectOf(req: Request): Promise<Subject>;
}

const MESSAGES: Record<number, string> = {
  401: 'You need to log in to do this.',
  403: 'You are not allowed to do this.',
};

/** Denials a user can act on get a message that says what is missing (the code stays `forbidden`). */
const REASON_MESSAGES: Partial<Record<DenialReason, string>> = {
  buyer_organisation_pending:
    'Your buyer organisation is awaiting verification by an administrator. You can create a network once it is verified.',
  no_verified_buyer_organisation:
    'You need to belong to a verified buyer organisation. Register your organisation; an administrator verifies it.',
  organisation_not_verified: 'The organisation is not verified yet. An administrator verifies it first.',
};

function describeResource(resource: Resource | undefined): { targetType?: string; targetId?: string } {
  if (!resource) return {};
  switch (resource.type) {
    case 'member':
      return { targetType: 'organisation', targetId: resource.organisation.id };
    case 'networkMember':
      return { targetType: 'network', targetId: resource.network.id };
    default:
      return { targetType: resource.type, targetId: resource.id };
  }
}

/** What a 404 names: the same for a missing and a hidden resource, so the two cannot be told apart. */
export function nounOf(action: Action): string {
  if (action === 'network.respondInvitation') return 'invitation';
  const prefix = action.split('.')[0]!;
  if (prefix === 'organisation' || prefix === 'network') return prefix;
  if (prefix === 'supplierProfile') return 'supplier profile';
  if (prefix === 'need' || prefix === 'matches' || prefix === 'meeting' || prefix === 'question')
    return 'need';
  return 'resource';
}

function toError(action: Action, decision: Extract<Decision, { allowed: false }>): AppError {
  if (decision.status === 404) return errors.notFound(nounOf(action));
  const specific = decision.status === 403 ? REASON_MESSAGES[decision.reason] : undefined;
  return new AppError(
    decision.status === 401 ? 'unauthorized' : 'forbidden',
    specific ?? MESSAGES[decision.status]!,
    decision.status,
    specific ? { reason: decision.reason } : undefined,
  );
}

export function createAuthorizer(deps: {
  subjects: SubjectLoader;
  audit: AuditService;
  logger: Logger;
}): Authorizer {
  const { subjects, audit, logger } = deps;

  async function assertCan<A extends Action>(subject: Subject, action: A, resource: ActionResources[A]) {
    const decision = decide(subject, action, resource);
    if (decision.allowed) return;
    const target = describeResource(resource as Resource | undefined);
    logger.info(
      {
        authz: {
          action,
          reason: decision.reason,
          status: decision.status,
          userId: subject.principal?.userId,
          ...target,
        },
      },
      'authorisation denied',
    );
    // Unauthenticated attempts are not a user's action; everything else is a security event.
    if (decision.status !== 401) {
      await audit
        .record({
          action: 'authz.denied',
          outcome: 'denied',
          actorId: subject.principal?.userId,
          actorEmail: subject.principal?.email,
          ...target,
          ip: subject.origin?.ip,
          userAgent: subject.origin?.userAgent,
          details: { action, reason: decision.reason, status: decision.status },
        })
        .catch((err: unknown) => logger.warn({ err }, 'could not record an authorisation denial'));
    }
    throw toError(action, decision);
  }

  return {
    subjects,
    assertCan,
    subjectOf: (req) => subjects.forRequest(req),
    authorize(action, loadResource) {
      return async (req, _res, next) => {
        if (requiresUser(action) && !req.auth) {
          (req.log ?? logger).info(
            { authz: { action, reason: 'unauthenticated', status: 401 } },
            'authorisation denied',
          );
          throw errors.unauthorized();
        }
        const subject = await subjects.forRequest(req);
        let resource: ActionResources[typeof action] | undefined;
        if (loadResource) {
          const loaded = await loadResource(req);
          if (loaded === null) throw errors.notFound(nounOf(action));
          resource = loaded;
        }
        await assertCan(subject, action, resource as ActionResources[typeof action]);
        next();
      };
    },
  };
}
