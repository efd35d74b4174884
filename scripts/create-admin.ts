/**
 * Creates a platform admin, or promotes an existing account to admin.
 *
 *   npm run create-admin -- anna@example.se                 # prompts for the password (not echoed)
 *   echo 'a long passphrase' | npm run create-admin -- anna@example.se   # reads it from stdin
 *
 * A new account is created verified, with the password (same rules as registration). An existing
 * account is promoted and keeps its password (none is asked for). The action is audit-logged.
 * Uses the same configuration as the API (environment variables, see README "Configuration").
 *
 * Exit codes: 0 done, 1 bad usage or input (e.g. weak password), 2 configuration or connection error.
 */
import os from 'node:os';
import { z } from 'zod';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { createAccountsService } from '../server/modules/accounts/accounts.service.js';
import { createUsersRepository } from '../server/modules/accounts/users.repository.js';
import { closeDeps, createDeps, type Deps } from '../server/platform/deps.js';
import { AppError } from '../server/platform/errors.js';
import { syncAllIndexes } from '../server/platform/indexes.js';
import { createLogger } from '../server/platform/logger.js';

const USAGE = 'Usage: npm run create-admin -- <email>   (password from stdin, or prompted on a terminal)';

function fail(code: 1 | 2, message: string): never {
  console.error(message);
  process.exit(code);
}

/** Reads one line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden('Password for the new admin: ');
    const second = await promptHidden('Repeat the password: ');
    if (first !== second) fail(1, 'The passwords do not match.');
    return first;
  }
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return input.split(/\r?\n/)[0] ?? '';
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') fail(1, USAGE);
  const email = z.email().safeParse(args[0]!.trim().toLowerCase());
  if (!email.success) fail(1, `"${args[0]}" is not an email address.\n${USAGE}`);

  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(2, err.message);
    throw err;
  }
  let deps: Deps;
  try {
    deps = await createDeps(config, 'api', createLogger({ ...config, LOG_LEVEL: 'warn' }, 'create-admin'));
  } catch (err) {
    fail(2, `Cannot connect to MongoDB: ${err instanceof Error ? err.message : err}`);
  }
  let code = 0;
  try {
    const accounts = createAccountsService(deps);
    await syncAllIndexes(deps);
    const existing = await createUsersRepository(deps.mongo).findByEmail(email.data);
    const password = existing ? undefined : await readPassword();
    if (!existing && !password)
      throw new AppError(
        'password_required',
        'No password given (pipe it to stdin or run in a terminal).',
        400,
      );
    const origin = { userAgent: `create-admin CLI (${os.userInfo().username}@${os.hostname()})` };
    const { user, created } = await accounts.ensureAdmin(email.data, password, origin);
    console.log(
      created
        ? `Created admin ${user.email} (id ${user.id}).`
        : `${user.email} (id ${user.id}) is now an admin; the password is unchanged.`,
    );
  } catch (err) {
    if (err instanceof AppError) {
      const details = Array.isArray(err.details)
        ? (err.details as { message: string }[]).map((d) => ` ${d.message}`).join('')
        : '';
      console.error(`${err.message}${details}`);
      code = 1;
    } else {
      console.error(`create-admin failed: ${err instanceof Error ? err.message : err}`);
      code = 2;
    }
  } finally {
    await closeDeps(deps);
  }
  process.exit(code);
}

void main();
