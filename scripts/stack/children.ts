import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { signalTree, within } from './os-process.js';
import { guardChild, unguardChild } from './watchdog-client.js';

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Exit code (null when killed by a signal or when it could not start). */
  exited: Promise<number | null>;
  done: boolean;
}

export interface ChildGroupOptions {
  root: string;
  log: (msg: string) => void;
  /** Called when a long-running child exits while the group is not stopping. */
  onUnexpectedExit(child: Child, code: number | null, signal: NodeJS.Signals | null): void;
}

function prefixLines(stream: NodeJS.ReadableStream, prefix: string, out: NodeJS.WriteStream): void {
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    out.write(`${prefix} ${line}\n`);
  });
}

/**
 * Node programs run side by side (API, workers, client, benchmark drivers), their output
 * prefixed line by line, stopped in order, and killed by the watchdog if this process dies.
 */
export class ChildGroup {
  readonly children: Child[] = [];
  private stopping = false;

  constructor(private readonly opts: ChildGroupOptions) {}

  /** `oneShot` children (a seed script) are expected to exit: that is not reported. */
  start(name: string, prefix: string, argv: string[], env: NodeJS.ProcessEnv, oneShot = false): Child {
    // Own process group: a terminal Ctrl-C reaches only the parent, which stops children in order.
    const proc = spawn(process.execPath, argv, {
      cwd: this.opts.root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(proc.stdout!, prefix, process.stdout);
    prefixLines(proc.stderr!, prefix, process.stderr);
    const child: Child = { name, proc, done: false, exited: Promise.resolve(null) };
    child.exited = new Promise((resolve) => {
      proc.once('error', (err) => {
        this.opts.log(`${name} could not start: ${err.message}`);
        child.done = true;
        resolve(null);
      });
      proc.once('exit', (code, signal) => {
        child.done = true;
        if (proc.pid) unguardChild(proc.pid);
        if (oneShot) this.children.splice(this.children.indexOf(child), 1);
        else if (!this.stopping) this.opts.onUnexpectedExit(child, code, signal);
        resolve(code);
      });
    });
    if (proc.pid) guardChild(this.opts.root, { pid: proc.pid, group: true, match: 'node' });
    this.children.push(child);
    return child;
  }

  running(): string[] {
    return this.children.filter((ch) => !ch.done).map((ch) => ch.name);
  }

  /** SIGTERM to each leader (tsx relays it to the app and waits), SIGKILL after `timeoutMs`. */
  async stopAll(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.children.map(async (child) => {
        const pid = child.proc.pid;
        if (child.done || !pid) return;
        this.opts.log(`stopping ${child.name} (pid ${pid})`);
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        if (
          (await within(
            child.exited.then(() => true),
            timeoutMs,
          )) === undefined
        ) {
          this.opts.log(`${child.name} did not stop within ${timeoutMs / 1000} s: killing it`);
          signalTree(pid, 'SIGKILL');
          await within(child.exited, 3_000);
        }
        signalTree(pid, 'SIGKILL'); // leftovers in its group (esbuild, an app that ignored tsx)
      }),
    );
  }

  killAll(): void {
    this.stopping = true;
    for (const child of this.children)
      if (child.proc.pid && !child.done) signalTree(child.proc.pid, 'SIGKILL');
  }
}
