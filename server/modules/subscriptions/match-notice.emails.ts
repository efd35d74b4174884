import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import { layout } from '../notifications/templates/layout.js';
import { needUrl, subscriptionRef, withList, withSubscriptionFooter } from './subscriptions.emails.js';

/** Emails of matching: a new need that matches a supplier's subscriptions or profile. */
export const matchingTemplateNames = {
  newNeed: 'matching.new-need',
} as const;

const newNeedData = z.object({
  needId: z.string().regex(/^[0-9a-f]{24}$/),
  title: z.string(),
  summary: z.string(),
  reasons: z.object({ sv: z.array(z.string()), en: z.array(z.string()) }),
  ...subscriptionRef,
});

/** "New need matching you": the need, why it matched, a link to it. */
const newNeed: Template = (data, locale, ctx) => {
  const d = newNeedData.parse(data);
  const sv = locale === 'sv';
  const why = sv ? 'Varför du får det här behovet:' : 'Why this need reached you:';
  const email = layout(
    {
      locale,
      subject: sv ? `Nytt behov som matchar dig: ${d.title}` : `New need matching you: ${d.title}`,
      heading: d.title,
      paragraphs: [d.summary, why],
      action: { label: sv ? 'Läs behovet' : 'Read the need', url: needUrl(ctx, d.needId) },
    },
    ctx,
  );
  return withSubscriptionFooter(withList(email, d.reasons[locale], why), locale, ctx, d);
};

export const matchingTemplates: Record<string, Template> = {
  [matchingTemplateNames.newNeed]: newNeed,
};
