import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, isNotFound, isRetryable } from '../../api/errors';

interface ApiErrorAlertProps {
  error: unknown;
  /** Offers "Try again" when the error is one that may go away (network, 5xx, rate limit). */
  onRetry?: () => void;
  /** Wording for not_found when "it doesn't exist" is not the right thing to say (e.g. a list). */
  notFoundMessage?: string;
  /** Heading level inside the alert; `false` when the page's h1 already says what went wrong. */
  headingLevel?: 2 | 3 | false;
}

export function ApiErrorAlert({ error, onRetry, notFoundMessage, headingLevel = 2 }: ApiErrorAlertProps) {
  const { t } = useTranslation();
  const message = notFoundMessage && isNotFound(error) ? notFoundMessage : errorMessage(t, error);
  return (
    <Alert data-color="danger" role="alert" className="bt-error-alert">
      {headingLevel && (
        <Heading level={headingLevel} data-size="xs">
          {t('common.errorTitle')}
        </Heading>
      )}
      <Paragraph>{message}</Paragraph>
      {onRetry && isRetryable(error) && (
        <Button variant="secondary" data-size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
