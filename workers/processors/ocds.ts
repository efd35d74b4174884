import path from 'node:path';
import { writeDump } from '../../server/modules/ocds/ocds.dump.js';
import { recordOcdsReleaseJob, writeOcdsDumpJob } from '../../server/modules/ocds/ocds.events.js';
import { ocdsServiceFor } from '../../server/modules/ocds/ocds.service.js';
import { createMeetingsRepository } from '../../server/modules/meetings/meetings.repository.js';
import { createQuestionsRepository } from '../../server/modules/questions/questions.repository.js';
import { defineProcessor } from '../define-worker.js';

/**
 * Re-reads the need (found through its meeting or question) and appends a release when its
 * public state changed; a repeat finds nothing new and appends nothing.
 */
export const recordOcdsReleaseProcessor = defineProcessor(
  recordOcdsReleaseJob,
  async ({ needId, meetingId, questionId, at }, { deps }) => {
    let id = needId;
    if (meetingId) id = (await createMeetingsRepository(deps.mongo).findById(meetingId))?.needId;
    if (questionId) id = (await createQuestionsRepository(deps.mongo).findById(questionId))?.needId;
    if (!id) return { result: 'gone' };
    return { needId: id, result: await ocdsServiceFor(deps).recordNeed(id, new Date(at)) };
  },
  { whileDown: 'wait' },
);

/**
 * Nightly (OCDS_DUMP_SCHEDULE): first records needs that have no release yet (bulk-loaded
 * data never went through the outbox), then writes the dated dump of every release.
 */
export const writeOcdsDumpProcessor = defineProcessor(
  writeOcdsDumpJob,
  async ({ at }, { deps, job, log }) => {
    const service = ocdsServiceFor(deps);
    const recorded = await service.recordMissing();
    const result = await writeDump(service, {
      dir: path.resolve(deps.config.OPEN_DATA_DIR),
      at: at ? new Date(at) : new Date(job.timestamp + (job.delay ?? 0)),
      keep: deps.config.OCDS_DUMPS_KEPT,
    });
    log.info({ ...result, recorded }, 'OCDS dump written');
    return { ...result, recorded };
  },
  { whileDown: 'wait' },
);
