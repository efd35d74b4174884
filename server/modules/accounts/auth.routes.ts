import { principalOf, requireUser } from '../../platform/auth/principal.js';
import type { Config } from '../../config.js';
import { endpoint } from '../../platform/http/endpoint.js';
import { errorBodySchema } from '../../platform/http/openapi.js';
import {
  acceptedDto,
  changePasswordBody,
  loginBody,
  loginResponse,
  passwordChangedDto,
  registerBody,
  resetConfirmBody,
  resetRequestBody,
  tokenBody,
  userDto,
} from './accounts.schemas.js';
import { originOf, toUserDto } from './accounts.dto.js';
import type { AccountsService } from './accounts.service.js';
import { clearSessionCookies, setSessionCookies } from './cookies.js';

const error = (description: string) => ({ description, schema: errorBodySchema });
const tags = ['Accounts'];
const authenticated = ['session', 'bearer'];

/** /api/auth/*: registration, verification, login/logout, password reset and change. */
export function authRoutes(accounts: AccountsService, config: Pick<Config, 'NODE_ENV'>) {
  const production = config.NODE_ENV === 'production';
  return [
    endpoint(
      {
        method: 'post',
        path: '/api/auth/register',
        summary: 'Create an account',
        description:
          'Creates an unverified account and emails a verification link. The answer is the same when the address ' +
          'already has an account (its owner gets a notice instead), so it does not reveal who is registered.',
        tags,
        request: { body: registerBody },
        status: 202,
        responses: {
          202: { description: 'Check your inbox', schema: acceptedDto },
          429: error('Too many registrations from this address'),
        },
      },
      async ({ body }, req) => {
        await accounts.register(body, originOf(req));
        return {
          status: 'accepted' as const,
          message: 'We have sent an email to the address. Follow the link in it.',
        };
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/auth/verify-email',
        summary: 'Confirm an email address with the emailed token',
        tags,
        request: { body: tokenBody },
        responses: {
          200: { description: 'Verified', schema: userDto },
          400: error('token_invalid: used, expired or unknown'),
        },
      },
      async ({ body }, req) => toUserDto(await accounts.verifyEmail(body.token, originOf(req))),
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/auth/verify-email/resend',
        summary: 'Send a new verification link',
        tags,
        security: authenticated,
        before: [requireUser],
        status: 202,
        responses: {
          202: { description: 'Sent', schema: acceptedDto },
          401: error('Not logged in'),
          409: error('already_verified'),
          429: error('Too many requests'),
        },
      },
      async (_input, req) => {
        await accounts.resendVerification(principalOf(req).userId);
        return { status: 'accepted' as const, message: 'We have sent a new verification link.' };
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/auth/login',
        summary: 'Log in',
        description:
          'Browsers (default `client: "browser"`) get the httpOnly `bt_session` cookie and a `bt_csrf` cookie whose value ' +
          'must be sent as `X-CSRF-Token` on unsafe requests. API clients send `client: "api"` and get `token` for ' +
          '`Authorization: Bearer <token>`. Unknown email and wrong password get the same answer. Failed attempts are ' +
          'limited per account (10 / 15 min) and per IP (50 / 15 min).',
        tags,
        request: { body: loginBody },
        responses: {
          200: { description: 'Logged in', schema: loginResponse },
          401: error('invalid_credentials'),
          429: error('rate_limited (see Retry-After)'),
          503: error('The rate limiter (Redis) is unavailable; login is refused'),
        },
      },
      async ({ body }, req, res) => {
        const kind = body.client === 'api' ? 'bearer' : 'cookie';
        const result = await accounts.login(
          { email: body.email, password: body.password, kind },
          originOf(req),
        );
        if (kind === 'cookie') {
          setSessionCookies(res, {
            token: result.token,
            csrfToken: result.csrfToken!,
            expiresAt: result.session.expiresAt,
            production,
          });
        }
        res.setHeader('Cache-Control', 'no-store');
        return {
          user: toUserDto(result.user),
          session: { id: result.session.id, expiresAt: result.session.expiresAt.toISOString() },
          ...(kind === 'bearer' ? { token: result.token } : { csrfToken: result.csrfToken }),
        };
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/auth/logout',
        summary: 'Log out (ends the current session)',
        tags,
        security: authenticated,
        responses: {
          204: { description: 'Logged out (also when not logged in)' },
          403: error('csrf_failed'),
        },
      },
      async (_input, req, res) => {
        if (req.auth) await accounts.logout(req.auth, originOf(req));
        clearSessionCookies(res, production);
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/auth/password-reset/request',
        summary: 'Email a password reset link',
        description: 'Answers the same whether or not the address has an account.',
        tags,
        request: { body: resetRequestBody },
        status: 202,
        responses: { 202: { description: 'Accepted', schema: acceptedDto }, 429: error('Too many requests') },
      },
      async ({ body }, req) => {
        await accounts.requestPasswordReset(body.email, originOf(req));
        return {
          status: 'accepted' as const,
          message: 'If the address has an account, we have sent a link for choosing a new password.',
        };
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/auth/password-reset/confirm',
        summary: 'Choose a new password with the emailed token (logs out every session)',
        tags,
        request: { body: resetConfirmBody },
        responses: { 204: { description: 'Password changed' }, 400: error('token_invalid or weak password') },
      },
      async ({ body }, req) => {
        await accounts.confirmPasswordReset(body.token, body.password, originOf(req));
      },
    ),
    endpoint(
      {
        method: 'post',
        path: '/api/auth/password',
        summary: 'Change the password (logs out every other session)',
        tags,
        security: authenticated,
        before: [requireUser],
        request: { body: changePasswordBody },
        responses: {
          200: {
            description: 'Changed',
            schema: passwordChangedDto,
          },
          400: error('wrong_password or weak new password'),
          401: error('Not logged in'),
          429: error('Too many wrong passwords'),
        },
      },
      async ({ body }, req) => accounts.changePassword(principalOf(req), body, originOf(req)),
    ),
  ];
}
