import type { CaughtMessage } from './store.js';

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.45; }
  body { margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem 3rem; }
  header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; padding: .5rem 0; color: GrayText; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); vertical-align: top; }
  td.date { white-space: nowrap; }
  a { color: LinkText; }
  a:focus-visible, button:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; padding: .75rem; border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: .25rem; }
  iframe { width: 100%; height: 32rem; border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: .25rem; background: white; }
  button { font: inherit; padding: .3rem .8rem; cursor: pointer; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const formatDate = (iso: string): string => iso.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');

/** Newest first; shows at most `limit` rows. */
export function renderIndex(messages: CaughtMessage[], total: number, limit: number): string {
  const rows = messages
    .map(
      (m) => `<tr>
  <td class="date"><time datetime="${escapeHtml(m.receivedAt)}">${escapeHtml(formatDate(m.receivedAt))}</time></td>
  <td>${escapeHtml(m.from)}</td>
  <td>${escapeHtml([...m.to, ...m.cc].join(', ') || (m.envelope?.to.join(', ') ?? ''))}</td>
  <td><a href="/messages/${escapeHtml(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td>
</tr>`,
    )
    .join('\n');
  const caption =
    total === 0
      ? 'No messages yet. Mail sent to the SMTP port shows up here.'
      : `${total} message${total === 1 ? '' : 's'}, newest first${total > limit ? ` (showing the latest ${limit})` : ''}.`;
  return page(
    'Mail catcher – Behovstorget',
    `<header>
<h1>Mail catcher</h1>
<nav aria-label="Actions">
  <a href="/">Refresh</a>
  <form method="post" action="/clear" style="display:inline"><button type="submit">Delete all messages</button></form>
</nav>
</header>
<main>
<table>
<caption>${escapeHtml(caption)}</caption>
<thead><tr><th scope="col">Received</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>`,
  );
}

export function renderMessage(m: CaughtMessage): string {
  const id = escapeHtml(m.id);
  const field = (name: string, value: string): string =>
    value ? `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>` : '';
  const attachments = m.attachments.length
    ? `<ul>${m.attachments
        .map(
          (a, i) =>
            `<li><a href="/messages/${id}/attachments/${i}">${escapeHtml(a.filename || `attachment-${i + 1}`)}</a> (${escapeHtml(a.contentType)}, ${a.size} bytes)</li>`,
        )
        .join('')}</ul>`
    : '<p>None.</p>';
  const headers = Object.entries(m.headers)
    .map(([k, v]) => field(k, v))
    .join('\n');
  return page(
    `${m.subject || '(no subject)'} – Mail catcher`,
    `<header>
<p><a href="/">← All messages</a></p>
<p><a href="/messages/${id}.eml" download>Download .eml</a></p>
</header>
<main>
<h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<dl>
${field('From', m.fromName ? `${m.fromName} <${m.from}>` : m.from)}
${field('To', m.to.join(', '))}
${field('Cc', m.cc.join(', '))}
${field('Envelope recipients', m.envelope?.to.join(', ') ?? '')}
${field('Date', formatDate(m.date))}
${field('Received', formatDate(m.receivedAt))}
</dl>
<h2>Text part</h2>
${m.text ? `<pre>${escapeHtml(m.text)}</pre>` : '<p>None.</p>'}
<h2>HTML part</h2>
${m.html ? `<iframe sandbox src="/messages/${id}/html" title="HTML part of the message"></iframe>` : '<p>None.</p>'}
<h2>Attachments</h2>
${attachments}
<details>
<summary>All headers</summary>
<dl>
${headers}
</dl>
</details>
</main>`,
  );
}

export function renderNotFound(): string {
  return page(
    'Not found – Mail catcher',
    '<main><h1>Not found</h1><p><a href="/">All messages</a></p></main>',
  );
}
