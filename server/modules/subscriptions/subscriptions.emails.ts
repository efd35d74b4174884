import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import {
  escapeHtml,
  layout,
  type EmailContext,
  type Locale,
  type RenderedEmail,
} from '../notifications/templates/layout.js';

/** Emails caused by subscriptions: change alerts to followers and the daily/weekly digests. */
export const subscriptionTemplateNames = {
  needChanged: 'subscriptions.need-changed',
  digest: 'subscriptions.digest',
} as const;

const lines = z.object({ sv: z.array(z.string()), en: z.array(z.string()) });
const objectId = z.string().regex(/^[0-9a-f]{24}$/);

/** What every subscription email carries: the subscription and its signed unsubscribe token. */
export const subscriptionRef = {
  subscriptionId: objectId,
  subscriptionName: z.string(),
  unsubscribeToken: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
};

export const needUrl = (ctx: EmailContext, needId: string) => `${ctx.baseUrl}/behov/${needId}`;
export const manageUrl = (ctx: EmailContext) => `${ctx.baseUrl}/bevakningar`;
export const unsubscribeUrl = (ctx: EmailContext, token: string) =>
  `${ctx.baseUrl}/api/unsubscribe?token=${token}`;

/**
 * Adds what every subscription email must have: the one-click unsubscribe headers (RFC 2369
 * List-Unsubscribe + RFC 8058 List-Unsubscribe-Post, bound to the subscription by the signed
 * token), and in the body why the recipient gets it, an unsubscribe link and a link to manage
 * all subscriptions.
 */
export function withSubscriptionFooter(
  email: RenderedEmail,
  locale: Locale,
  ctx: EmailContext,
  ref: { subscriptionName: string; unsubscribeToken: string },
): RenderedEmail {
  const unsubscribe = unsubscribeUrl(ctx, ref.unsubscribeToken);
  const manage = manageUrl(ctx);
  const why =
    locale === 'sv'
      ? `Du får det här mejlet för din bevakning ”${ref.subscriptionName}”.`
      : `You get this email for your subscription “${ref.subscriptionName}”.`;
  const stop = locale === 'sv' ? 'Avsluta den här bevakningen' : 'Unsubscribe from this subscription';
  const all = locale === 'sv' ? 'Hantera alla bevakningar' : 'Manage all subscriptions';
  const text = `${email.text}\n\n${why}\n${stop}: ${unsubscribe}\n${all}: ${manage}\n`;
  const block = `<p style="margin:0 0 8px">${escapeHtml(why)}</p>
<p style="margin:0 0 8px"><a href="${escapeHtml(unsubscribe)}" style="color:#0b5394">${escapeHtml(stop)}</a> · <a href="${escapeHtml(manage)}" style="color:#0b5394">${escapeHtml(all)}</a></p>
</footer>`;
  return {
    ...email,
    text,
    html: email.html.replace('</footer>', block),
    headers: {
      ...email.headers,
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': 'Behovstorget <subscriptions.behovstorget.se>',
    },
  };
}

