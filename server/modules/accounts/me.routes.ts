import type { Config } from '../../config.js';
import { principalOf, requireUser } from '../../platform/auth/principal.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import { originOf, toSessionDto, toUserDto } from './accounts.dto.js';
import {
  deleteMeBody,
  personalDataExport,
  sessionDto,
  sessionParams,
  updateMeBody,
  userDto,
} from './accounts.schemas.js';
import type { AccountsService } from './accounts.service.js';
import { clearSessionCookies } from './cookies.js';

const error = (description: string) => ({ description, schema: errorBodySchema });
const tags = ['Accounts'];
const security = ['session', 'bearer'];
const before = [requireUser];
const notLoggedIn = error('Not logged in');

/** /api/me/*: the logged-in user's profile, sessions and data rights. */
export function meRoutes(accounts: AccountsService, config: Pick<Config, 'NODE_ENV'>) {
  const production = config.NODE_ENV === 'production';
  return [
    endpoint(
      {
        method: 'get',
        path: '/api/me',
        summary: 'The logged-in user',
        tags,
        security,
        before,
        responses: { 200: { description: 'The user', schema: userDto }, 401: notLoggedIn },
      },
      async (_input, req) => toUserDto(await accounts.getMe(principalOf(req))),
    ),
    endpoint(
      {
        method: 'patch',
        path: '/api/me',
        summary: 'Change name or language',
        tags,
        security,
        before,
        request: { body: updateMeBody },
        responses: { 200: { description: 'The updated user', schema: userDto }, 401: notLoggedIn },
      },
      async ({ body }, req) => toUserDto(await accounts.updateMe(principalOf(req), body)),
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/me/sessions',
        summary: 'Active sessions of the logged-in user',
        tags,
        security,
        before,
        responses: {
          200: { description: 'Newest activity first', schema: sessionDto.array() },
          401: notLoggedIn,
        },
      },
      async (_input, req) => {
        const principal = principalOf(req);
        return (await accounts.listSessions(principal.userId)).map((s) =>
          toSessionDto(s, principal.sessionId),
        );
      },
    ),
    endpoint(
      {
        method: 'delete',
        path: '/api/me/sessions/:id',
        summary: 'End one of my sessions (log out a device)',
        tags,
        security,
        before,
        request: { params: sessionParams },
        responses: {
          204: { description: 'Ended' },
          401: notLoggedIn,
          404: error('No such active session of yours'),
        },
      },
      async ({ params }, req, res) => {
        const principal = principalOf(req);
        await accounts.revokeSession(principal, params.id, originOf(req));
        if (params.id === principal.sessionId && principal.via === 'cookie')
          clearSessionCookies(res, production);
      },
    ),
    endpoint(
      {
        method: 'get',
        path: '/api/me/export',
        summary: 'Download all personal data held about me (JSON)',
        tags,
        security,
        before,
        responses: { 200: { description: 'The export', schema: personalDataExport }, 401: notLoggedIn },
      },
      async (_input, req, res) => {
        const data = await accounts.exportData(principalOf(req));
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="behovstorget-data-${data.exportedAt.slice(0, 10)}.json"`,
        );
        res.setHeader('Cache-Control', 'no-store');
        return data;
      },
    ),
    endpoint(
      {
        method: 'delete',
        path: '/api/me',
        summary: 'Delete my account',
        description:
          'Needs the current password. Refused with 409 while other data depends on the account, e.g. ' +
          '`sole_owner` when you are the only owner of an organisation: hand it over or delete it first.',
        tags,
        security,
        before,
        request: { body: deleteMeBody },
        responses: {
          204: { description: 'Deleted; all sessions ended' },
          400: error('wrong_password'),
          401: notLoggedIn,
          409: error('sole_owner or another reason the account cannot be deleted yet'),
          429: error('`rate_limited`: too many wrong passwords for the account (see Retry-After)'),
        },
      },
      async ({ body }, req, res) => {
        await accounts.deleteAccount(principalOf(req), body.password, originOf(req));
        clearSessionCookies(res, production);
      },
    ),
  ];
}
