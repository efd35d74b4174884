import { loadConfig } from '../../server/config.js';
import { createBreaker } from '../../server/platform/embeddings/breaker.js';
import { needText, profileText, textHash } from '../../server/platform/embeddings/document-text.js';
import { fromBinary, toBinary } from '../../server/platform/embeddings/embeddings.repository.js';
import { createHttpEmbedder, isEmbedderUnavailable } from '../../server/platform/embeddings/index.js';
import { Lru } from '../../server/platform/embeddings/lru.js';

const base = {
  PUBLIC_BASE_URL: 'http://localhost',
  SESSION_SECRET: 'x'.repeat(32),
  MONGODB_URI: 'mongodb://127.0.0.1:27017/?replicaSet=rs0',
  MEILI_URL: 'http://127.0.0.1:7700',
  MEILI_MASTER_KEY: 'x'.repeat(16),
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:25',
};

describe('embeddings building blocks', () => {
  it('when the breaker has failed, then it refuses until the cooldown, lets one probe through and closes on success', () => {
    let now = 0;
    const breaker = createBreaker(1_000, () => now);
    breaker.failure();
    expect(breaker.allow()).toBe(false);
    now = 1_000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.success();
    expect(breaker.allow()).toBe(true);
    expect(breaker.isOpen()).toBe(false);
  });

  it('when the LRU is full, then the least recently used entry goes', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });

  it('when texts are built, then the most telling fields come first and the limit holds', () => {
    const need = needText(
      {
        title: 'Snöröjning',
        summary: 'Cykelvägar först.',
        requirements: ['Prognoser'],
        description: 'x'.repeat(5_000),
      },
      100,
    );
    const profile = profileText(
      {
        name: 'Broskådarna AB',
        pitch: 'Drönare för broinspektion',
        offerings: [{ name: 'Inspektion', description: 'Betong' }],
        keywords: ['bro', 'drönare'],
        references: [{ buyerName: 'Trafikverket', text: 'Tio broar' }],
      },
      1_000,
    );
    expect(need.startsWith('Snöröjning. Cykelvägar först.. Prognoser. xxx')).toBe(true);
    expect(need).toHaveLength(100);
    expect(profile).toBe(
      'Broskådarna AB. Drönare för broinspektion. Inspektion. Betong. bro, drönare. Trafikverket. Tio broar',
    );
    expect(textHash('m1', profile)).not.toBe(textHash('m2', profile));
    expect(textHash('m1', profile)).toBe(textHash('m1', `${profile}`));
  });

  it('when a vector is stored as float32, then it reads back at float32 precision', () => {
    const vector = [0.125, -0.5, 0.3333333432674408];
    expect(fromBinary(toBinary(vector))).toEqual(vector);
  });

  it('when embeddings are off or the endpoint is unreachable, then the error says the embedder is unavailable', async () => {
    const off = createHttpEmbedder(loadConfig(base));
    const unreachable = createHttpEmbedder(loadConfig({ ...base, EMBEDDINGS_URL: 'http://127.0.0.1:9/v1' }));

    const errors = await Promise.all([
      off.embed(['a'], 'query').catch((e: unknown) => e),
      unreachable.embed(['a'], 'passage').catch((e: unknown) => e),
      unreachable.embed(['a'], 'passage').catch((e: unknown) => e),
    ]);

    expect(errors.every(isEmbedderUnavailable)).toBe(true);
    expect((errors[2] as Error).message).toMatch(/skipped|unreachable/);
  });
});
