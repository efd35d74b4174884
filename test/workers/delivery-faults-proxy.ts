/**
 * A TCP proxy between the workers and the SMTP sink that can hold back the sink's replies
 * (a slow or stalled mail server). The sink itself is untouched and still stores every message
 * whose final "." reaches it. Used to kill a worker at a moment when every SMTP transaction in
 * flight is waiting for the server: before the final "." (the server will throw the message
 * away) or after it (the server has it).
 */
import net from 'node:net';

export interface FreezeProxy {
  url: string;
  /** Stop forwarding server → client bytes (they are kept and sent on thaw). */
  freeze(): void;
  /** Freeze right after the next final "." passes to the server, so its 250 is held back. */
  freezeAfterNextMessage(): Promise<void>;
  /** Connections whose final "." reached the server and whose reply the client has not had. */
  dotsAwaitingReply(): number;
  /** Connections that had the server's 354 and have not sent the final "." yet (mid-body). */
  dataInProgress(): number;
  thaw(): void;
  close(): Promise<void>;
}

export async function startFreezeProxy(target: string): Promise<FreezeProxy> {
  const { hostname, port } = new URL(target);
  let frozen = false;
  let armed: (() => void) | null = null;
  const held: { socket: net.Socket; data: Buffer }[] = [];
  const sockets = new Set<net.Socket>();
  const awaitingReply = new Set<net.Socket>();
  const inData = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    // The final "." may come in a chunk of its own (".\r\n" after a body ending in CRLF).
    let tail = Buffer.alloc(0);
    client.on('data', (d: Buffer) => {
      upstream.write(d);
      const seen = Buffer.concat([tail, d]);
      tail = seen.subarray(Math.max(0, seen.length - 4));
      if (!seen.includes('\r\n.\r\n')) return;
      inData.delete(client);
      awaitingReply.add(client);
      if (armed) {
        frozen = true;
        armed();
        armed = null;
      }
    });
    upstream.on('data', (d: Buffer) => {
      if (frozen) held.push({ socket: client, data: d });
      else {
        client.write(d);
        awaitingReply.delete(client);
        // Replies are short lines; a 354 starts the body (pipelined replies may precede it).
        if (/(^|\n)354[ -]/.test(d.toString('latin1'))) inData.add(client);
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      inData.delete(client);
    };
    // A client that dies closes its side; the sink then sees the connection drop.
    client.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
    upstream.on('close', () => {
      if (!frozen) end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    freeze() {
      frozen = true;
    },
    dotsAwaitingReply: () => awaitingReply.size,
    dataInProgress: () => inData.size,
    freezeAfterNextMessage() {
      return new Promise<void>((resolve) => {
        armed = resolve;
      });
    },
    thaw() {
      frozen = false;
      for (const { socket, data } of held.splice(0)) if (!socket.destroyed) socket.write(data);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
