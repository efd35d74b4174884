import type { EmailContext, Locale, RenderedEmail } from './layout.js';

export type { EmailContext, Locale, RenderedEmail } from './layout.js';

/** One email: renders a delivery's stored data, which it must validate, in a locale. */
export type Template = (data: Record<string, unknown>, locale: Locale, ctx: EmailContext) => RenderedEmail;

/**
 * Every email the product sends, by name. Each feature keeps its templates beside the code that
 * sends them (`<module>/<module>.emails.ts`); the composition root (server/email-templates.ts)
 * puts them together and hands the registry to the delivery sender, so delivery imports no feature.
 */
export type TemplateRegistry = Readonly<Record<string, Template>>;

export type TemplateName = string;

export function renderTemplate(
  templates: TemplateRegistry,
  name: string,
  data: Record<string, unknown>,
  locale: Locale,
  ctx: EmailContext,
): RenderedEmail {
  const template = templates[name];
  if (!template) throw new Error(`Unknown email template "${name}"`);
  return template(data, locale, ctx);
}