/** Adds a bulleted list after the paragraphs (text and HTML). */
export function withList(email: RenderedEmail, items: string[], after: string): RenderedEmail {
  if (items.length === 0) return email;
  const text = email.text.replace(`${after}\n`, `${after}\n${items.map((i) => `  • ${i}`).join('\n')}\n`);
  const html = email.html.replace(
    `${escapeHtml(after)}</p>`,
    `${escapeHtml(after)}</p>\n<ul style="margin:0 0 12px;padding-left:20px">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
  );
  return { ...email, text, html };
}

const needChangedData = z.object({ needId: objectId, title: z.string(), changes: lines, ...subscriptionRef });

const needChanged: Template = (data, locale, ctx) => {
  const d = needChangedData.parse(data);
  const intro =
    locale === 'sv'
      ? `Behovet ”${d.title}” som du följer har ändrats:`
      : `The need “${d.title}” that you follow has changed:`;
  const email = layout(
    {
      locale,
      subject: locale === 'sv' ? `Ändrat behov: ${d.title}` : `Need changed: ${d.title}`,
      heading: locale === 'sv' ? 'Ett behov du följer har ändrats' : 'A need you follow has changed',
      paragraphs: [intro],
      action: {
        label: locale === 'sv' ? 'Se behovet och ändringsloggen' : 'See the need and its change log',
        url: needUrl(ctx, d.needId),
      },
    },
    ctx,
  );
  return withSubscriptionFooter(withList(email, d.changes[locale], intro), locale, ctx, d);
};

const digestData = z.object({
  mode: z.enum(['daily', 'weekly']),
  periodKey: z.string(),
  needs: z.array(
    z.object({
      needId: objectId,
      title: z.string(),
      isNew: z.boolean(),
      why: lines,
      changes: lines,
    }),
  ),
  ...subscriptionRef,
});

function count(locale: Locale, n: number) {
  if (locale === 'sv') return n === 1 ? '1 behov' : `${n} behov`;
  return n === 1 ? '1 need' : `${n} needs`;
}

/** The digest: one section per need (new needs with why they matched, then changes), nothing twice. */
const digest: Template = (data, locale, ctx) => {
  const d = digestData.parse(data);
  const sv = locale === 'sv';
  const period = d.mode === 'daily' ? (sv ? 'dagliga' : 'daily') : sv ? 'veckovisa' : 'weekly';
  const subject = sv
    ? `Din ${period} sammanfattning från Behovstorget: ${count(locale, d.needs.length)}`
    : `Your ${period} Behovstorget digest: ${count(locale, d.needs.length)}`;
  const heading = sv ? `Din ${period} sammanfattning` : `Your ${period} digest`;
  const intro = sv
    ? `Nytt och ändrat sedan förra sammanfattningen för bevakningen ”${d.subscriptionName}”.`
    : `New and changed since the last digest for the subscription “${d.subscriptionName}”.`;
  const base = layout({ locale, subject, heading, paragraphs: [intro] }, ctx);
  const textSections: string[] = [];
  const htmlSections: string[] = [];
  for (const n of d.needs) {
    const label = n.isNew ? (sv ? 'Nytt behov' : 'New need') : sv ? 'Ändrat behov' : 'Changed need';
    const url = needUrl(ctx, n.needId);
    const why = n.why[locale];
    const changes = n.changes[locale];
    textSections.push(
      [
        `## ${n.title} (${label})`,
        ...why.map((l) => `  • ${l}`),
        ...(changes.length ? [sv ? '  Ändringar:' : '  Changes:', ...changes.map((l) => `  • ${l}`)] : []),
        `  ${url}`,
      ].join('\n'),
    );
    htmlSections.push(
      `<section style="margin:0 0 20px"><h2 style="font-size:18px;margin:0 0 6px"><a href="${escapeHtml(url)}" style="color:#0b5394">${escapeHtml(n.title)}</a></h2>
<p style="margin:0 0 6px;font-size:13px;color:#444">${escapeHtml(label)}</p>
${why.length ? `<ul style="margin:0 0 6px;padding-left:20px">${why.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : ''}
${changes.length ? `<p style="margin:0 0 4px">${sv ? 'Ändringar:' : 'Changes:'}</p><ul style="margin:0 0 6px;padding-left:20px">${changes.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : ''}</section>`,
    );
  }
  const email: RenderedEmail = {
    ...base,
    text: base.text.replace(`${intro}\n`, `${intro}\n\n${textSections.join('\n\n')}\n`),
    html: base.html.replace(
      `${escapeHtml(intro)}</p>`,
      `${escapeHtml(intro)}</p>\n${htmlSections.join('\n')}`,
    ),
  };
  return withSubscriptionFooter(email, locale, ctx, d);
};

export const subscriptionTemplates: Record<string, Template> = {
  [subscriptionTemplateNames.needChanged]: needChanged,
  [subscriptionTemplateNames.digest]: digest,
};
