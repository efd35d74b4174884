import type { Processor } from '../define-worker.js';
import { sendEmailProcessor } from './send-email.js';
import { syncSearchIndexProcessor } from './sync-search-index.js';

/** Every job processor the workers process runs. */
export const processors: Processor[] = [sendEmailProcessor, syncSearchIndexProcessor];
