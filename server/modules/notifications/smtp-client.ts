import { Readable, type Transform } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Config } from '../../config.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
  messageId: string;
}

/** An error from the SMTP exchange; `responseCode` is set when the server answered. */
export type SmtpError = Error & { responseCode?: number; code?: string };

export interface SmtpClient {
  /**
   * Sends one message in a transaction of our own. `onFinalDot` runs synchronously at the moment
   * the final "." of the DATA phase has been handed to the kernel (it is in the socket's send
   * buffer, which the kernel delivers even if this process dies the next instant). Before that
   * moment the server has no complete message: a crash or a dropped connection makes it discard
   * what it got (RFC 5321 §4.1.1.4). `onFinalDot` never runs for a transaction that failed before.
   */
  send(mail: OutgoingEmail, onFinalDot: () => void): Promise<{ response: string }>;
  close(): void;
}

interface PooledConnection {
  smtp: SMTPConnection;
  messages: number;
  usable: boolean;
}

/** Longest pause between looks at a socket whose buffer is still draining. */
const MAX_POLL_MS = 50;

/**
 * The body stream handed to nodemailer's `SMTPConnection.send`. `SMTPConnection` pipes it into
 * its dot-stuffing stream, and that one into the socket, only after the server's 354, so `_read`
 * runs in the DATA phase. The dot-stuffing stream writes the final "." as it ends (from its
 * `_flush`, which we watch); once the socket's own buffer is empty the "." is in the kernel.
 */
class BodyWithFinalDot extends Readable {
  private started = false;

  constructor(
    private readonly body: Buffer,
    private readonly connection: SMTPConnection,
    private readonly onFinalDot: () => void,
  ) {
    super();
  }

  override _read() {
    if (this.started) return;
    this.started = true;
    const socket = this.connection._socket;
    // Private to nodemailer 10 (locked version): the dot-stuffing stream between us and the socket.
    const stuffing = (this.connection as unknown as { _currentDataStream?: Transform | false })
      ._currentDataStream;
    if (!socket || !stuffing) {
      this.destroy(new Error('the SMTP connection has no DATA stream'));
      return;
    }
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      this.onFinalDot();
    };
    // Written through to the kernel at once (libuv tries the write synchronously) unless the
    // kernel's buffer was full; then the rest leaves as the server reads, and we look again.
    const whenFlushed = (wait: number) => {
      if (socket.destroyed || told) return;
      if (socket.writableLength === 0) return tell();
      setTimeout(() => whenFlushed(Math.min(wait * 2, MAX_POLL_MS)), wait);
    };
    // The dot-stuffing stream pushes the "." from its `_flush`; when it is flowing, the push
    // hands the chunk to the pipe and so to `socket.write` before it returns, and we tell the
    // sender on the spot. The 'end' event (a tick later) covers a "." that was buffered.
    const dotStream = stuffing as Transform & { _flush?: (done: () => void) => void };
    const flush = dotStream._flush;
    if (typeof flush === 'function') {
      dotStream._flush = function (this: Transform, done: () => void) {
        const push = this.push;
        this.push = (chunk: unknown, encoding?: BufferEncoding) => {
          const accepted = push.call(this, chunk, encoding);
          this.push = push;
          if (this.readableLength === 0 && socket.writableLength === 0 && !socket.destroyed) tell();
          return accepted;
        };
        flush.call(this, done);
      };
    }
    stuffing.once('end', () => whenFlushed(1));
    this.push(this.body);
    this.push(null);
  }
}

/**
 * SMTP over nodemailer's `SMTPConnection`, used directly so that this code, not a chain of
 * streams, decides when the final "." is written. Honours `SMTP_URL`'s `pool`, `maxConnections`
 * and `maxMessages` like nodemailer's own pool (defaults 5 and 100); without `pool=true` each
 * message has a connection of its own.
 */
export function createSmtpClient(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): SmtpClient {
  const options = parseConnectionUrl(config.SMTP_URL) as SMTPConnection.Options & {
    pool?: boolean;
    maxConnections?: number;
    maxMessages?: number;
    auth?: SMTPConnection.AuthenticationType;
  };
  const pooled = options.pool === true;
  const maxConnections = pooled ? (options.maxConnections ?? 5) : Infinity;
  const maxMessages = pooled ? (options.maxMessages ?? 100) : 1;
  const idle: PooledConnection[] = [];
  const waiting: ((c: PooledConnection | null) => void)[] = [];
  let open = 0;
  let closed = false;

  function connect(): Promise<PooledConnection> {
    return new Promise((resolve, reject) => {
      const smtp = new SMTPConnection({ ...options, logger: false });
      const conn: PooledConnection = { smtp, messages: 0, usable: true };
      let ready = false;
      // SMTPConnection reports a failure both here and to the callback in flight; this listener
      // only keeps an 'error' event from being unhandled and retires the connection.
      smtp.on('error', (err: Error) => {
        conn.usable = false;
        if (!ready) reject(err);
      });
      smtp.on('end', () => {
        conn.usable = false;
        const i = idle.indexOf(conn);
        if (i >= 0) {
          idle.splice(i, 1);
          open -= 1;
        }
      });
      smtp.connect((err) => {
        if (err) return reject(err);
        const auth = options.auth;
        if (!auth || !smtp.allowsAuth) {
          ready = true;
          return resolve(conn);
        }
        smtp.login(auth, (loginErr) => {
          if (loginErr) {
            smtp.close();
            return reject(loginErr);
          }
          ready = true;
          resolve(conn);
        });
      });
    });
  }

  async function acquire(): Promise<PooledConnection> {
    for (;;) {
      if (closed) throw new Error('the SMTP client is closed');
      const reused = idle.pop();
      if (reused) {
        if (reused.usable && !reused.smtp.destroyed) return reused;
        open -= 1;
        continue;
      }
      if (open < maxConnections) {
        open += 1;
        try {
          return await connect();
        } catch (err) {
          open -= 1;
          wakeOne();
          throw err;
        }
      }
      const handed = await new Promise<PooledConnection | null>((resolve) => waiting.push(resolve));
      if (handed) return handed;
    }
  }

  /** A waiter gets a free slot (null: open a connection of its own). */
  function wakeOne() {
    waiting.shift()?.(null);
  }

  function release(conn: PooledConnection, reusable: boolean) {
    conn.messages += 1;
    if (reusable && conn.usable && !conn.smtp.destroyed && conn.messages < maxMessages && !closed) {
      const waiter = waiting.shift();
      if (waiter) waiter(conn);
      else idle.push(conn);
      return;
    }
    open -= 1;
    if (reusable && conn.usable) conn.smtp.quit();
    else conn.smtp.close();
    wakeOne();
  }

  return {
    async send(mail, onFinalDot) {
      const composer = new MailComposer({
        from: config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        attachments: mail.attachments,
        messageId: mail.messageId,
      }).compile();
      const body = await composer.build();
      const envelope = composer.getEnvelope();
      const conn = await acquire();
      return new Promise((resolve, reject) => {
        conn.smtp.send(
          { from: envelope.from || undefined, to: envelope.to, size: body.length },
          new BodyWithFinalDot(body, conn.smtp, onFinalDot),
          (err, info) => {
            // After a failure the session is in an unknown state (perhaps mid-DATA): never reuse it.
            release(conn, !err);
            if (err) reject(err as SmtpError);
            else resolve({ response: info.response ?? '' });
          },
        );
      });
    },
    close() {
      closed = true;
      for (const conn of idle.splice(0)) conn.smtp.quit();
      for (const w of waiting.splice(0)) w(null);
    },
  };
}
