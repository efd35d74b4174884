/**
 * Every email the product sends, by name: each feature's templates, put together here at the
 * composition root (like search-indexes.ts) and handed to the delivery sender. Features add
 * their `*.emails.ts` here. Names are stored with each delivery: never rename one.
 */
import { accountTemplates } from './modules/accounts/accounts.emails.js';
import { meetingTemplates } from './modules/meetings/meetings.emails.js';
import { needTemplates } from './modules/needs/needs.emails.js';
import type { Template, TemplateRegistry } from './modules/notifications/templates/index.js';
import { membershipTemplates } from './modules/organisations/memberships.emails.js';
import { organisationTemplates } from './modules/organisations/organisations.emails.js';
import { questionTemplates } from './modules/questions/questions.emails.js';
import { matchingTemplates } from './modules/subscriptions/match-notice.emails.js';
import { subscriptionTemplates } from './modules/subscriptions/subscriptions.emails.js';
import { supplierTemplates } from './modules/suppliers/suppliers.emails.js';

const groups: Record<string, Template>[] = [
  accountTemplates,
  matchingTemplates,
  meetingTemplates,
  questionTemplates,
  subscriptionTemplates,
  organisationTemplates,
  membershipTemplates,
  needTemplates,
  supplierTemplates,
];

function combine(all: Record<string, Template>[]): TemplateRegistry {
  const registry: Record<string, Template> = {};
  for (const group of all)
    for (const [name, template] of Object.entries(group)) {
      if (name in registry) throw new Error(`Email template "${name}" is defined twice`);
      registry[name] = template;
    }
  return Object.freeze(registry);
}

export const emailTemplates: TemplateRegistry = combine(groups);
