import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** Ports handed out by this process, so parallel callers never get the same one twice. */
const handedOut = new Set<number>();

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      // No IPv6 loopback on this machine: nothing can hold the port there either.
      resolve(err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT');
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function isFree(port: number): Promise<boolean> {
  return (await canListen(port, '127.0.0.1')) && (await canListen(port, '::1'));
}

function randomPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A TCP port that is free on the loopback interface right now: `preferred` when it is free,
 * otherwise one chosen by the OS. Never returns the same port twice within one process.
 */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred && !handedOut.has(preferred) && (await isFree(preferred))) {
    handedOut.add(preferred);
    return preferred;
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await randomPort();
    if (port && !handedOut.has(port) && (await isFree(port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('Could not find a free TCP port on 127.0.0.1');
}

/** Forget a port once its service has stopped, so a later start in this process may reuse it. */
export function releasePort(port: number): void {
  handedOut.delete(port);
}

/** A free port below Linux's ephemeral range (32768+), where outgoing connections never sit. */
async function stablePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!handedOut.has(port) && (await isFree(port))) {
      handedOut.add(port);
      return port;
    }
  }
  return freePort();
}

let portsFileQueue: Promise<unknown> = Promise.resolve();

async function readPorts(file: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The port for a service. `explicit` must be free. Otherwise ephemeral runs (no `profileDir`)
 * get any free port, and persistent profiles get the port they used last time when it is still
 * free, so URLs stay stable between runs (and MongoDB's replica-set config, which names
 * host:port, rarely needs rewriting). Remembered in `<profileDir>/ports.json`.
 */
export function reservePort(
  profileDir: string | undefined,
  name: string,
  explicit?: number,
): Promise<number> {
  const next = portsFileQueue.then(async () => {
    if (explicit) {
      const port = await freePort(explicit);
      if (port === explicit) return port;
      releasePort(port);
      throw new Error(`${name}: port ${explicit} is not free`);
    }
    if (!profileDir) return freePort();
    const file = path.join(profileDir, 'ports.json');
    const saved = await readPorts(file);
    const remembered = saved[name];
    let port: number;
    if (typeof remembered === 'number') port = await freePort(remembered);
    else port = await stablePort();
    if (port !== remembered) {
      saved[name] = port;
      await fs.mkdir(profileDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, `${JSON.stringify(saved, null, 2)}\n`);
      await fs.rename(tmp, file); // readers in other processes never see half a file
    }
    return port;
  });
  portsFileQueue = next.catch(() => undefined);
  return next;
}
