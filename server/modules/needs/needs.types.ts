import type {
  currencies,
  innovationTypes,
  needLanguages,
  needStages,
  needStatuses,
  outcomeResults,
} from './need.model.js';

export type NeedStatus = (typeof needStatuses)[number];
export type NeedStage = (typeof needStages)[number];
export type InnovationType = (typeof innovationTypes)[number];
export type NeedLanguage = (typeof needLanguages)[number];
export type Currency = (typeof currencies)[number];
export type OutcomeResult = (typeof outcomeResults)[number];

/** Statuses the public may see (unless the need is hidden by reports). */
export const PUBLIC_STATUSES: readonly NeedStatus[] = ['published', 'closed'];

export function isPublic(need: Pick<Need, 'status' | 'hidden'>): boolean {
  return PUBLIC_STATUSES.includes(need.status) && !need.hidden;
}

export interface DemandRow {
  organisationId: string;
  quantity?: { amount: number; unit: string };
  value?: { amount: number; currency: Currency };
  timeframe?: { from?: Date; to?: Date };
}

/** What the network writes and edits. */
export interface NeedContent {
  buyerGroupId?: string | null;
  title: string;
  summary: string;
  description: string;
  requirements: string[];
  desiredOutcomes: string;
  cpvCodes: string[];
  regions: string[];
  innovationType: InnovationType;
  stage: NeedStage;
  questionsDeadline?: Date | null;
  dialoguePeriod?: { start?: Date; end?: Date } | null;
  plannedProcurementStart?: Date | null;
  language: NeedLanguage;
  contact?: { name: string; email: string; phone?: string } | null;
  attachments: { title: string; url: string }[];
  demand: DemandRow[];
}

export interface NeedOutcome {
  result: OutcomeResult;
  description: string;
  results?: string;
  lessonsLearned?: string;
}

export interface Need extends Omit<
  NeedContent,
  'buyerGroupId' | 'questionsDeadline' | 'dialoguePeriod' | 'plannedProcurementStart' | 'contact'
> {
  id: string;
  networkId: string;
  buyerGroupId?: string;
  status: NeedStatus;
  hidden: boolean;
  hiddenAt?: Date;
  openReports: number;
  version: number;
  cpvAll: string[];
  regionsAll: string[];
  questionsDeadline?: Date;
  dialoguePeriod?: { start?: Date; end?: Date };
  plannedProcurementStart?: Date;
  contact?: { name: string; email: string; phone?: string };
  createdBy?: string;
  createdByOrgId?: string;
  submittedAt?: Date;
  publishedAt?: Date;
  rejection?: { reason: string; at?: Date; by?: string };
  closedAt?: Date;
  outcome?: NeedOutcome;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewNeed extends Partial<NeedContent> {
  networkId: string;
  title: string;
  summary: string;
  cpvAll: string[];
  regionsAll: string[];
  createdBy?: string;
  createdByOrgId?: string;
  /** Only for bulk seeding (benchmarks, demo data); the service always starts at draft. */
  status?: NeedStatus;
  publishedAt?: Date;
  submittedAt?: Date;
}

export interface NeedChange {
  id: string;
  needId: string;
  organisationId?: string;
  userId?: string;
  version: number;
  note?: string;
  fields: { field: string; before: unknown; after: unknown }[];
  at: Date;
}

export interface NeedReport {
  id: string;
  needId: string;
  userId: string;
  /** The reporter's verified organisation when they reported (absent: none). */
  organisationId?: string;
  reason: string;
  status: 'open' | 'dismissed' | 'upheld';
  createdAt: Date;
  resolvedAt?: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PublicNeedFilter {
  /** Lower-cased words that must all occur in the text (degraded search only). */
  words?: string[];
  cpv?: string[];
  regions?: string[];
  networks?: string[];
  stages?: NeedStage[];
  innovationTypes?: InnovationType[];
}

export type PublicNeedSort = 'relevance' | 'published_desc' | 'published_asc' | 'deadline_asc';
