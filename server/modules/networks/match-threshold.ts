import { z } from 'zod';
import type { Connection } from 'mongoose';
import { networkModel } from './network.model.js';

/**
 * The score a match needs to count as a strong match: only those are listed above the line on
 * the matches page, invited to dialogue meetings and told by instant and digest match emails.
 * Calibrated on the evaluation set (README, "Matching"): no supplier of a need without a good
 * supplier reaches it, while most highly relevant ones do.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.55;

export const matchThresholdSchema = z.number().min(0.1).max(0.9).meta({
  description:
    'Matches scoring at least this (0–1) are strong: listed above the line, invited to meetings, emailed. Default 0.55.',
});

export interface Thresholds {
  forNetwork(networkId: string): Promise<number>;
}

export function thresholdOf(network: { matchThreshold?: number | null } | null | undefined): number {
  return network?.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
}

export function createThresholds(mongo: Connection): Thresholds {
  const model = networkModel(mongo);
  return {
    async forNetwork(networkId) {
      const doc = await model.findById(networkId, { matchThreshold: 1 }).lean();
      return thresholdOf(doc as { matchThreshold?: number } | null);
    },
  };
}
