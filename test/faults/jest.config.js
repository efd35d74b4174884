process.env.TZ = 'UTC';

/**
 * Fault-injection suite: processes SIGKILLed mid-work, services stopped for minutes, replica-set
 * elections, Redis Cluster. Each test starts the real services it needs (the same stack library as
 * the main suite) and checks that nothing is lost or duplicated. Run with `npm run test:faults`;
 * the main jest config ignores this folder. Tests here wait on events (counts in MongoDB, the SMTP
 * sink's messages, process exits), never on sleeps tuned for an idle machine.
 * @type {import('jest').Config}
 */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: false }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  rootDir: '../..',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  roots: ['<rootDir>/test/faults'],
  testMatch: ['<rootDir>/test/faults/**/*.faults.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  // One scenario at a time: each runs several processes of its own on the two cores.
  maxWorkers: 1,
  // A hang detector only: an outage scenario keeps a service down for five minutes.
  testTimeout: 900_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
};
