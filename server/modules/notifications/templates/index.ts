import { accountTemplates } from './accounts.js';
import type { EmailContext, Locale, RenderedEmail } from './layout.js';
import { matchingTemplates } from './matching.js';
import { membershipTemplates } from './memberships.js';
import { meetingTemplates } from './meetings.js';
import { questionTemplates } from './questions.js';
import { needTemplates } from './needs.js';
import { supplierTemplates } from './suppliers.js';
import { subscriptionTemplates } from './subscriptions.js';
import { organisationTemplates } from './organisations.js';

export type { EmailContext, Locale, RenderedEmail } from './layout.js';

export type Template = (data: Record<string, unknown>, locale: Locale, ctx: EmailContext) => RenderedEmail;

/**
 * Every email the product sends, by name. Features add their templates (one file each) here.
 * Templates receive the delivery's stored data and must validate what they read.
 */
export const templates: Record<string, Template> = {
  ...accountTemplates,
  ...matchingTemplates,
  ...meetingTemplates,
  ...questionTemplates,
  ...subscriptionTemplates,
  ...organisationTemplates,
  ...membershipTemplates,
  ...needTemplates,
  ...supplierTemplates,
};

export type TemplateName = string;

export function renderTemplate(
  name: string,
  data: Record<string, unknown>,
  locale: Locale,
  ctx: EmailContext,
): RenderedEmail {
  const template = templates[name];
  if (!template) throw new Error(`Unknown email template "${name}"`);
  return template(data, locale, ctx);
}
