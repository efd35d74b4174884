import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderIndex, renderMessage, renderNotFound } from './html.js';
import type { CaughtMessage, MailStore } from './store.js';

const INDEX_LIMIT = 500;
const MAX_WAIT_MS = 30_000;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown): void =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
const html = (res: ServerResponse, status: number, body: string): void =>
  send(res, status, 'text/html; charset=utf-8', body, {
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'",
  });

function addressedTo(m: CaughtMessage, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  return [...m.to, ...m.cc, ...(m.envelope?.to ?? [])].some((a) => a.toLowerCase() === wanted);
}

async function matching(store: MailStore, to: string | null): Promise<CaughtMessage[]> {
  const all = await Promise.all(store.list().map((e) => store.message(e)));
  return to ? all.filter((m) => addressedTo(m, to)) : all;
}

/**
 * GET /api/messages?to=<address>[&wait=<ms>&count=<n>]: oldest first. With `wait`, the request
 * is held until at least `count` (default 1) messages match or the time is up, so tests need
 * no polling loop.
 */
async function listMessages(store: MailStore, url: URL): Promise<CaughtMessage[]> {
  const to = url.searchParams.get('to');
  const wait = Math.min(Number(url.searchParams.get('wait') ?? 0) || 0, MAX_WAIT_MS);
  const count = Math.max(Number(url.searchParams.get('count') ?? 1) || 1, 1);
  const deadline = Date.now() + wait;
  for (;;) {
    const seen = store.received;
    const found = await matching(store, to);
    const left = deadline - Date.now();
    if (found.length >= count || left <= 0) return found;
    if (store.received !== seen) continue; // mail arrived while we were matching
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        store.off('added', done);
        resolve();
      };
      const timer = setTimeout(done, left);
      store.once('added', done);
    });
  }
}

export function createHttpHandler(store: MailStore): (req: IncomingMessage, res: ServerResponse) => void {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;

    if (p === '/api/messages' && method === 'GET') return json(res, 200, await listMessages(store, url));
    if (p === '/api/messages' && method === 'DELETE') {
      await store.clear();
      return send(res, 204, 'text/plain', '');
    }
    if ((m = /^\/api\/messages\/([\w-]+)$/.exec(p))) {
      const entry = store.get(m[1] ?? '');
      if (method === 'DELETE')
        return send(res, (await store.remove(m[1] ?? '')) ? 204 : 404, 'text/plain', '');
      if (!entry) return json(res, 404, { error: 'message not found' });
      return json(res, 200, await store.message(entry));
    }

    if (p === '/' && method === 'GET') {
      const newest = store.list().slice(-INDEX_LIMIT).reverse();
      const messages = await Promise.all(newest.map((e) => store.message(e)));
      return html(res, 200, renderIndex(messages, store.size, INDEX_LIMIT));
    }
    if (p === '/clear' && method === 'POST') {
      await store.clear();
      res.writeHead(303, { Location: '/' });
      return void res.end();
    }
    if ((m = /^\/messages\/([\w-]+)(\.eml|\/html|\/attachments\/(\d+))?$/.exec(p)) && method === 'GET') {
      const entry = store.get(m[1] ?? '');
      if (!entry) return html(res, 404, renderNotFound());
      if (m[2] === '.eml') {
        return send(res, 200, 'message/rfc822', await store.raw(entry), {
          'Content-Disposition': `attachment; filename="${entry.id}.eml"`,
        });
      }
      const message = await store.message(entry);
      if (m[2] === '/html') {
        // Shown in a sandboxed iframe; the CSP sandbox keeps scripts out even when opened directly.
        return send(res, 200, 'text/html; charset=utf-8', message.html, {
          'Content-Security-Policy':
            "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline' *; font-src *",
        });
      }
      if (m[3] !== undefined) {
        const attachment = message.attachments[Number(m[3])];
        if (!attachment) return html(res, 404, renderNotFound());
        const filename = (attachment.filename || `attachment-${m[3]}`).replace(/["\\\r\n]/g, '_');
        return send(res, 200, attachment.contentType, Buffer.from(attachment.content, 'base64'), {
          'Content-Disposition': `attachment; filename="${filename}"`,
        });
      }
      return html(res, 200, renderMessage(message));
    }
    if (p.startsWith('/api/')) return json(res, 404, { error: 'not found' });
    return html(res, 404, renderNotFound());
  }

  return (req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) json(res, 500, { error: err.message });
      else res.destroy(err);
    });
  };
}
