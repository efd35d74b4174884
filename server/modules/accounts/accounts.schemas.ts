import { z } from 'zod';
import { PASSWORD_MAX } from './passwords.js';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Use at most 254 characters.')
  .regex(z.regexes.email, 'Enter a valid email address.')
  .meta({ format: 'email', example: 'anna.andersson@kommun.se' });
/** Length is checked here; the full policy (common passwords, not the email) in the service. */
const newPassword = z
  .string()
  .min(1, 'Enter a password.')
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);
const anyPassword = z.string().min(1, 'Enter your password.').max(PASSWORD_MAX);
const emailedToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not a token from one of our emails.')
  .meta({ description: 'The `token` query parameter of the emailed link.' });
const language = z.enum(['sv', 'en']).meta({ description: 'Language of emails and of the interface.' });
const name = z.string().trim().min(1).max(200);
const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'Must be an id.');

export const registerBody = z
  .strictObject({ email, password: newPassword, language: language.optional(), name: name.optional() })
  .meta({ id: 'RegisterRequest' });

export const loginBody = z
  .strictObject({
    email,
    password: anyPassword,
    client: z
      .enum(['browser', 'api'])
      .default('browser')
      .meta({
        description:
          '`browser` (default): sets the httpOnly `bt_session` cookie and the `bt_csrf` cookie. ' +
          '`api`: returns `token` for `Authorization: Bearer <token>` and sets no cookies.',
      }),
  })
  .meta({ id: 'LoginRequest' });

export const tokenBody = z.strictObject({ token: emailedToken }).meta({ id: 'EmailedTokenRequest' });
export const resetRequestBody = z.strictObject({ email }).meta({ id: 'PasswordResetRequest' });
export const resetConfirmBody = z
  .strictObject({ token: emailedToken, password: newPassword })
  .meta({ id: 'PasswordResetConfirm' });
export const changePasswordBody = z
  .strictObject({ currentPassword: anyPassword, newPassword })
  .meta({ id: 'ChangePasswordRequest' });
export const updateMeBody = z
  .strictObject({ name: name.nullable().optional(), language: language.optional() })
  .meta({ id: 'UpdateMeRequest' });
export const deleteMeBody = z.strictObject({ password: anyPassword }).meta({ id: 'DeleteAccountRequest' });
export const sessionParams = z.strictObject({ id: objectId });

export const userDto = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    language,
    emailVerified: z.boolean(),
    emailVerifiedAt: z.iso.datetime().nullable(),
    isAdmin: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const loginResponse = z
  .object({
    user: userDto,
    session: z.object({ id: z.string(), expiresAt: z.iso.datetime() }),
    token: z.string().optional().meta({ description: 'Only for `client: "api"`: the Bearer token.' }),
    csrfToken: z.string().optional().meta({
      description: 'Only for browser logins: the value to send as X-CSRF-Token (also in the bt_csrf cookie).',
    }),
  })
  .meta({ id: 'LoginResponse' });

export const passwordChangedDto = z
  .object({
    revokedSessions: z.number().int().meta({ description: 'How many other sessions were logged out.' }),
  })
  .meta({ id: 'PasswordChanged' });

export const sessionDto = z
  .object({
    id: z.string(),
    kind: z.enum(['cookie', 'bearer']),
    current: z.boolean(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'Session' });

export const acceptedDto = z
  .object({ status: z.literal('accepted'), message: z.string() })
  .meta({ id: 'Accepted' });

export const personalDataExport = z
  .object({
    exportedAt: z.iso.datetime(),
    user: z.record(z.string(), z.unknown()),
    sessions: z.array(z.unknown()),
    auditLog: z.array(z.unknown()),
    emails: z.array(z.unknown()),
    modules: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PersonalDataExport' });
