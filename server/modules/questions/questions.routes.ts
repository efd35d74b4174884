import { requireUser } from '../../platform/auth/principal.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import {
  answerQuestionBody,
  askQuestionBody,
  externalQuestionBody,
  mergeQuestionBody,
  questionDto,
  questionListDto,
  rejectQuestionBody,
} from './questions.schemas.js';
import type { QuestionsService } from './questions.service.js';

const tags = ['Questions'];
const security = ['session', 'bearer'];
const error = (description: string) => ({ description, schema: errorBodySchema });
const denied = { 401: error('Not logged in'), 403: error('Not allowed') };
const hidden = error('Not found (also when it exists but is not visible to you)');

export function questionsRoutes(deps: { service: QuestionsService; authorizer: Authorizer }) {
  const { service, authorizer } = deps;
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/needs/:id/questions',
        summary: 'Ask a question about a published need (suppliers, until its questions deadline)',
        description:
          'The question is published with its answer to everyone; who asked is never shown to other suppliers. ' +
          '409 `questions_closed`; 403 `not_a_supplier`, `organisation_not_verified`.',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: askQuestionBody },
        status: 201,
        responses: {
          201: { description: 'Asked', schema: questionDto },
          ...denied,
          404: hidden,
          409: error('`questions_closed`'),
        },
      },
      async ({ params, body }, req) =>
        service.ask(await authorizer.subjectOf(req), params.id, body.question, body.organisationId),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/needs/:id/questions',
        summary: "A need's published questions and answers (plus your own; the network sees all)",
        tags,
        request: { params: idParams },
        responses: { 200: { description: 'Questions', schema: questionListDto }, 404: hidden },
      },
      async ({ params }, req) => service.list(await authorizer.subjectOf(req), params.id),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/needs/:id/questions/external',
        summary: 'Publish a question the network received outside the platform, with its answer',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: externalQuestionBody },
        status: 201,
        responses: { 201: { description: 'Published', schema: questionDto }, ...denied, 404: hidden },
      },
      async ({ params, body }, req) =>
        service.publishExternal(await authorizer.subjectOf(req), params.id, body),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/questions/:id/answer',
        summary: 'Answer a question (network members); by default the question is published with the answer',
        description:
          'Followers of the need and the asker are told. 409 `question_published`, `question_closed`.',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: answerQuestionBody },
        responses: {
          200: { description: 'Answered', schema: questionDto },
          ...denied,
          404: hidden,
          409: error('See description'),
        },
      },
      async ({ params, body }, req) => service.answer(await authorizer.subjectOf(req), params.id, body),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/questions/:id/merge',
        summary: 'Merge a duplicate into another question of the same need (network members)',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: mergeQuestionBody },
        responses: {
          200: { description: 'Merged', schema: questionDto },
          ...denied,
          404: hidden,
          409: error('`question_closed`'),
        },
      },
      async ({ params, body }, req) => service.merge(await authorizer.subjectOf(req), params.id, body.into),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/questions/:id/reject',
        summary: 'Decline a question with a reason (network members); the asker is told',
        tags,
        security,
        before: [requireUser],
        request: { params: idParams, body: rejectQuestionBody },
        responses: {
          200: { description: 'Declined', schema: questionDto },
          ...denied,
          404: hidden,
          409: error('`question_closed`'),
        },
      },
      async ({ params, body }, req) =>
        service.reject(await authorizer.subjectOf(req), params.id, body.reason),
    ),
  ];
}
