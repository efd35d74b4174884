import type { Connection } from 'mongoose';
import type { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { inTransaction, type Outbox } from '../../platform/outbox/outbox.js';
import {
  supplierOrganisationIds,
  supplierOrganisationOf,
  type MeetingAccess,
} from '../meetings/meetings.access.js';
import type { LoadedNeed } from '../meetings/meetings.access.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { Authorizer } from '../policy/guards.js';
import { actingBuyerOrgIds, can } from '../policy/policy.js';
import type { Subject } from '../policy/subject.js';
import { questionEvents } from './questions.events.js';
import type { Question, QuestionsRepository } from './questions.repository.js';
import type {
  AnswerQuestionInput,
  ExternalQuestionInput,
  questionDto,
  questionListDto,
} from './questions.schemas.js';

export type QuestionDto = z.infer<typeof questionDto>;
export type QuestionListDto = z.infer<typeof questionListDto>;

export interface QuestionsServiceDeps {
  mongo: Connection;
  questions: QuestionsRepository;
  organisations: OrganisationsRepository;
  outbox: Outbox;
  authorizer: Authorizer;
  /** Need loading and visibility, shared with meetings. */
  access: Pick<MeetingAccess, 'loadNeed' | 'loadVisibleNeed'>;
}

interface Viewer {
  network: boolean;
  ownOrgIds: Set<string>;
}

/** Open for questions: published, not hidden, and before the questions deadline (if any). */
export function questionsOpen(loaded: LoadedNeed, now = new Date()): boolean {
  const { need } = loaded;
  if (need.status !== 'published' || need.hidden) return false;
  return !need.questionsDeadline || now <= need.questionsDeadline;
}

/**
 * The DTO is built from an allow-list: asker fields go out only to the network and, as `mine`,
 * to the asker's own organisation. Nothing else about the asker ever leaves this function.
 */
function toDto(q: Question, viewer: Viewer, askedCount: number, orgNames: Map<string, string>): QuestionDto {
  const mine = q.askedByOrgId !== undefined && viewer.ownOrgIds.has(q.askedByOrgId);
  return {
    id: q.id,
    needId: q.needId,
    question: q.text,
    ...(q.answer && (q.status === 'published' || viewer.network) ? { answer: q.answer.text } : {}),
    status: q.status,
    source: q.source,
    askedCount,
    ...(q.publishedAt ? { publishedAt: q.publishedAt.toISOString() } : {}),
    ...(q.answer && (q.status === 'published' || viewer.network)
      ? { answeredAt: q.answer.answeredAt.toISOString() }
      : {}),
    askedAt: (q.receivedAt ?? q.createdAt).toISOString(),
    mine,
    ...(q.mergedInto && (mine || viewer.network) ? { mergedInto: q.mergedInto } : {}),
    ...(q.rejectionReason && (mine || viewer.network) ? { rejectionReason: q.rejectionReason } : {}),
    ...(viewer.network && q.askedByOrgId
      ? { askedBy: { organisationId: q.askedByOrgId, organisationName: orgNames.get(q.askedByOrgId) ?? '' } }
      : {}),
    ...((viewer.network || mine) && q.originalText !== q.text ? { originalQuestion: q.originalText } : {}),
  };
}

const questionsClosed = () =>
  errors.conflict(
    'questions_closed',
    'Questions about this need are closed (its questions deadline has passed).',
  );

export function createQuestionsService(deps: QuestionsServiceDeps) {
  const { mongo, questions, organisations, outbox, authorizer, access } = deps;

  function answersFor(subject: Subject, loaded: LoadedNeed): boolean {
    return subject.principal !== null && can(subject, 'question.answer', loaded.resource);
  }

  async function loadForNetwork(subject: Subject, questionId: string) {
    const question = await questions.findById(questionId);
    if (!question) throw errors.notFound('question');
    const loaded = await access.loadNeed(question.needId);
    await authorizer.assertCan(subject, 'question.answer', loaded.resource);
    return { question, loaded };
  }

  async function view(subject: Subject, q: Question, network: boolean): Promise<QuestionDto> {
    const counts = await questions.mergedCounts([q.id]);
    const names = network && q.askedByOrgId ? await organisations.findByIds([q.askedByOrgId]) : [];
    return toDto(
      q,
      { network, ownOrgIds: new Set(supplierOrganisationIds(subject)) },
      1 + (counts.get(q.id) ?? 0),
      new Map(names.map((o) => [o.id, o.name])),
    );
  }

  function actingOrg(subject: Subject, loaded: LoadedNeed): string | undefined {
    const members = new Set(loaded.network.members.map((m) => m.organisationId));
    return actingBuyerOrgIds(subject).find((id) => members.has(id));
  }

  return {
    async ask(subject: Subject, needId: string, text: string, organisationId?: string): Promise<QuestionDto> {
      const loaded = await access.loadVisibleNeed(subject, needId);
      const askedByOrgId = supplierOrganisationOf(subject, organisationId);
      if (!questionsOpen(loaded)) throw questionsClosed();
      const created = await questions.create({
        needId,
        networkId: loaded.network.id,
        source: 'platform',
        text,
        askedByOrgId,
        askedByUserId: subject.principal!.userId,
      });
      return view(subject, created, false);
    },

    async list(subject: Subject, needId: string): Promise<QuestionListDto> {
      const loaded = await access.loadVisibleNeed(subject, needId);
      const network = answersFor(subject, loaded);
      const ownOrgIds = supplierOrganisationIds(subject);
      const list = await questions.listForNeed(needId, { all: network, askedByOrgIds: ownOrgIds });
      const counts = await questions.mergedCounts(list.map((q) => q.id));
      const askers = network
        ? [...new Set(list.flatMap((q) => (q.askedByOrgId ? [q.askedByOrgId] : [])))]
        : [];
      const names = new Map((await organisations.findByIds(askers)).map((o) => [o.id, o.name]));
      const viewer = { network, ownOrgIds: new Set(ownOrgIds) };
      return {
        items: list.map((q) => toDto(q, viewer, 1 + (counts.get(q.id) ?? 0), names)),
        questionsOpen: questionsOpen(loaded),
        ...(loaded.need.questionsDeadline
          ? { questionsDeadline: loaded.need.questionsDeadline.toISOString() }
          : {}),
      };
    },

    async answer(subject: Subject, questionId: string, input: AnswerQuestionInput): Promise<QuestionDto> {
      const { question, loaded } = await loadForNetwork(subject, questionId);
      if (question.status === 'published') {
        throw errors.conflict('question_published', 'The question and its answer are already published.');
      }
      if (question.status === 'merged' || question.status === 'rejected') {
        throw errors.conflict('question_closed', `The question is ${question.status}.`);
      }
      const now = new Date();
      const updated = await inTransaction(mongo, async (tx) => {
        const after = await questions.transition(
          questionId,
          ['pending', 'answered'],
          {
            text: input.question ?? question.text,
            answer: {
              text: input.answer,
              answeredAt: now,
              answeredBy: subject.principal!.userId,
              ...(actingOrg(subject, loaded) ? { answeredByOrgId: actingOrg(subject, loaded) } : {}),
            },
            status: input.publish ? 'published' : 'answered',
            ...(input.publish ? { publishedAt: now } : {}),
          },
          tx,
        );
        if (!after)
          throw errors.conflict('question_changed', 'The question was changed meanwhile; reload it.');
        if (input.publish) await outbox.record(tx, [questionEvents.published(questionId)]);
        return after;
      });
      return view(subject, updated, true);
    },

    async merge(subject: Subject, questionId: string, intoId: string): Promise<QuestionDto> {
      const { question } = await loadForNetwork(subject, questionId);
      const target = await questions.findById(intoId);
      if (!target || target.needId !== question.needId || intoId === questionId) {
        throw errors.validation([
          {
            location: 'body',
            path: 'into',
            message: 'Not another question of the same need.',
            code: 'invalid',
          },
        ]);
      }
      if (target.status === 'merged' || target.status === 'rejected') {
        throw errors.conflict('question_closed', `The target question is ${target.status}.`);
      }
      if (!['pending', 'answered'].includes(question.status)) {
        throw errors.conflict('question_closed', `The question is ${question.status}.`);
      }
      const updated = await inTransaction(mongo, async (tx) => {
        const after = await questions.transition(
          questionId,
          ['pending', 'answered'],
          { status: 'merged', mergedInto: target.id, mergedAt: new Date() },
          tx,
        );
        if (!after)
          throw errors.conflict('question_changed', 'The question was changed meanwhile; reload it.');
        // Merged into an answered, public question: its asker hears of that answer now.
        if (target.status === 'published')
          await outbox.record(tx, [questionEvents.published(target.id, questionId)]);
        return after;
      });
      return view(subject, updated, true);
    },

    async reject(subject: Subject, questionId: string, reason: string): Promise<QuestionDto> {
      await loadForNetwork(subject, questionId);
      const updated = await inTransaction(mongo, async (tx) => {
        const after = await questions.transition(
          questionId,
          ['pending', 'answered'],
          { status: 'rejected', rejectionReason: reason, rejectedAt: new Date() },
          tx,
        );
        if (!after) throw errors.conflict('question_closed', 'Only open questions can be declined.');
        await outbox.record(tx, [questionEvents.rejected(questionId)]);
        return after;
      });
      return view(subject, updated, true);
    },

    /** A question the network received elsewhere (email, phone, a meeting): published with its answer. */
    async publishExternal(
      subject: Subject,
      needId: string,
      input: ExternalQuestionInput,
    ): Promise<QuestionDto> {
      const loaded = await access.loadNeed(needId);
      await authorizer.assertCan(subject, 'question.answer', loaded.resource);
      if (loaded.need.status !== 'published' && loaded.need.status !== 'closed') {
        throw errors.conflict('need_not_published', 'Questions are published only on published needs.');
      }
      const now = new Date();
      const created = await inTransaction(mongo, async (tx) => {
        const q = await questions.create(
          {
            needId,
            networkId: loaded.network.id,
            source: 'external',
            text: input.question,
            receivedAt: input.receivedAt ?? now,
            answer: {
              text: input.answer,
              answeredAt: now,
              answeredBy: subject.principal!.userId,
              answeredByOrgId: actingOrg(subject, loaded),
            },
            publishedAt: now,
          },
          tx,
        );
        await outbox.record(tx, [questionEvents.published(q.id)]);
        return q;
      });
      return view(subject, created, true);
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;
