import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { userModel } from '../../server/modules/accounts/user.model.js';
import { auditModel } from '../../server/modules/audit/audit.model.js';
import { createUser, uniqueEmail } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('create-admin CLI', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  /** Runs `scripts/create-admin.ts` against this file's test database, piping `stdin` to it. */
  function run(
    args: string[],
    stdin: string,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const { config } = ctx;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/create-admin.ts', ...args], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PUBLIC_BASE_URL: config.PUBLIC_BASE_URL,
        SESSION_SECRET: config.SESSION_SECRET,
        MONGODB_DB: config.MONGODB_DB,
        QUEUE_PREFIX: config.QUEUE_PREFIX,
        MEILI_INDEX_PREFIX: config.MEILI_INDEX_PREFIX,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdin.end(stdin);
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  it('when run with an email and a password on stdin, then a verified admin exists who can log in', async () => {
    const email = uniqueEmail('admin');

    const result = await run(['--', email], 'Styrelsens-hemliga-nyckel-1\n');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created admin ${email}`);
    const user = await userModel(ctx.deps.mongo).findOne({ email }).lean();
    expect(user).toMatchObject({ isAdmin: true, emailVerifiedAt: expect.any(Date) });
    const login = await ctx
      .http()
      .post('/api/auth/login')
      .send({ email, password: 'Styrelsens-hemliga-nyckel-1' });
    expect(login.status).toBe(200);
    expect(login.body.user.isAdmin).toBe(true);
    expect(
      await auditModel(ctx.deps.mongo)
        .findOne({ action: 'admin.create', targetId: String(user!._id) })
        .lean(),
    ).toMatchObject({
      userAgent: expect.stringContaining('create-admin CLI'),
    });
  }, 60_000);

  it('when the account exists, then it is promoted and keeps its password', async () => {
    const existing = await createUser(ctx, { verified: false });

    const result = await run([existing.email], '');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('is now an admin');
    expect(await userModel(ctx.deps.mongo).findById(existing.id).lean()).toMatchObject({
      isAdmin: true,
      emailVerifiedAt: expect.any(Date),
    });
    expect(
      (await ctx.http().post('/api/auth/login').send({ email: existing.email, password: existing.password }))
        .status,
    ).toBe(200);
  }, 60_000);

  it('when the password is weak, then it exits 1 saying why and creates nobody', async () => {
    const email = uniqueEmail('weak');

    const result = await run([email], 'password123\n');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/too common/);
    expect(await userModel(ctx.deps.mongo).countDocuments({ email })).toBe(0);
  }, 60_000);

  it('when no password is piped in, then it exits 1 asking for one', async () => {
    const result = await run([uniqueEmail('nopass')], '');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No password given/);
  }, 60_000);

  it('when the argument is not an email, then it exits 1 with the usage', async () => {
    const result = await run(['not-an-email'], '');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Usage: npm run create-admin/);
  }, 60_000);
});
