import fs from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { profileDir, removeDir, serviceDataDir } from '../paths.js';
import { claimService, writePidFile } from '../pid-files.js';
import { guardPaths, unguardPaths } from '../watchdog-client.js';
import { releasePort, reservePort } from '../ports.js';
import { defaultLog, type RunningService, type StackOptions } from '../types.js';
import { createHttpHandler } from './http.js';
import { MailStore } from './store.js';

export type { CaughtAttachment, CaughtMessage } from './store.js';

interface Listener {
  listen(port: number, host: string, cb: () => void): unknown;
  once(event: 'error', listener: (err: Error) => void): unknown;
}

function listen(server: Listener, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
}

/**
 * In-process SMTP sink plus a small web UI and JSON API. Accepts any mail, with or without AUTH,
 * without TLS. Messages are kept as .eml files in .data/<profile>/mail (a tmp dir when ephemeral).
 */
export async function startMailCatcher(
  o: StackOptions & { smtpPort?: number; httpPort?: number },
): Promise<RunningService & { webUrl: string }> {
  const log = o.log ?? defaultLog;
  // In-process, so its "pid file" names this process: it only serves to refuse a second
  // catcher on the same persistent mail folder.
  await claimService(o, 'smtp', log);
  const pidFile = o.ephemeral
    ? undefined
    : await writePidFile(o, 'smtp', process.pid, 'in-process-mail-catcher');
  const dir = await serviceDataDir(o, 'mail');
  const guardKey = `mail-catcher:${dir}`;
  guardPaths(o.root, guardKey, o.ephemeral ? { dirs: [dir] } : { pidFile });
  const store = new MailStore(dir);
  const loaded = o.ephemeral ? 0 : await store.load();
  if (loaded) log(`mail catcher: ${loaded} earlier message(s) in ${path.relative(o.root, dir)}`);

  const smtp = new SMTPServer({
    banner: 'Behovstorget mail catcher',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', (err: Error) => callback(err));
      stream.once('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        store.add(Buffer.concat(chunks), envelope).then(
          (id) => callback(null, `Caught as ${id}`),
          (err: Error) => callback(err),
        );
      });
    },
  });
  smtp.on('error', (err: Error) => log(`mail catcher SMTP error: ${err.message}`));
  const web = http.createServer(createHttpHandler(store));

  const dirForPorts = o.ephemeral ? undefined : profileDir(o);
  const smtpPort = await reservePort(dirForPorts, 'smtp', o.smtpPort);
  const httpPort = await reservePort(dirForPorts, 'mail-web', o.httpPort);
  try {
    await Promise.all([listen(smtp, smtpPort), listen(web, httpPort)]);
  } catch (err) {
    smtp.close();
    web.close();
    if (pidFile) await fs.rm(pidFile, { force: true });
    if (o.ephemeral) await removeDir(dir);
    unguardPaths(guardKey);
    throw new Error(`mail catcher could not listen on ${smtpPort}/${httpPort}: ${(err as Error).message}`);
  }
  const webUrl = `http://127.0.0.1:${httpPort}/`;
  const version = `smtp-server ${(createRequire(path.join(o.root, 'package.json'))('smtp-server/package.json') as { version: string }).version}`;
  log(`mail catcher ready: smtp://127.0.0.1:${smtpPort}, web ${webUrl}`);

  let stopped: Promise<void> | undefined;
  return {
    name: 'smtp',
    url: `smtp://127.0.0.1:${smtpPort}`,
    webUrl,
    version,
    stop() {
      stopped ??= (async () => {
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
        web.closeAllConnections();
        await new Promise<void>((resolve) => web.close(() => resolve()));
        releasePort(smtpPort);
        releasePort(httpPort);
        if (pidFile) await fs.rm(pidFile, { force: true });
        if (o.ephemeral) await removeDir(dir);
        unguardPaths(guardKey);
      })();
      return stopped;
    },
  };
}
