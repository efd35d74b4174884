import mongoose, { type ClientSession, type Connection } from 'mongoose';
import {
  questionModel,
  type QuestionDoc,
  type QuestionSource,
  type QuestionStatus,
} from './question.model.js';
import { oid, trusted } from '../../platform/mongo.js';

const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});

export interface Question {
  id: string;
  needId: string;
  networkId: string;
  source: QuestionSource;
  status: QuestionStatus;
  text: string;
  originalText: string;
  askedByOrgId?: string;
  askedByUserId?: string;
  receivedAt?: Date;
  answer?: { text: string; answeredAt: Date; answeredBy?: string; answeredByOrgId?: string };
  publishedAt?: Date;
  mergedInto?: string;
  mergedAt?: Date;
  rejectionReason?: string;
  rejectedAt?: Date;
  createdAt: Date;
}

export function toQuestion(doc: QuestionDoc): Question {
  return {
    id: String(doc._id),
    needId: String(doc.needId),
    networkId: String(doc.networkId),
    source: doc.source,
    status: doc.status,
    text: doc.text,
    originalText: doc.originalText,
    askedByOrgId: doc.askedByOrgId ? String(doc.askedByOrgId) : undefined,
    askedByUserId: doc.askedByUserId ? String(doc.askedByUserId) : undefined,
    receivedAt: doc.receivedAt ?? undefined,
    answer:
      doc.answer?.text && doc.answer.answeredAt
        ? {
            text: doc.answer.text,
            answeredAt: doc.answer.answeredAt,
            answeredBy: doc.answer.answeredBy ? String(doc.answer.answeredBy) : undefined,
            answeredByOrgId: doc.answer.answeredByOrgId ? String(doc.answer.answeredByOrgId) : undefined,
          }
        : undefined,
    publishedAt: doc.publishedAt ?? undefined,
    mergedInto: doc.mergedInto ? String(doc.mergedInto) : undefined,
    mergedAt: doc.mergedAt ?? undefined,
    rejectionReason: doc.rejectionReason ?? undefined,
    rejectedAt: doc.rejectedAt ?? undefined,
    createdAt: doc.createdAt,
  };
}

export interface NewQuestion {
  needId: string;
  networkId: string;
  source: QuestionSource;
  text: string;
  askedByOrgId?: string;
  askedByUserId?: string;
  receivedAt?: Date;
  answer?: { text: string; answeredAt: Date; answeredBy: string; answeredByOrgId?: string };
  publishedAt?: Date;
}

export interface QuestionsRepository {
  create(input: NewQuestion, tx?: ClientSession): Promise<Question>;
  findById(id: string, tx?: ClientSession): Promise<Question | null>;
  /** A need's questions: published ones, plus those of `askedByOrgIds`, or all when `all`. */
  listForNeed(needId: string, scope: { all: boolean; askedByOrgIds: string[] }): Promise<Question[]>;
  /** Changes a question only if its status is one of `from`; null otherwise. */
  transition(
    id: string,
    from: readonly QuestionStatus[],
    set: Record<string, unknown>,
    tx: ClientSession,
  ): Promise<Question | null>;
  mergedInto(id: string): Promise<Question[]>;
  mergedCounts(ids: string[]): Promise<Map<string, number>>;
  listForUser(userId: string): Promise<Question[]>;
  forgetUser(userId: string, tx: ClientSession): Promise<void>;
}

export function createQuestionsRepository(connection: Connection): QuestionsRepository {
  const model = questionModel(connection);
  return {
    async create(input, tx) {
      const [doc] = await model.create(
        [
          {
            ...input,
            originalText: input.text,
            status: input.publishedAt ? 'published' : 'pending',
            needId: oid(input.needId),
            networkId: oid(input.networkId),
            ...(input.askedByOrgId ? { askedByOrgId: oid(input.askedByOrgId) } : {}),
            ...(input.askedByUserId ? { askedByUserId: oid(input.askedByUserId) } : {}),
            ...(input.answer
              ? {
                  answer: {
                    ...input.answer,
                    answeredBy: oid(input.answer.answeredBy),
                    ...(input.answer.answeredByOrgId
                      ? { answeredByOrgId: oid(input.answer.answeredByOrgId) }
                      : {}),
                  },
                }
              : {}),
          },
        ],
        opts(tx),
      );
      return toQuestion(doc!.toObject() as QuestionDoc);
    },
    async findById(id, tx) {
      if (!mongoose.isValidObjectId(id)) return null;
      const doc = await model.findById(id, null, opts(tx)).lean<QuestionDoc>();
      return doc ? toQuestion(doc) : null;
    },
    async listForNeed(needId, scope) {
      const filter: Record<string, unknown> = { needId: oid(needId) };
      if (!scope.all) {
        filter.$or = [
          { status: 'published' },
          ...(scope.askedByOrgIds.length > 0
            ? [{ askedByOrgId: trusted({ $in: scope.askedByOrgIds.map(oid) }) }]
            : []),
        ];
      }
      const docs = await model
        .find(filter)
        .sort({ publishedAt: 1, createdAt: 1, _id: 1 })
        .lean<QuestionDoc[]>();
      return docs.map(toQuestion);
    },
    async transition(id, from, set, tx) {
      const doc = await model
        .findOneAndUpdate(
          { _id: oid(id), status: trusted({ $in: [...from] }) },
          { $set: set },
          { returnDocument: 'after', session: tx },
        )
        .lean<QuestionDoc>();
      return doc ? toQuestion(doc) : null;
    },
    async mergedInto(id) {
      return (await model.find({ mergedInto: oid(id) }).lean<QuestionDoc[]>()).map(toQuestion);
    },
    async mergedCounts(ids) {
      const result = new Map<string, number>();
      if (ids.length === 0) return result;
      const rows = await model.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([
        { $match: { mergedInto: { $in: ids.map(oid) } } },
        { $group: { _id: '$mergedInto', n: { $sum: 1 } } },
      ]);
      for (const row of rows) result.set(String(row._id), row.n);
      return result;
    },
    async listForUser(userId) {
      return (await model.find({ askedByUserId: oid(userId) }).lean<QuestionDoc[]>()).map(toQuestion);
    },
    async forgetUser(userId, tx) {
      // The question stays (it belongs to the need's public record); the person goes.
      await model.updateMany(
        { askedByUserId: oid(userId) },
        { $unset: { askedByUserId: 1 } },
        { session: tx },
      );
    },
  };
}
