import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { isApiError } from '../../api/http';
import { createSubscription } from '../../api/subscriptions';
import { paths } from '../../app/paths';
import { useSession } from '../../shared/session/session';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';

/** "Follow this need": an email for every change, answer and meeting (a `need` subscription). */
export function NeedFollow({ needId, published }: { needId: string; published: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  const [state, setState] = useState<'idle' | 'busy' | 'following' | { error: unknown }>('idle');
  if (!published) return null;
  if (!user) {
    return (
      <Paragraph>
        <AppLink to={paths.loginThen(location.pathname)}>{t('need.loginToFollow')}</AppLink>
      </Paragraph>
    );
  }
  return (
    <div className="bt-follow">
      {state !== 'following' && (
        <Button
          variant="secondary"
          loading={state === 'busy'}
          onClick={() => {
            if (state === 'busy') return;
            setState('busy');
            createSubscription({ kind: 'need', needId, delivery: 'instant' }).then(
              () => setState('following'),
              (error: unknown) =>
                setState(isApiError(error) && error.code === 'already_subscribed' ? 'following' : { error }),
            );
          }}
        >
          {t('need.follow')}
        </Button>
      )}
      <div role="status" className="bt-form__status">
        {state === 'following' && (
          <Paragraph>
            {t('need.following')}{' '}
            <AppLink to={paths.subscriptions}>{t('supplier.subscriptionsLink')}</AppLink>
          </Paragraph>
        )}
      </div>
      {typeof state === 'object' && <ApiErrorAlert error={state.error} headingLevel={false} />}
    </div>
  );
}
