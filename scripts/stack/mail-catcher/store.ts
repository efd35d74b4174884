import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import PostalMime, { decodeWords, type Address } from 'postal-mime';

export interface CaughtAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
  size: number;
}

/** What GET /api/messages returns for one message. */
export interface CaughtMessage {
  id: string;
  /** Bare address of the From header. */
  from: string;
  fromName: string;
  /** Bare addresses of the To header. */
  to: string[];
  cc: string[];
  subject: string;
  /** Date header as ISO 8601 (the receive time when the header is missing). */
  date: string;
  receivedAt: string;
  /** SMTP envelope (includes Bcc recipients); null for messages loaded from disk. */
  envelope: { from: string | null; to: string[] } | null;
  text: string;
  html: string;
  /** Lower-cased header names, RFC 2047 words decoded; repeated headers are joined with ", ". */
  headers: Record<string, string>;
  attachments: CaughtAttachment[];
}

export interface Envelope {
  from: string | null;
  to: string[];
}

interface Entry {
  id: string;
  file: string;
  receivedAt: Date;
  envelope: Envelope | null;
  parsed?: Promise<CaughtMessage>;
}

const mailboxes = (list: Address | Address[] | undefined): Array<{ name: string; address: string }> =>
  (Array.isArray(list) ? list : list ? [list] : []).flatMap((a) =>
    a.group ? a.group : [{ name: a.name, address: a.address }],
  );

async function parse(entry: Entry): Promise<CaughtMessage> {
  const raw = await fs.readFile(entry.file);
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'base64' });
  const headers: Record<string, string> = {};
  for (const h of email.headers) {
    const value = decodeWords(h.value);
    headers[h.key] = h.key in headers ? `${headers[h.key]}, ${value}` : value;
  }
  const [sender] = mailboxes(email.from);
  const date = email.date && !Number.isNaN(Date.parse(email.date)) ? new Date(email.date) : entry.receivedAt;
  return {
    id: entry.id,
    from: sender?.address ?? entry.envelope?.from ?? '',
    fromName: sender?.name ?? '',
    to: mailboxes(email.to).map((m) => m.address),
    cc: mailboxes(email.cc).map((m) => m.address),
    subject: email.subject ?? '',
    date: date.toISOString(),
    receivedAt: entry.receivedAt.toISOString(),
    envelope: entry.envelope,
    text: email.text ?? '',
    html: email.html ?? '',
    headers,
    attachments: email.attachments.map((a) => {
      const content =
        typeof a.content === 'string' ? a.content : Buffer.from(a.content as ArrayBuffer).toString('base64');
      return {
        filename: a.filename ?? '',
        contentType: a.mimeType,
        content,
        size: Buffer.byteLength(content, 'base64'),
      };
    }),
  };
}

function unparsable(entry: Entry, err: Error): CaughtMessage {
  const at = entry.receivedAt.toISOString();
  return {
    id: entry.id,
    from: entry.envelope?.from ?? '',
    fromName: '',
    to: entry.envelope?.to ?? [],
    cc: [],
    subject: `(could not parse: ${err.message})`,
    date: at,
    receivedAt: at,
    envelope: entry.envelope,
    text: '',
    html: '',
    headers: {},
    attachments: [],
  };
}

const FILE_RE = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)-([A-Za-z0-9]+)\.eml$/;

/**
 * Caught mail: one .eml file per message plus an in-memory index (arrival order). A message is
 * on disk and in the index before the SMTP client gets its 250, so nothing acknowledged is lost.
 */
export class MailStore extends EventEmitter {
  private entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  /** Messages received by this process so far; lets waiters notice arrivals they did not see. */
  received = 0;

  constructor(readonly dir: string) {
    super();
    this.setMaxListeners(0); // one per long-polling API request
  }

  /** Index the .eml files already in the folder (dev keeps mail between runs). */
  async load(): Promise<number> {
    await fs.mkdir(this.dir, { recursive: true });
    const names = (await fs.readdir(this.dir)).filter((n) => FILE_RE.test(n)).sort();
    for (const name of names) {
      const [, stamp = '', id = ''] = FILE_RE.exec(name) ?? [];
      const iso = stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
      this.push({ id, file: path.join(this.dir, name), receivedAt: new Date(iso), envelope: null });
    }
    return names.length;
  }

  private push(entry: Entry): void {
    this.entries.push(entry);
    this.byId.set(entry.id, entry);
  }

  async add(raw: Buffer, envelope: Envelope): Promise<string> {
    const receivedAt = new Date();
    const id = randomBytes(8).toString('hex');
    const file = path.join(this.dir, `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
    await fs.writeFile(file, raw);
    const entry: Entry = { id, file, receivedAt, envelope };
    this.push(entry);
    this.received += 1;
    void this.message(entry).catch(() => undefined); // parse now, so API reads are cheap
    this.emit('added', entry.id);
    return id;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Oldest first. */
  list(): readonly Entry[] {
    return this.entries;
  }

  get(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  message(entry: Entry): Promise<CaughtMessage> {
    entry.parsed ??= parse(entry).catch((err: Error) => unparsable(entry, err));
    return entry.parsed;
  }

  raw(entry: Entry): Promise<Buffer> {
    return fs.readFile(entry.file);
  }

  async remove(id: string): Promise<boolean> {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.byId.delete(id);
    this.entries = this.entries.filter((e) => e !== entry);
    await fs.rm(entry.file, { force: true });
    return true;
  }

  async clear(): Promise<void> {
    const files = this.entries.map((e) => e.file);
    this.entries = [];
    this.byId.clear();
    await Promise.all(files.map((f) => fs.rm(f, { force: true })));
  }
}
