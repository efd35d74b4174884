import { trusted, type Connection, type Types } from 'mongoose';
import { meetingModel } from '../meetings/meeting.model.js';
import { needModel } from '../needs/need.model.js';
import { PUBLIC_STATUSES } from '../needs/needs.types.js';
import { networkModel } from '../networks/network.model.js';
import { questionModel } from '../questions/question.model.js';

/**
 * Reads only public data, each query with an explicit projection (a whitelist): contact persons,
 * askers, online-meeting links, registrations and members' users are never loaded, so no later
 * change to a column can leak them.
 */
export interface PublicNeedRow {
  id: string;
  networkId: string;
  networkName: string;
  title: string;
  summary: string;
  description: string;
  requirements: string[];
  desiredOutcomes: string;
  cpvCodes: string[];
  regions: string[];
  innovationType: string;
  stage: string;
  status: string;
  language: 'sv' | 'en';
  questionsDeadline?: Date;
  dialogueStart?: Date;
  dialogueEnd?: Date;
  plannedProcurementStart?: Date;
  demand: { value?: { amount?: number; currency?: string }; quantity?: { amount?: number; unit?: string } }[];
  publishedAt?: Date;
  closedAt?: Date;
  updatedAt: Date;
  outcome?: { result?: string; description?: string; results?: string; lessonsLearned?: string };
}

export interface PublicMeetingRow {
  id: string;
  need: PublicNeedRow;
  kind: string;
  status: string;
  title: string;
  agenda: string;
  format: string;
  address?: string;
  startsAt: Date;
  endsAt: Date;
  registrationDeadline: Date;
  capacity: number;
  language: string;
  summary?: {
    presented?: string;
    questionsAsked?: string;
    participantsCount?: number;
    changesToNeed?: string;
    publishedAt?: Date;
  };
  cancelledAt?: Date;
}

export interface PublicQuestionRow {
  id: string;
  need: PublicNeedRow;
  source: string;
  text: string;
  answer: string;
  answeredAt?: Date;
  publishedAt?: Date;
}

type Lean<T> = T & { _id: Types.ObjectId };
const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

export function createOpenDataRepository(connection: Connection) {
  const needs = needModel(connection);
  const networks = networkModel(connection);
  const meetings = meetingModel(connection);
  const questions = questionModel(connection);

  async function publicNeeds(): Promise<PublicNeedRow[]> {
    const docs = await needs
      .find(
        { status: trusted({ $in: [...PUBLIC_STATUSES] }), hidden: false },
        {
          networkId: 1,
          title: 1,
          summary: 1,
          description: 1,
          requirements: 1,
          desiredOutcomes: 1,
          cpvCodes: 1,
          regions: 1,
          innovationType: 1,
          stage: 1,
          status: 1,
          language: 1,
          questionsDeadline: 1,
          dialoguePeriod: 1,
          plannedProcurementStart: 1,
          demand: 1,
          publishedAt: 1,
          closedAt: 1,
          updatedAt: 1,
          outcome: 1,
        },
      )
      .sort({ publishedAt: 1, _id: 1 })
      .lean();
    const nets = await networks
      .find(
        { _id: trusted({ $in: [...new Set(docs.map((d) => d.networkId))] }), status: 'approved' },
        { name: 1 },
      )
      .lean();
    const names = new Map(nets.map((n) => [String(n._id), n.name]));
    return docs
      .filter((d) => names.has(String(d.networkId)))
      .map((d) => ({
        id: String(d._id),
        networkId: String(d.networkId),
        networkName: names.get(String(d.networkId))!,
        title: d.title,
        summary: d.summary ?? '',
        description: d.description ?? '',
        requirements: d.requirements ?? [],
        desiredOutcomes: d.desiredOutcomes ?? '',
        cpvCodes: d.cpvCodes ?? [],
        regions: d.regions ?? [],
        innovationType: d.innovationType,
        stage: d.stage,
        status: d.status,
        language: d.language,
        questionsDeadline: opt(d.questionsDeadline),
        dialogueStart: opt(d.dialoguePeriod?.start),
        dialogueEnd: opt(d.dialoguePeriod?.end),
        plannedProcurementStart: opt(d.plannedProcurementStart),
        demand: (d.demand ?? []).map((r) => ({
          value: { amount: opt(r.value?.amount), currency: opt(r.value?.currency) },
          quantity: { amount: opt(r.quantity?.amount), unit: opt(r.quantity?.unit) },
        })),
        publishedAt: opt(d.publishedAt),
        closedAt: opt(d.closedAt),
        updatedAt: d.updatedAt,
        outcome: d.outcome?.result
          ? {
              result: d.outcome.result,
              description: opt(d.outcome.description),
              results: opt(d.outcome.results),
              lessonsLearned: opt(d.outcome.lessonsLearned),
            }
          : undefined,
      }));
  }

  return {
    publicNeeds,

    async publicMeetings(): Promise<PublicMeetingRow[]> {
      const byId = new Map((await publicNeeds()).map((n) => [n.id, n]));
      const docs = await meetings
        .find(
          {
            needId: trusted({ $in: [...byId.keys()] }),
            status: trusted({ $in: ['scheduled', 'cancelled'] }),
          },
          {
            needId: 1,
            kind: 1,
            status: 1,
            title: 1,
            agenda: 1,
            format: 1,
            address: 1,
            startsAt: 1,
            endsAt: 1,
            registrationDeadline: 1,
            capacity: 1,
            language: 1,
            summary: 1,
            cancelledAt: 1,
          },
        )
        .sort({ startsAt: 1, _id: 1 })
        .lean<Lean<PublicMeetingRow & { needId: Types.ObjectId }>[]>();
      return docs.map((d) => ({
        id: String(d._id),
        need: byId.get(String(d.needId))!,
        kind: d.kind,
        status: d.status,
        title: d.title,
        agenda: d.agenda ?? '',
        format: d.format,
        address: opt(d.address),
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        registrationDeadline: d.registrationDeadline,
        capacity: d.capacity,
        language: d.language,
        summary: d.summary?.publishedAt ? d.summary : undefined,
        cancelledAt: opt(d.cancelledAt),
      }));
    },

    async answeredQuestions(): Promise<PublicQuestionRow[]> {
      const byId = new Map((await publicNeeds()).map((n) => [n.id, n]));
      const docs = await questions
        .find(
          {
            needId: trusted({ $in: [...byId.keys()] }),
            status: 'published',
            'answer.text': trusted({ $exists: true }),
          },
          { needId: 1, source: 1, text: 1, 'answer.text': 1, 'answer.answeredAt': 1, publishedAt: 1 },
        )
        .sort({ publishedAt: 1, _id: 1 })
        .lean<
          Lean<{
            needId: Types.ObjectId;
            source: string;
            text: string;
            answer?: { text?: string; answeredAt?: Date };
            publishedAt?: Date;
          }>[]
        >();
      return docs.map((d) => ({
        id: String(d._id),
        need: byId.get(String(d.needId))!,
        source: d.source,
        text: d.text,
        answer: d.answer?.text ?? '',
        answeredAt: opt(d.answer?.answeredAt),
        publishedAt: opt(d.publishedAt),
      }));
    },
  };
}

export type OpenDataRepository = ReturnType<typeof createOpenDataRepository>;
