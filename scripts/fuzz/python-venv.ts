/**
 * A project-local Python venv for a pinned tool (here: schemathesis), created on first use under
 * `.cache/` and installed with `pip --require-hashes`, so a clean clone gets exactly the
 * reviewed packages and the second run starts at once.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function run(command: string, args: string[], log: (m: string) => void): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    log(result.stdout);
    log(result.stderr);
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? 'none'}`);
  }
}

/**
 * Returns the venv's bin directory. The venv is rebuilt when the requirements file changes
 * (its hash is stored next to it), and checked by running `check` (e.g. `--version`).
 */
export function ensureVenv(options: {
  dir: string;
  requirements: string;
  check: { bin: string; args: string[]; expect: string };
  log: (m: string) => void;
}): string {
  const { dir, requirements, check, log } = options;
  const bin = path.join(dir, 'bin');
  const stamp = path.join(dir, '.requirements-sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (current !== wanted) {
    log(`creating ${path.relative(process.cwd(), dir)} (pip, pinned with hashes)`);
    rmSync(dir, { recursive: true, force: true });
    run('python3', ['-m', 'venv', dir], log);
    run(
      path.join(bin, 'python'),
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--require-hashes',
        '--only-binary=:all:',
        '-r',
        requirements,
      ],
      log,
    );
    writeFileSync(stamp, `${wanted}\n`);
  }
  const version = spawnSync(path.join(bin, check.bin), check.args, { encoding: 'utf8' });
  if (version.status !== 0 || !version.stdout.includes(check.expect)) {
    throw new Error(
      `${check.bin} ${check.args.join(' ')} did not print "${check.expect}": ${version.stdout}`,
    );
  }
  return bin;
}
