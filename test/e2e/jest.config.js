process.env.TZ = 'UTC';

/**
 * End-to-end journeys: playwright-core drives Debian's Chromium against the real stack (API serving
 * the production build, workers, MongoDB, Meilisearch, Redis, SMTP sink), started once by
 * ./global-setup.mjs. Run with `npm run test:e2e`. The main jest config ignores this folder.
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
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/e2e/global-setup.mjs',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.mjs',
  // Two journeys at a time (one browser each) on the two cores; journeys never assume an empty
  // database, so they may overlap.
  maxWorkers: 2,
  // A hang detector, not a speed check (speed is measured by the benchmarks): a journey of a
  // hundred browser steps took 70 s alone on a slow 2-core machine, longer beside another.
  testTimeout: 240_000,
  reporters: ['default', '<rootDir>/test/e2e/summary-reporter.cjs'],
};
