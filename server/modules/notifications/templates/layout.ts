/** Shared frame for every email: accessible HTML (lang, headings, real links) plus a plain-text twin. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface EmailContext {
  /** PUBLIC_BASE_URL without trailing slash. */
  baseUrl: string;
}

export type Locale = 'sv' | 'en';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface LayoutInput {
  locale: Locale;
  subject: string;
  heading: string;
  /** Plain-text paragraphs (escaped for HTML). */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print below the body, e.g. why the recipient gets this email. */
  footer?: string[];
}

const brand = {
  sv: 'Behovstorget – där offentliga behov möter marknaden',
  en: 'Behovstorget – where public needs meet the market',
};

export function layout(input: LayoutInput, ctx: EmailContext): RenderedEmail {
  const { locale, subject, heading, paragraphs, action, footer = [] } = input;
  const text = [
    heading,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(action ? [`${action.label}: ${action.url}`, ''] : []),
    '-- ',
    brand[locale],
    ctx.baseUrl,
    ...footer,
  ].join('\n');
  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">
<main style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(heading)}</h1>
${paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('\n')}
${
  action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#0b5394;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:underline;display:inline-block">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#444">${escapeHtml(action.url)}</p>`
    : ''
}
</main>
<footer style="max-width:600px;margin:16px auto 0;font-size:13px;color:#444">
<p style="margin:0 0 8px">${escapeHtml(brand[locale])} · <a href="${escapeHtml(ctx.baseUrl)}" style="color:#0b5394">${escapeHtml(ctx.baseUrl.replace(/^https?:\/\//, ''))}</a></p>
${footer.map((f) => `<p style="margin:0 0 8px">${escapeHtml(f)}</p>`).join('\n')}
</footer>
</body>
</html>`;
  return { subject, text, html };
}
