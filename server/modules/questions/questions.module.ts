import type { Deps } from '../../platform/deps.js';
import { createOutbox } from '../../platform/outbox/outbox.js';
import type { MeetingAccess } from '../meetings/meetings.access.js';
import { createOrganisationsRepository } from '../organisations/organisations.repository.js';
import type { Authorizer } from '../policy/guards.js';
import { questionsPersonalData } from './questions.personal-data.js';
import { createQuestionsRepository } from './questions.repository.js';
import { questionsRoutes } from './questions.routes.js';
import { createQuestionsService } from './questions.service.js';

/** Equal-treatment Q&A on published needs, wired. Need loading is shared with meetings. */
export function createQuestionsModule(
  deps: Pick<Deps, 'mongo'>,
  authorizer: Authorizer,
  access: MeetingAccess,
) {
  const questions = createQuestionsRepository(deps.mongo);
  const service = createQuestionsService({
    mongo: deps.mongo,
    questions,
    organisations: createOrganisationsRepository(deps.mongo),
    outbox: createOutbox(deps.mongo),
    authorizer,
    access,
  });
  return {
    repositories: { questions },
    service,
    personalData: questionsPersonalData({ questions }),
    endpoints: questionsRoutes({ service, authorizer }),
  };
}

export type QuestionsModule = ReturnType<typeof createQuestionsModule>;
