import { escapeHtml } from '../notifications/templates/layout.js';

type Lang = 'sv' | 'en';
export type UnsubscribePageState = 'confirm' | 'done' | 'already' | 'invalid';

const TEXT = {
  sv: {
    title: 'Avsluta bevakning',
    confirm: (n: string) => `Vill du sluta få e-post om bevakningen ”${n}”?`,
    button: 'Avsluta bevakningen',
    done: (n: string) => `Klart. Du får inte längre e-post om bevakningen ”${n}”.`,
    already: (n: string) => `Bevakningen ”${n}” är redan avslutad.`,
    invalid: 'Länken fungerar inte. Den kan vara felkopierad eller för en bevakning som har tagits bort.',
    manage: 'Hantera alla dina bevakningar',
  },
  en: {
    title: 'Unsubscribe',
    confirm: (n: string) => `Do you want to stop receiving email about the subscription “${n}”?`,
    button: 'Unsubscribe',
    done: (n: string) => `Done. You will no longer receive email about the subscription “${n}”.`,
    already: (n: string) => `The subscription “${n}” is already turned off.`,
    invalid:
      'This link does not work. It may be copied incorrectly or belong to a subscription that was removed.',
    manage: 'Manage all your subscriptions',
  },
} as const;

/**
 * The page behind the unsubscribe link. GET never unsubscribes (mail scanners follow links);
 * the page asks, and its button POSTs the same token. Plain HTML, no scripts, WCAG-minded: a
 * language attribute, one heading, a real button, visible focus, enough contrast.
 */
export function renderUnsubscribePage(input: {
  lang: Lang;
  state: UnsubscribePageState;
  name?: string;
  token?: string;
  manageUrl: string;
}): string {
  const t = TEXT[input.lang];
  const name = escapeHtml(input.name ?? '');
  let body: string;
  switch (input.state) {
    case 'confirm':
      body = `<p>${t.confirm(name)}</p>
<form method="post" action="/api/unsubscribe?token=${encodeURIComponent(input.token ?? '')}&amp;lang=${input.lang}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${t.button}</button>
</form>`;
      break;
    case 'done':
      body = `<p role="status">${t.done(name)}</p>`;
      break;
    case 'already':
      body = `<p role="status">${t.already(name)}</p>`;
      break;
    default:
      body = `<p>${t.invalid}</p>`;
  }
  return `<!doctype html>
<html lang="${input.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${t.title} – Behovstorget</title>
<style>body{font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;background:#f4f5f7;margin:0;padding:24px;line-height:1.5}main{max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px}button{font:inherit;background:#0b5394;color:#fff;border:0;border-radius:4px;padding:12px 20px;cursor:pointer}button:focus,a:focus{outline:3px solid #f0a500;outline-offset:2px}a{color:#0b5394}</style>
</head>
<body><main>
<h1>${t.title}</h1>
${body}
<p><a href="${escapeHtml(input.manageUrl)}">${t.manage}</a></p>
</main></body>
</html>`;
}
