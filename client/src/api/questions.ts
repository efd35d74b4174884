import { http } from './http';

const id = encodeURIComponent;

export type QuestionStatus = 'pending' | 'answered' | 'published' | 'merged' | 'rejected';

export interface Question {
  id: string;
  needId: string;
  question: string;
  answer?: string;
  status: QuestionStatus;
  source: 'platform' | 'external';
  askedCount: number;
  publishedAt?: string;
  answeredAt?: string;
  askedAt: string;
  mine: boolean;
  mergedInto?: string;
  rejectionReason?: string;
  /** Only for the network that owns the need. */
  askedBy?: { organisationId: string; organisationName: string };
  originalQuestion?: string;
}

export interface QuestionList {
  items: Question[];
  questionsOpen: boolean;
  questionsDeadline?: string;
}

export const needQuestions = (needId: string, signal?: AbortSignal) =>
  http.get<QuestionList>(`/api/needs/${id(needId)}/questions`, { signal });

/** `organisationId`: the verified supplier company asking (needed when the user has several). */
export const askQuestion = (needId: string, question: string, organisationId?: string) =>
  http.post<Question>(`/api/needs/${id(needId)}/questions`, {
    question,
    ...(organisationId ? { organisationId } : {}),
  });

export const answerQuestion = (
  questionId: string,
  body: { answer: string; question?: string; publish: boolean },
) => http.post<Question>(`/api/questions/${id(questionId)}/answer`, body);

export const mergeQuestion = (questionId: string, into: string) =>
  http.post<Question>(`/api/questions/${id(questionId)}/merge`, { into });

export const rejectQuestion = (questionId: string, reason: string) =>
  http.post<Question>(`/api/questions/${id(questionId)}/reject`, { reason });

export const publishExternalQuestion = (
  needId: string,
  body: { question: string; answer: string; receivedAt?: string },
) => http.post<Question>(`/api/needs/${id(needId)}/questions/external`, body);
