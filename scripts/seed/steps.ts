import { organisationsSeed } from './10-organisations.js';
import { suppliersSeed } from './20-suppliers.js';
import { needsSeed } from './30-needs.js';
import { subscriptionsSeed } from './40-subscriptions.js';
import { meetingsSeed } from './50-meetings.js';
import { openDataSeed } from './60-open-data.js';
import type { SeedStep } from './types.js';

/**
 * The demo data, in order. Each feature adds its step (file `scripts/seed/<nn>-<feature>.ts`)
 * so that `npm run dev` shows everything that exists: realistic Swedish networks, needs,
 * suppliers, meetings and questions.
 */
export const seedSteps: SeedStep[] = [
  organisationsSeed,
  suppliersSeed,
  needsSeed,
  subscriptionsSeed,
  meetingsSeed,
  openDataSeed,
];
