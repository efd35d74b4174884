import type { TFunction } from 'i18next';
import { isApiError, type FieldProblem } from './http';

/** Words a person understands for any error thrown by `request()` (or anything else). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown');
  switch (error.code) {
    case 'validation_failed':
      return t('errors.validation_failed');
    case 'not_found':
      return t('errors.not_found');
    case 'unauthorized':
      return t('errors.unauthorized');
    case 'forbidden':
      return t('errors.forbidden');
    case 'rate_limited': {
      const seconds = error.retryAfterSeconds;
      return seconds ? t('errors.rate_limited_seconds', { seconds }) : t('errors.rate_limited');
    }
    case 'invalid_transition':
      return t('errors.invalid_transition');
    case 'internal':
      return error.requestId
        ? t('errors.internal_with_id', { requestId: error.requestId })
        : t('errors.internal');
    case 'service_unavailable':
      return t('errors.service_unavailable');
    case 'payload_too_large':
      return t('errors.payload_too_large');
    case 'network':
      return t('errors.network');
    default:
      if (isSpecificCode(error.code)) return t(`errors.codes.${error.code}`);
      return error.status >= 500 ? t('errors.internal') : t('errors.unknown');
  }
}

/** Errors worth a "Try again" button: the same request may well succeed a moment later. */
/** Codes with their own words (errors.codes.* in the translations). */
const specificCodes = [
  'invalid_credentials',
  'token_invalid',
  'already_verified',
  'email_not_verified',
  'csrf_failed',
  'sole_owner',
  'wrong_password',
  'version_conflict',
  'invalid_status',
  'invalid_state',
  'already_member',
  'not_a_member',
  'already_coordinator',
  'already_subscribed',
  'already_reported',
  'not_a_supplier',
  'network_not_approved',
  'need_not_published',
  'need_incomplete',
  'meeting_not_published',
  'meeting_cancelled',
  'meeting_in_past',
  'meeting_full',
  'unknown_user',
  'questions_closed',
  'organisation_not_verified',
  'already_registered',
  'registration_closed',
  'slot_taken',
  'already_invited',
  'organisation_not_eligible',
  'coordinator_cannot_leave',
  'last_owner',
  'duplicate_organisation',
  'capacity_below_registered',
  'meeting_not_held',
  'question_published',
  'question_closed',
  'question_changed',
  'not_registered',
] as const;
type SpecificCode = (typeof specificCodes)[number];
const isSpecificCode = (code: string): code is SpecificCode =>
  (specificCodes as readonly string[]).includes(code);

export function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return ['network', 'service_unavailable', 'internal', 'rate_limited', 'bad_response'].includes(error.code);
}

export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.code === 'not_found';
}

const fieldCodes = [
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'not_unique',
  'weak_password',
  'wrong_password',
  'token_invalid',
] as const;
type FieldCode = (typeof fieldCodes)[number];
const isFieldCode = (code: unknown): code is FieldCode =>
  typeof code === 'string' && (fieldCodes as readonly string[]).includes(code);

function fieldMessage(t: TFunction, problem: FieldProblem): string {
  if (isFieldCode(problem.code)) return t(`errors.fieldCodes.${problem.code}`);
  return problem.message || t('errors.field');
}

/**
 * `details` of a validation_failed answer as `{ [path]: message }`, first message per field,
 * for `<Textfield error>` and the error summary. Paths are the server's dotted paths.
 */
export function fieldErrors(t: TFunction, error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const problem of error.fieldProblems) {
    if (!(problem.path in result)) result[problem.path] = fieldMessage(t, problem);
  }
  return result;
}
