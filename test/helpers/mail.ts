/** Reads the messages the SMTP sink (scripts/stack mail catcher) received. */
export interface CaughtMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string }[];
}

function baseUrl(): string {
  const url = process.env.MAIL_CATCHER_URL;
  if (!url) throw new Error('MAIL_CATCHER_URL is not set: run tests through jest (test/global-setup.ts)');
  // The stack gives the URL with a trailing slash.
  return url.replace(/\/+$/, '');
}

export async function messagesTo(address: string): Promise<CaughtMessage[]> {
  const res = await fetch(`${baseUrl()}/api/messages?to=${encodeURIComponent(address)}`);
  if (!res.ok) throw new Error(`mail catcher answered ${res.status}`);
  return (await res.json()) as CaughtMessage[];
}

/** Waits until `address` has received at least `count` messages (matching `filter`), then returns them. */
export async function waitForMessages(
  address: string,
  {
    count = 1,
    timeoutMs = 10_000,
    filter,
  }: { count?: number; timeoutMs?: number; filter?: (m: CaughtMessage) => boolean } = {},
): Promise<CaughtMessage[]> {
  const deadline = Date.now() + timeoutMs;
  let found: CaughtMessage[] = [];
  while (Date.now() < deadline) {
    found = (await messagesTo(address)).filter((m) => (filter ? filter(m) : true));
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} message(s) to ${address} within ${timeoutMs} ms, got ${found.length}`);
}

/** Finds the first link in a message's text that starts with `prefix`. */
export function linkIn(message: CaughtMessage, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"'<>)]*`).exec(message.text);
  if (!match) throw new Error(`no link starting with ${prefix} in message "${message.subject}"`);
  return match[0];
}
