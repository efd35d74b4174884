// Watchdog: a tiny detached process that outlives its parent by design. The parent (dev
// command, jest global setup, benchmark) registers every child process it starts by writing
// JSON lines to our stdin. When stdin closes, the parent is gone (normal exit, crash, kill -9):
// we stop whatever is still registered (SIGTERM, then SIGKILL), delete its ephemeral data and
// pid files, and exit. Plain Node, no dependencies: it must start without tsx.
import fs from 'node:fs';

/** @type {Map<string, { pid?: number, group?: boolean, match?: string, pidFile?: string, dirs?: string[] }>} */
const watched = new Map();
let buffered = '';
let cleaningUp = false;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function stillOurs(entry) {
  if (!entry.match) return true;
  try {
    return fs.readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8').includes(entry.match);
  } catch {
    return process.platform !== 'linux'; // no /proc: trust the pid
  }
}

function signal(entry, sig) {
  try {
    process.kill(entry.group ? -entry.pid : entry.pid, sig);
  } catch {
    try {
      process.kill(entry.pid, sig);
    } catch {
      // already gone
    }
  }
}

async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  const entries = [...watched.values()].filter(
    (e) => Number.isInteger(e.pid) && alive(e.pid) && stillOurs(e),
  );
  for (const e of entries) signal(e, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (entries.some((e) => alive(e.pid)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const e of entries) if (alive(e.pid)) signal(e, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 200));
  for (const e of watched.values()) {
    if (e.pidFile) fs.rmSync(e.pidFile, { force: true });
    for (const dir of e.dirs ?? []) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  process.exit(0);
}

function handle(line) {
  if (!line.trim()) return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  if (msg.op === 'add' && msg.key !== undefined) watched.set(String(msg.key), msg);
  if (msg.op === 'del') watched.delete(String(msg.key));
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let i;
  while ((i = buffered.indexOf('\n')) >= 0) {
    handle(buffered.slice(0, i));
    buffered = buffered.slice(i + 1);
  }
});
process.stdin.on('end', cleanup);
process.stdin.on('error', cleanup);
process.on('SIGTERM', cleanup);
// Terminal signals are the parent's business: it stops its children in order.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
