import { Alert, Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { resendVerification, verifyEmail, type User } from '../../api/accounts';
import { isApiError } from '../../api/http';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useSession } from '../../shared/session/session';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';

// A token works once: the request is shared per token, so React's development double effects
// (and a re-render) do not spend it twice and report the second, failed attempt.
const attempts = new Map<string, Promise<User>>();
function verifyOnce(token: string): Promise<User> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = verifyEmail(token);
    attempts.set(token, attempt);
  }
  return attempt;
}

type State =
  { status: 'verifying' } | { status: 'verified'; user: User } | { status: 'failed'; error: unknown };

/** The page the emailed link opens: `/verifiera-epost?token=…`. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();
  const [state, setState] = useState<State>(() =>
    token ? { status: 'verifying' } : { status: 'failed', error: undefined },
  );

  useEffect(() => {
    if (!token) return;
    let active = true;
    verifyOnce(token).then(
      (user) => {
        if (!active) return;
        setState({ status: 'verified', user });
        if (session.user?.id === user.id) session.setUser(user);
      },
      (error: unknown) => active && setState({ status: 'failed', error }),
    );
    return () => {
      active = false;
    };
    // The session is read once the answer is in; a new session must not verify again.
  }, [token]);

  const title =
    state.status === 'verifying'
      ? t('verify.checking')
      : state.status === 'verified'
        ? t('verify.doneTitle')
        : t('verify.failedTitle');
  usePageTitle(title);

  return (
    <div className="bt-container bt-page bt-narrow">
      <PageHeading busy={state.status === 'verifying'}>{title}</PageHeading>
      {state.status === 'verifying' && (
        <div role="status" className="bt-inline-status">
          <Spinner aria-hidden="true" data-size="sm" />
          {t('verify.checking')}
        </div>
      )}
      {state.status === 'verified' && (
        <>
          <Alert data-color="success">
            <Paragraph>{t('verify.doneText', { email: state.user.email })}</Paragraph>
          </Alert>
          <p>
            {session.user ? (
              <AppLink to={paths.account}>{t('verify.toAccount')}</AppLink>
            ) : (
              <AppLink to={paths.login}>{t('verify.toLogin')}</AppLink>
            )}
          </p>
        </>
      )}
      {state.status === 'failed' && <VerifyFailed error={state.error} />}
    </div>
  );
}

function VerifyFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const session = useSession();
  const [resent, setResent] = useState<'idle' | 'busy' | 'sent' | unknown>('idle');
  const invalidToken =
    !error || (isApiError(error) && (error.code === 'token_invalid' || error.code === 'validation_failed'));

  return (
    <>
      {invalidToken ? (
        <Alert data-color="warning">
          <Paragraph>{t('verify.invalidLink')}</Paragraph>
        </Alert>
      ) : (
        <ApiErrorAlert error={error} headingLevel={false} />
      )}
      {session.user && !session.user.emailVerified ? (
        <div className="bt-actions">
          <Button
            variant="secondary"
            loading={resent === 'busy'}
            onClick={() => {
              setResent('busy');
              resendVerification().then(
                () => setResent('sent'),
                (e: unknown) => setResent(e),
              );
            }}
          >
            {t('verify.resend')}
          </Button>
        </div>
      ) : session.user ? (
        <p>
          <AppLink to={paths.account}>{t('verify.toAccount')}</AppLink>
        </p>
      ) : (
        <Paragraph>
          {t('verify.loginToResend')}{' '}
          <AppLink to={paths.loginThen(paths.account)}>{t('verify.toLogin')}</AppLink>
        </Paragraph>
      )}
      <div role="status">{resent === 'sent' && <Paragraph>{t('verify.resent')}</Paragraph>}</div>
      {resent !== 'idle' && resent !== 'busy' && resent !== 'sent' && (
        <ApiErrorAlert error={resent} headingLevel={false} />
      )}
    </>
  );
}
