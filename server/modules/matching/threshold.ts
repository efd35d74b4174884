/**
 * The match threshold is a network's setting (networks/match-threshold.ts); matching reads it
 * from there. Re-exported here for matching's callers.
 */
export {
  createThresholds,
  DEFAULT_MATCH_THRESHOLD,
  matchThresholdSchema,
  thresholdOf,
  type Thresholds,
} from '../networks/match-threshold.js';
