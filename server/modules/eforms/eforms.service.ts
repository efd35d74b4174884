import { AppError, errors } from '../../platform/errors.js';
import type { MeetingsRepository } from '../meetings/meetings.repository.js';
import type { NeedAccess } from '../needs/needs.access.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { e1Problems, renderE1 } from './e1-notice.js';

export interface EformsServiceDeps {
  access: NeedAccess;
  organisations: OrganisationsRepository;
  meetings: MeetingsRepository;
  baseUrl: string;
  now?: () => Date;
}

/** eForms notices of needs. The route's guard has already checked that the caller may export it. */
export function createEformsService(deps: EformsServiceDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async e1Notice(needId: string): Promise<{ filename: string; xml: string }> {
      const { need, network } = await deps.access.load(needId);
      const problems = e1Problems({ need });
      if (problems.length > 0) {
        throw new AppError(
          'notice_incomplete',
          `An eForms E1 notice needs more of the need: fill in ${problems.map((p) => p.path).join(', ')}.`,
          422,
          problems.map((p) => ({
            location: 'body',
            path: p.path,
            message: `${p.message} (${p.bt})`,
            code: p.bt,
          })),
        );
      }
      const buyer = await deps.organisations.findById(network.coordinatorOrgId);
      if (!buyer) throw errors.notFound('need');
      const meetings = await deps.meetings.listForNeed(need.id, ['scheduled', 'cancelled']);
      const xml = renderE1({ need, network, buyer, meetings, baseUrl: deps.baseUrl, now: now() });
      return { filename: `eforms-e1-${need.id}.xml`, xml };
    },
  };
}

export type EformsService = ReturnType<typeof createEformsService>;
