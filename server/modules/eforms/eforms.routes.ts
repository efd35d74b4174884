import { z } from 'zod';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import type { NeedAccess } from '../needs/needs.access.js';
import type { Authorizer } from '../policy/guards.js';
import { idParams } from '../policy/params.js';
import type { EformsService } from './eforms.service.js';
import { needResourceOf } from '../needs/need-resource.js';

const error = (description: string) => ({ description, schema: errorBodySchema });

export function eformsRoutes(deps: { service: EformsService; access: NeedAccess; authorizer: Authorizer }) {
  const { service, access, authorizer } = deps;

  const needOf = needResourceOf(access);

  return [
    endpoint(
      {
        method: 'get',
        path: '/api/needs/:id/eforms-e1.xml',
        summary: "The need's dialogue invitation as an eForms E1 notice (network members)",
        description:
          'eForms SDK 1.15, subtype E1 (voluntary pre-market consultation, `pmc`/`consultation`), UBL 2.3 ' +
          '`PriorInformationNotice`. Valid against the SDK XSD and its E1 Schematron rules. The meetings are ' +
          'listed in BT-300 (additional information). 422 `notice_incomplete` names the fields to fill in.',
        tags: ['Open data'],
        security: ['session', 'bearer'],
        before: [authorizer.authorize('need.exportNotice', needOf)],
        request: { params: idParams },
        responses: {
          200: { description: 'The notice', schema: z.string(), contentType: 'application/xml' },
          401: error('Not logged in'),
          403: error('Not a member of the need’s network (code `forbidden`)'),
          404: error('No such need, or not visible to you'),
          422: error('`notice_incomplete`: the details name each field E1 needs'),
        },
      },
      async ({ params }, _req, res) => {
        const { filename, xml } = await service.e1Notice(params.id);
        res
          .status(200)
          .set('Content-Type', 'application/xml; charset=utf-8')
          .set('Cache-Control', 'private, no-cache')
          .set('Content-Disposition', `attachment; filename="${filename}"`)
          .send(xml);
      },
    ),
  ];
}
