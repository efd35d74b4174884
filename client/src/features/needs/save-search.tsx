import { Button, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { isApiError } from '../../api/http';
import { createSubscription, type Delivery } from '../../api/subscriptions';
import { paths } from '../../app/paths';
import { useSession } from '../../shared/session/session';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { toSearchParams, type NeedSearchState } from './search-params';

/** The Atom feed of the same search (`GET /api/needs.atom` takes the search page's parameters). */
export function atomFeedHref(state: NeedSearchState): string {
  const search = toSearchParams({ ...state, page: 1 })
    .toString()
    .replace(/%2C/gi, ',');
  return search ? `/api/needs.atom?${search}` : '/api/needs.atom';
}

function AtomLink({ state }: { state: NeedSearchState }) {
  const { t } = useTranslation();
  return (
    <Link className="bt-save-search__atom" href={atomFeedHref(state)} type="application/atom+xml">
      {t('saveSearch.atom')}
    </Link>
  );
}

/** "Follow this search": a saved search that emails new matching needs (instant, daily or weekly). */
export function SaveSearch({ state }: { state: NeedSearchState }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  const [result, setResult] = useState<'idle' | 'busy' | 'saved' | { error: unknown }>('idle');
  const searchKey = `${location.search}`;
  const [savedFor, setSavedFor] = useState<string>();

  if (!user) {
    return (
      <Paragraph className="bt-save-search">
        <AppLink to={paths.loginThen(`${location.pathname}${location.search}`)}>
          {t('saveSearch.login')}
        </AppLink>{' '}
        <AtomLink state={state} />
      </Paragraph>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (result === 'busy') return;
    const delivery = String(new FormData(event.currentTarget).get('delivery') ?? 'instant') as Delivery;
    setResult('busy');
    try {
      await createSubscription({
        kind: 'search',
        delivery,
        filters: {
          q: state.q,
          cpvCodes: state.cpv,
          regions: state.region,
          networkIds: state.network,
          stages: state.stage,
        },
      });
      setResult('saved');
      setSavedFor(searchKey);
    } catch (error) {
      if (isApiError(error) && error.code === 'already_subscribed') {
        setResult('saved');
        setSavedFor(searchKey);
      } else setResult({ error });
    }
  }

  const saved = result === 'saved' && savedFor === searchKey;
  return (
    <form className="bt-save-search" onSubmit={onSubmit} aria-labelledby="save-search-title">
      <p id="save-search-title" className="bt-save-search__title">
        {t('saveSearch.title')}
      </p>
      <div className="bt-save-search__row">
        <div className="bt-select-field">
          <label htmlFor="save-search-delivery" className="ds-label">
            {t('subscriptions.delivery')}
          </label>
          <Select id="save-search-delivery" name="delivery" defaultValue="instant">
            {(['instant', 'daily', 'weekly'] as const).map((mode) => (
              <Select.Option key={mode} value={mode}>
                {t(`subscriptions.deliveryMode.${mode}`)}
              </Select.Option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary" loading={result === 'busy'}>
          {t('saveSearch.submit')}
        </Button>
        <AtomLink state={state} />
      </div>
      <div role="status" className="bt-form__status">
        {saved && (
          <Paragraph>
            {t('saveSearch.saved')}{' '}
            <AppLink to={paths.subscriptions}>{t('supplier.subscriptionsLink')}</AppLink>
          </Paragraph>
        )}
      </div>
      {typeof result === 'object' && <ApiErrorAlert error={result.error} headingLevel={false} />}
    </form>
  );
}
