import type { z } from 'zod';
import { label } from '../reference/cpv.js';
import type { NeedView } from './needs.access.js';
import type { NeedSearchHit, NeedSearchResult } from './needs-search.js';
import { demandTotals } from './needs.lifecycle.js';
import type { ModerationItem } from './needs-moderation.service.js';
import type {
  moderationItemDto,
  needChangeDto,
  needDto,
  needListDto,
  needSearchDto,
  needSummaryDto,
} from './needs.schemas.js';
import type { Need, NeedChange } from './needs.types.js';

type NeedDto = z.infer<typeof needDto>;

const day = (d: Date) => d.toISOString().slice(0, 10);
const iso = (d: Date) => d.toISOString();

export function toNeedDto(view: NeedView): NeedDto {
  const { need, network, internal } = view;
  const orgName = (id: string) => view.organisationNames.get(id) ?? '';
  return {
    id: need.id,
    status: need.status,
    ...(internal ? { hidden: need.hidden } : {}),
    version: need.version,
    network: { id: network.id, name: network.name },
    ...(view.buyerGroup ? { buyerGroup: view.buyerGroup } : {}),
    title: need.title,
    summary: need.summary,
    description: need.description,
    requirements: need.requirements,
    desiredOutcomes: need.desiredOutcomes,
    cpvCodes: need.cpvCodes,
    cpv: need.cpvCodes.map((code) => ({
      code,
      label: { sv: label(code, 'sv') ?? '', en: label(code, 'en') ?? '' },
    })),
    regions: need.regions,
    innovationType: need.innovationType,
    stage: need.stage,
    ...(need.questionsDeadline ? { questionsDeadline: iso(need.questionsDeadline) } : {}),
    ...(need.dialoguePeriod
      ? {
          dialoguePeriod: {
            ...(need.dialoguePeriod.start ? { start: day(need.dialoguePeriod.start) } : {}),
            ...(need.dialoguePeriod.end ? { end: day(need.dialoguePeriod.end) } : {}),
          },
        }
      : {}),
    ...(need.plannedProcurementStart ? { plannedProcurementStart: day(need.plannedProcurementStart) } : {}),
    language: need.language,
    ...(need.contact ? { contact: need.contact } : {}),
    attachments: need.attachments,
    demand: {
      rows: need.demand.map((row) => ({
        organisation: { id: row.organisationId, name: orgName(row.organisationId) },
        ...(row.quantity ? { quantity: row.quantity } : {}),
        ...(row.value ? { value: row.value } : {}),
        ...(row.timeframe
          ? {
              timeframe: {
                ...(row.timeframe.from ? { from: day(row.timeframe.from) } : {}),
                ...(row.timeframe.to ? { to: day(row.timeframe.to) } : {}),
              },
            }
          : {}),
      })),
      totals: demandTotals(need.demand) as NeedDto['demand']['totals'],
    },
    createdAt: iso(need.createdAt),
    updatedAt: iso(need.updatedAt),
    ...(need.submittedAt ? { submittedAt: iso(need.submittedAt) } : {}),
    ...(need.publishedAt ? { publishedAt: iso(need.publishedAt) } : {}),
    ...(need.closedAt ? { closedAt: iso(need.closedAt) } : {}),
    ...(internal && need.rejection
      ? {
          rejection: {
            reason: need.rejection.reason,
            ...(need.rejection.at ? { at: iso(need.rejection.at) } : {}),
          },
        }
      : {}),
    ...(need.outcome ? { outcome: need.outcome } : {}),
    changeCount: view.changeCount,
    permissions: view.permissions,
  };
}

export function toSummaryDto(hit: NeedSearchHit): z.infer<typeof needSummaryDto> {
  return {
    id: hit.id,
    title: hit.title,
    summary: hit.summary,
    network: hit.network,
    stage: hit.stage,
    status: hit.status,
    cpvCodes: hit.cpvCodes,
    regions: hit.regions,
    language: hit.language,
    publishedAt: iso(hit.publishedAt),
    ...(hit.questionsDeadline ? { questionsDeadline: iso(hit.questionsDeadline) } : {}),
    ...(hit.highlight ? { highlight: hit.highlight } : {}),
  };
}

export function toSearchDto(result: NeedSearchResult): z.infer<typeof needSearchDto> {
  return {
    items: result.items.map(toSummaryDto),
    page: result.page,
    pageSize: result.pageSize,
    total: result.total,
    facets: result.facets,
    networks: result.networks,
    ...(result.degraded ? { degraded: true } : {}),
    ...(result.keywordOnly ? { keywordOnly: true } : {}),
  };
}

/** A need in a network's own list (any status; drafts have no publication date). */
export function toListItemDto(need: Need, networkName: string): z.infer<typeof needListDto>['items'][number] {
  return {
    id: need.id,
    title: need.title,
    summary: need.summary,
    network: { id: need.networkId, name: networkName },
    stage: need.stage,
    status: need.status,
    cpvCodes: need.cpvCodes,
    regions: need.regions,
    language: need.language,
    ...(need.publishedAt ? { publishedAt: iso(need.publishedAt) } : {}),
    ...(need.questionsDeadline ? { questionsDeadline: iso(need.questionsDeadline) } : {}),
    updatedAt: iso(need.updatedAt),
  };
}

export function toChangeDto(change: NeedChange, names: Map<string, string>): z.infer<typeof needChangeDto> {
  return {
    id: change.id,
    at: iso(change.at),
    version: change.version,
    organisation: change.organisationId
      ? { id: change.organisationId, name: names.get(change.organisationId) ?? '' }
      : null,
    ...(change.note ? { note: change.note } : {}),
    fields: change.fields,
  };
}

export function toModerationItemDto(item: ModerationItem): z.infer<typeof moderationItemDto> {
  const { need } = item;
  return {
    id: need.id,
    title: need.title,
    summary: need.summary,
    network: { id: need.networkId, name: item.networkName },
    status: need.status,
    hidden: need.hidden,
    ...(need.submittedAt ? { submittedAt: iso(need.submittedAt) } : {}),
    ...(need.hiddenAt ? { hiddenAt: iso(need.hiddenAt) } : {}),
    openReports: need.openReports,
    ...(item.reports
      ? {
          verifiedOrganisations: new Set(item.reports.flatMap((r) => r.organisationId ?? [])).size,
          reports: item.reports.map((r) => ({
            id: r.id,
            reason: r.reason,
            createdAt: iso(r.createdAt),
            verifiedOrganisation: r.organisationId !== undefined,
          })),
        }
      : {}),
  };
}
