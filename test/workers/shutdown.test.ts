import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { slowJob } from '../fixtures/slow-job.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('workers process shutdown', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when SIGTERM arrives during a job, then the job finishes before the process exits 0', async () => {
    const { config } = ctx;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/slow-worker.ts'], {
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
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await ctx.deps.queues.add(slowJob, { ms: 1_500, mark: 'sigterm' }, { jobId: 'slow-1' });
      const marks = ctx.deps.mongo.collection('test_marks');
      const deadline = Date.now() + 20_000;
      while (!(await marks.findOne({ mark: 'sigterm', event: 'started' }))) {
        if (Date.now() > deadline) throw new Error('the slow job never started');
        await new Promise((r) => setTimeout(r, 25));
      }

      child.kill('SIGTERM');
      const code = await exited;

      expect(code).toBe(0);
      expect(await marks.findOne({ mark: 'sigterm', event: 'finished' })).not.toBeNull();
      const job = await ctx.deps.queues.get('maintenance').getJob('slow-1');
      expect(await job?.getState()).toBe('completed');
      expect(job?.returnvalue).toEqual({ slept: 1_500 });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
