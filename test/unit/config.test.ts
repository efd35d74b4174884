import { ConfigError, loadConfig } from '../../server/config.js';
import { licenceUrl } from '../../server/platform/licences.js';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/?replicaSet=rs0',
  MEILI_URL: 'http://127.0.0.1:7700',
  MEILI_MASTER_KEY: 'a-master-key-of-some-length',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  PUBLIC_BASE_URL: 'http://localhost:3000',
  SESSION_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('when every required variable is valid, then defaults fill the rest', () => {
    const config = loadConfig(valid);

    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.MONGODB_DB).toBe('behovstorget');
  });

  it('when the open-data variables are unset, then the OCDS prefix is the marked placeholder; a bad prefix or licence is named', () => {
    const config = loadConfig(valid);
    const run = () => loadConfig({ ...valid, OCDS_PREFIX: 'behovstorget-', OPEN_DATA_LICENSE_URL: 'cc0' });
    const unknownLicence = () => loadConfig({ ...valid, OPEN_DATA_LICENSE: 'LicenseRef-kommunen' });

    expect(config.OCDS_PREFIX).toBe('ocds-xxxxxx-behovstorget-');
    expect(config.OPEN_DATA_DIR).toBe('.data/open-data');
    expect(config.OPEN_DATA_LICENSE).toBe('CC0-1.0');
    expect(licenceUrl(config)).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    expect(run).toThrow(/OCDS_PREFIX: must be an OCDS prefix such as ocds-a1b2c3-behovstorget-/);
    expect(run).toThrow(/OPEN_DATA_LICENSE_URL: must be a URL/);
    expect(unknownLicence).toThrow(
      /OPEN_DATA_LICENSE_URL: required when OPEN_DATA_LICENSE is not one of CC0-1.0/,
    );
  });

  it('when variables are missing or bad, then the error names each one and what it expects', () => {
    const run = () =>
      loadConfig({
        ...valid,
        MONGODB_URI: undefined,
        REDIS_URL: 'http://wrong',
        SESSION_SECRET: 'short',
        PORT: 'abc',
      });

    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (err) {
      const problems = (err as ConfigError).problems.map((p) => p.variable).sort();
      expect(problems).toEqual(['MONGODB_URI', 'PORT', 'REDIS_URL', 'SESSION_SECRET']);
      expect((err as ConfigError).message).toMatch(/MONGODB_URI: required: a URL such as mongodb:\/\//);
      expect((err as ConfigError).message).toMatch(/REDIS_URL: must be a URL starting with redis:\/\//);
      expect((err as ConfigError).message).toMatch(/SESSION_SECRET: must be at least 32 characters/);
    }
  });

  it('when a variable is set to the empty string, then it counts as unset', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });

  it('when MONGODB_URI is a replica set seed list, then it is accepted as the driver would', () => {
    const uri = 'mongodb://10.0.0.1:27017,10.0.0.2:27017,10.0.0.3:27017/?replicaSet=rs0';
    expect(loadConfig({ ...valid, MONGODB_URI: uri }).MONGODB_URI).toBe(uri);
  });

  it('when REDIS_CLUSTER_NODES is set, then QUEUE_HASH_TAG must put the queue keys in one slot', () => {
    const cluster = { ...valid, REDIS_CLUSTER_NODES: '10.0.0.1:6379, 10.0.0.2:6379' };
    expect(() => loadConfig(cluster)).toThrow(/QUEUE_HASH_TAG: must be `queue` or `prefix`/);
    const config = loadConfig({ ...cluster, QUEUE_HASH_TAG: 'queue' });
    expect(config.REDIS_CLUSTER_NODES).toEqual(['10.0.0.1:6379', '10.0.0.2:6379']);
    expect(() => loadConfig({ ...cluster, REDIS_CLUSTER_NODES: 'redis://x' })).toThrow(/host:port/);
  });
});
