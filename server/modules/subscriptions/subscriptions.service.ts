import type { Connection } from 'mongoose';
import type { Config } from '../../config.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError, errors } from '../../platform/errors.js';
import { createUsersRepository } from '../accounts/users.repository.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import { isPublic } from '../needs/needs.types.js';
import { createNetworksRepository } from '../networks/networks.repository.js';
import {
  createMembershipsRepository,
  createOrganisationsRepository,
} from '../organisations/organisations.repository.js';
import { lookupKeys, savedSearchWords, type SearchFilters } from './subscription-keys.js';
import { createSubscriptionsRepository, type Subscription } from './subscriptions.repository.js';
import type {
  CreateSubscriptionInput,
  SubscriptionDto,
  UpdateSubscriptionInput,
} from './subscriptions.schemas.js';
import { parseUnsubscribeToken, signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.js';

export interface UnsubscribeResult {
  name: string;
  language: 'sv' | 'en';
  /** False when the subscription was already off (the link was used before). */
  changed: boolean;
  /** Whether the subscription is on (after the call). */
  active: boolean;
}

export interface SubscriptionsService {
  create(principal: Principal, input: CreateSubscriptionInput): Promise<SubscriptionDto>;
  list(principal: Principal): Promise<SubscriptionDto[]>;
  update(principal: Principal, id: string, changes: UpdateSubscriptionInput): Promise<SubscriptionDto>;
  remove(principal: Principal, id: string): Promise<void>;
  /** Looks a token up without changing anything (the confirmation page). */
  inspectToken(token: string): Promise<UnsubscribeResult>;
  unsubscribe(token: string): Promise<UnsubscribeResult>;
}

const EMPTY_FILTERS: SearchFilters = { q: '', cpvCodes: [], regions: [], networkIds: [], stages: [] };

export function toSubscriptionDto(s: Subscription): SubscriptionDto {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    delivery: s.delivery,
    active: s.active,
    ...(s.kind === 'search' ? { filters: s.filters } : {}),
    ...(s.networkId ? { networkId: s.networkId } : {}),
    ...(s.needId ? { needId: s.needId } : {}),
    ...(s.organisationId ? { organisationId: s.organisationId } : {}),
    ...(s.minScore !== undefined ? { minScore: s.minScore } : {}),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** A readable default name for a saved search, e.g. "vårdplanering · 48000000 · SE110". */
function searchName(f: SearchFilters): string {
  const parts = [f.q, ...f.cpvCodes, ...f.regions, ...f.stages].filter(Boolean);
  return (parts.join(' · ') || 'Alla behov / All needs').slice(0, 120);
}

export function unsubscribeTokenFor(
  config: Pick<Config, 'SESSION_SECRET'>,
  s: Pick<Subscription, 'id' | 'nonce'>,
): string {
  if (!s.nonce) throw new Error(`subscription ${s.id} was read without its nonce`);
  return signUnsubscribeToken(config.SESSION_SECRET, 'subscription', s.id, s.nonce);
}

const invalidToken = () =>
  new AppError(
    'invalid_token',
    'The unsubscribe link is not valid. Manage your subscriptions after logging in.',
    404,
  );

export function createSubscriptionsService(deps: {
  mongo: Connection;
  config: Pick<Config, 'SESSION_SECRET'>;
}): SubscriptionsService {
  const repo = createSubscriptionsRepository(deps.mongo);
  const users = createUsersRepository(deps.mongo);
  const networks = createNetworksRepository(deps.mongo);
  const needs = createNeedsRepository(deps.mongo);
  const organisations = createOrganisationsRepository(deps.mongo);
  const memberships = createMembershipsRepository(deps.mongo);

  function requireVerified(principal: Principal) {
    if (!principal.emailVerified) {
      throw new AppError('email_not_verified', 'Confirm your email address before subscribing.', 403);
    }
  }

  async function owned(principal: Principal, id: string): Promise<Subscription> {
    const s = await repo.findById(id);
    if (!s || s.userId !== principal.userId) throw errors.notFound('subscription');
    return s;
  }

  async function resolveToken(token: string): Promise<Subscription> {
    const parsed = parseUnsubscribeToken(token);
    if (!parsed || parsed.kind !== 'subscription') throw invalidToken();
    const s = await repo.findById(parsed.id);
    if (!s || !verifyUnsubscribeToken(deps.config.SESSION_SECRET, token, s.nonce)) throw invalidToken();
    return s;
  }

  async function languageOf(userId: string): Promise<'sv' | 'en'> {
    return (await users.findById(userId))?.language ?? 'sv';
  }

  return {
    async create(principal, input) {
      requireVerified(principal);
      let filters = EMPTY_FILTERS;
      let name = input.name;
      const extra: Partial<Subscription> = {};
      switch (input.kind) {
        case 'search':
          filters = input.filters;
          name ??= searchName(filters);
          break;
        case 'network': {
          const network = await networks.findById(input.networkId);
          if (!network || network.status !== 'approved') throw errors.notFound('network');
          extra.networkId = network.id;
          name ??= network.name;
          break;
        }
        case 'need': {
          const need = await needs.findById(input.needId);
          if (!need || !isPublic(need)) throw errors.notFound('need');
          extra.needId = need.id;
          name ??= need.title;
          break;
        }
        case 'profile': {
          const organisation = await organisations.findById(input.organisationId);
          const membership = organisation ? await memberships.find(organisation.id, principal.userId) : null;
          if (!organisation || !membership) throw errors.notFound('organisation');
          if (organisation.kind !== 'supplier') {
            throw errors.badRequest('not_a_supplier', 'Only supplier organisations get matched needs.');
          }
          extra.organisationId = organisation.id;
          extra.minScore = input.minScore;
          name ??= organisation.name;
          break;
        }
      }
      try {
        const created = await repo.create({
          userId: principal.userId,
          kind: input.kind,
          name,
          delivery: input.delivery,
          filters,
          ...savedSearchWords(filters.q),
          keys: lookupKeys(input.kind, filters, extra.networkId),
          ...extra,
        });
        return toSubscriptionDto(created);
      } catch (err) {
        if ((err as { code?: number }).code === 11000) {
          throw errors.conflict('already_subscribed', `You already follow this ${input.kind}.`);
        }
        throw err;
      }
    },
    async list(principal) {
      return (await repo.listForUser(principal.userId)).map(toSubscriptionDto);
    },
    async update(principal, id, changes) {
      const current = await owned(principal, id);
      if (changes.filters && current.kind !== 'search') {
        throw errors.badRequest('not_a_search', 'Only saved searches have filters.');
      }
      if (changes.minScore !== undefined && current.kind !== 'profile') {
        throw errors.badRequest(
          'not_a_profile_subscription',
          'Only profile subscriptions have a minimum score.',
        );
      }
      const filters = changes.filters;
      const updated = await repo.update(id, {
        name: changes.name,
        delivery: changes.delivery,
        active: changes.active,
        minScore: changes.minScore,
        ...(filters ? { filters, ...savedSearchWords(filters.q), keys: lookupKeys('search', filters) } : {}),
      });
      if (!updated) throw errors.notFound('subscription');
      return toSubscriptionDto(updated);
    },
    async remove(principal, id) {
      await owned(principal, id);
      await repo.remove(id);
    },
    async inspectToken(token) {
      const s = await resolveToken(token);
      return { name: s.name, language: await languageOf(s.userId), changed: false, active: s.active };
    },
    async unsubscribe(token) {
      const s = await resolveToken(token);
      const after = await repo.deactivate(s.id, new Date());
      return {
        name: s.name,
        language: await languageOf(s.userId),
        changed: s.active && after?.active === false,
        active: after?.active ?? false,
      };
    },
  };
}
