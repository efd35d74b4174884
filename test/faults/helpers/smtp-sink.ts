import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server of the test's own (the `smtp-server` package the mail catcher also uses) that
 * only counts: accepted messages per envelope recipient, and what their Subject was. A fan-out
 * of a thousand emails is then checked without parsing or storing a thousand files.
 */
export interface CountingSink {
  url: string;
  /** Accepted messages per recipient address (lower case). */
  perRecipient: Map<string, number>;
  /** Subjects per recipient, in arrival order. */
  subjects: Map<string, string[]>;
  total(filter?: (address: string) => boolean): number;
  /** Resolves once `count` messages to matching recipients have been accepted. */
  waitFor(count: number, filter?: (address: string) => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startCountingSink(): Promise<CountingSink> {
  const perRecipient = new Map<string, number>();
  const subjects = new Map<string, string[]>();
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const head =
          Buffer.concat(chunks)
            .toString('utf8')
            .split(/\r?\n\r?\n/)[0] ?? '';
        const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? '';
        for (const rcpt of session.envelope.rcptTo) {
          const address = rcpt.address.toLowerCase();
          perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1);
          subjects.set(address, [...(subjects.get(address) ?? []), subject]);
        }
        callback();
        events.emit('message');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const total = (filter?: (address: string) => boolean) =>
    [...perRecipient].reduce((sum, [a, n]) => sum + (!filter || filter(a) ? n : 0), 0);
  return {
    url: `smtp://127.0.0.1:${port}`,
    perRecipient,
    subjects,
    total,
    waitFor: (count, filter) =>
      new Promise((resolve) => {
        const check = () => {
          if (total(filter) < count) return;
          events.off('message', check);
          resolve();
        };
        events.on('message', check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
