import { Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import { startRedisCluster, type RedisCluster } from '../../scripts/stack/index.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { createRedis } from '../../server/platform/redis.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { prepareFanOut, waitForSettled } from './helpers/fanout.js';
import { progressLog } from './helpers/progress.js';
import {
  childEnv,
  root,
  startApiProcess,
  startWorkersProcess,
  stopAll,
  type AppProcess,
} from './helpers/processes.js';
import { startCountingSink, type CountingSink } from './helpers/smtp-sink.js';

/**
 * BullMQ on a Redis Cluster of three masters (Debian's redis-server with --cluster-enabled).
 * BullMQ's scripts touch many keys of one queue at once; a cluster runs them only when the keys
 * share a hash slot, which QUEUE_HASH_TAG=queue gives (bt:{email}:email:…), one slot per queue.
 */
const log = (msg: string) => process.stdout.write(`[cluster] ${msg}\n`);

describe('Redis Cluster of three masters', () => {
  let cluster: RedisCluster;

  beforeAll(async () => {
    cluster = await startRedisCluster({ root, profile: 'faults-cluster', ephemeral: true, masters: 3 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('when queue keys carry no hash tag, then the configuration is refused, and BullMQ on the cluster fails with CROSSSLOT', async () => {
    const env = { ...process.env, REDIS_CLUSTER_NODES: cluster.nodes.join(','), QUEUE_HASH_TAG: 'none' };
    expect(() =>
      loadConfig({ ...env, PUBLIC_BASE_URL: 'http://localhost:3000', SESSION_SECRET: 'x'.repeat(32) }),
    ).toThrow(ConfigError);

    const redis = createRedis({ REDIS_URL: cluster.url, REDIS_CLUSTER_NODES: cluster.nodes }, 'worker', 't');
    const queue = new Queue('email', { connection: redis, prefix: 'untagged' });
    try {
      await expect(queue.add('send-email', {})).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });

  describe('with QUEUE_HASH_TAG=queue', () => {
    let sink: CountingSink;
    let ctx: TestContext;
    const procs: AppProcess[] = [];

    beforeEach(async () => {
      sink = await startCountingSink();
      ctx = await createTestContext({
        env: {
          REDIS_URL: cluster.url,
          REDIS_CLUSTER_NODES: cluster.nodes.join(','),
          QUEUE_HASH_TAG: 'queue',
          SMTP_URL: sink.url,
        },
      });
    });
    afterEach(async () => {
      await stopAll(procs.splice(0));
      await ctx.close();
      await sink.close();
    });

    it('when an API process runs on the cluster, then it is ready and its login limits count in the cluster', async () => {
      // Arrange
      const api = await startApiProcess('cluster-api', childEnv(ctx.config));
      procs.push(api);
      const login = () =>
        fetch(`${api.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            email: 'nobody@test.behovstorget.se',
            password: 'wrong-password-1',
            client: 'api',
          }),
        }).then((r) => r.status);

      // Act
      const ready = await fetch(`${api.url}/readyz`);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push(await login());

      // Assert: ten failures allowed per account and window, the eleventh refused
      expect(ready.status).toBe(200);
      expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    });

    it('when one of two workers is SIGKILLed in the middle of a 1,000-recipient fan-out, then every recipient gets exactly one email and the queues are spread over the masters', async () => {
      // Arrange
      const fan = await prepareFanOut(ctx, 1000);
      const env = childEnv(ctx.config);
      const [a, b] = await Promise.all([
        startWorkersProcess('cluster-workers-a', env),
        startWorkersProcess('cluster-workers-b', env),
      ]);
      procs.push(a, b);
      const started = Date.now();

      // Act
      await fan.publish();
      await sink.waitFor(300, fan.isOurs);
      await a.kill();
      log(`workers A SIGKILLed with ${sink.total(fan.isOurs)}/1000 emails received`);
      const settled = await waitForSettled(ctx, 1000, progressLog('cluster'));

      // Assert
      const perRecipient = fan.emails.map((e) => sink.perRecipient.get(e) ?? 0);
      const lost = perRecipient.filter((n) => n === 0).length;
      const duplicated = perRecipient.filter((n) => n > 1).length;
      const uncertain = await deliveryModel(ctx.deps.mongo).countDocuments({ uncertain: true });
      const masters = (ctx.deps.redis as Cluster).nodes('master');
      const keysPerMaster = await Promise.all(
        masters.map(async (node) => (await node.keys(`${ctx.config.QUEUE_PREFIX}:{*`)).length),
      );
      log(
        `fan-out of 1000 settled in ${((Date.now() - started) / 1000).toFixed(1)} s: ${lost} lost, ` +
          `${duplicated} duplicated, ${uncertain} uncertain; queue keys per master ${JSON.stringify(keysPerMaster)}`,
      );
      expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
      expect(settled).toMatchObject({ total: 1000, sent: 1000, failed: 0 });
      expect(keysPerMaster.filter((n) => n > 0).length).toBeGreaterThan(1);
    });
  });
});
