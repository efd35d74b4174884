import { Alert, ErrorSummary, Paragraph } from '@digdir/designsystemet-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../api/errors';
import { isApiError, type ApiError } from '../../api/http';
import { NextStepLink } from '../ui/next-step';

export interface FormErrorState {
  /** Message per field path (the API's dotted `details[].path`, or the form's own names). */
  fields: Record<string, string>;
  /** A problem that belongs to no single field (wrong login, rate limit, server down). */
  form?: string;
  /**
   * The action is not allowed (401/403: not logged in, email not confirmed, no verified
   * company...; or a state such as "registration closed"). Nothing in the form can fix it, so it
   * is a plain alert with the next step, not an error summary.
   */
  blocked?: { message: string; code: string };
  /** Bumped on every failed submit, so the summary mounts again and takes focus again. */
  attempt: number;
}

export interface UseFormErrors extends FormErrorState {
  /** Shows problems found in the browser; returns true when there are none. */
  check(fields: Record<string, string | undefined>): boolean;
  /** Shows an API failure: field problems at their fields, anything else as the form message. */
  fromApiError(error: unknown, options?: { formMessage?: (error: unknown) => string | undefined }): void;
  clear(): void;
}

/** The state of things blocks the action: no field of the form can fix it (see `blocked`). */
const blockingConflicts = new Set([
  'registration_closed',
  'meeting_full',
  'meeting_cancelled',
  'already_registered',
  'questions_closed',
]);

function isBlocked(error: unknown): error is ApiError {
  if (!isApiError(error)) return false;
  // A wrong email or password is fixed in the form's own fields: that stays in the error summary.
  if (error.code === 'invalid_credentials') return false;
  return error.status === 401 || error.status === 403 || blockingConflicts.has(error.code);
}

/** Validation state of one form: what the summary lists and what each field says. */
export function useFormErrors(): UseFormErrors {
  const { t } = useTranslation();
  const [state, setState] = useState<FormErrorState>({ fields: {}, attempt: 0 });

  const check = useCallback((fields: Record<string, string | undefined>) => {
    const found = Object.fromEntries(
      Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    const ok = Object.keys(found).length === 0;
    setState((previous) => ({ fields: found, attempt: ok ? previous.attempt : previous.attempt + 1 }));
    return ok;
  }, []);

  const fromApiError = useCallback(
    (error: unknown, options: { formMessage?: (error: unknown) => string | undefined } = {}) => {
      const fields = fieldErrors(t, error);
      const special = options.formMessage?.(error);
      const hasFields = Object.keys(fields).length > 0;
      if (!hasFields && isBlocked(error)) {
        const blocked = { message: special ?? errorMessage(t, error), code: error.code };
        setState((previous) => ({ fields: {}, blocked, attempt: previous.attempt + 1 }));
        return;
      }
      const form =
        special ??
        (hasFields && isApiError(error) && error.code === 'validation_failed'
          ? undefined
          : errorMessage(t, error));
      setState((previous) => ({ fields, form, attempt: previous.attempt + 1 }));
    },
    [t],
  );

  const clear = useCallback(() => setState((previous) => ({ fields: {}, attempt: previous.attempt })), []);
  return { ...state, check, fromApiError, clear };
}

interface FormErrorSummaryProps {
  errors: FormErrorState;
  /** Element id per field path (or a function of the path), so each listed problem links to its field. */
  fieldIds: Record<string, string> | ((path: string) => string | undefined);
  heading?: string;
}

/**
 * Designsystemet's error summary: focused when it appears (and again after every failed
 * attempt), each item a link to its field. Unknown paths are listed as plain text.
 */
export function FormErrorSummary({ errors, fieldIds, heading }: FormErrorSummaryProps) {
  const { t } = useTranslation();
  const entries = Object.entries(errors.fields);
  if (errors.blocked) {
    return (
      <Alert key={errors.attempt} data-color="warning" role="alert" className="bt-error-alert">
        <Paragraph>{errors.blocked.message}</Paragraph>
        <NextStepLink code={errors.blocked.code} />
      </Alert>
    );
  }
  if (entries.length === 0 && !errors.form) return null;
  return (
    <ErrorSummary key={errors.attempt} className="bt-form__errors">
      <ErrorSummary.Heading>{heading ?? t('forms.errorSummaryHeading')}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.form && <ErrorSummary.Item>{errors.form}</ErrorSummary.Item>}
        {entries.map(([path, message]) => {
          const id = typeof fieldIds === 'function' ? fieldIds(path) : fieldIds[path];
          return (
            <ErrorSummary.Item key={path}>
              {id ? <ErrorSummary.Link href={`#${id}`}>{message}</ErrorSummary.Link> : message}
            </ErrorSummary.Item>
          );
        })}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PASSWORD_MIN = 10;

/** Browser-side checks that mirror the API's rules, so most mistakes are caught without a round trip. */
export const validators = {
  required: (value: string, message: string) => (value.trim() ? undefined : message),
  email: (value: string, messages: { required: string; invalid: string }) =>
    !value.trim() ? messages.required : emailPattern.test(value.trim()) ? undefined : messages.invalid,
  newPassword: (value: string, messages: { required: string; short: string }) =>
    !value ? messages.required : value.length < PASSWORD_MIN ? messages.short : undefined,
};
