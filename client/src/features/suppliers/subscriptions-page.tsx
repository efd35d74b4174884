import { Button, Card, Heading, Paragraph, Select, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deleteSubscription,
  listSubscriptions,
  updateSubscription,
  type Delivery,
  type Subscription,
} from '../../api/subscriptions';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { searchHref } from '../needs/search-params';
import './suppliers.css';

/** `/bevakningar`: my subscriptions – delivery mode, pause, unsubscribe. Emails link here. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('subscriptions.title'));
  return <RequireLogin>{() => <Subscriptions />}</RequireLogin>;
}

function Subscriptions() {
  const { t } = useTranslation();
  const list = useApi('my-subscriptions', (signal) => listSubscriptions(signal));
  const [removed, setRemoved] = useState<string[]>([]);
  const items = list.status === 'success' ? list.data.items.filter((s) => !removed.includes(s.id)) : [];
  return (
    <div className="bt-container bt-page">
      <PageHeading busy={list.status === 'loading'}>{t('subscriptions.title')}</PageHeading>
      <Paragraph className="bt-muted">{t('subscriptions.lead')}</Paragraph>
      <div role="status" className="bt-form__status">
        {removed.length > 0 && <Paragraph>{t('subscriptions.removed')}</Paragraph>}
      </div>
      {list.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {list.status === 'error' && (
        <ApiErrorAlert error={list.error} onRetry={list.reload} headingLevel={false} />
      )}
      {list.status === 'success' && items.length === 0 && (
        <div className="bt-empty">
          <Paragraph>{t('subscriptions.empty')}</Paragraph>
          <AppLink to={paths.needs}>{t('common.toSearch')}</AppLink>
        </div>
      )}
      {items.length > 0 && (
        <ul className="bt-plain-list bt-match-list">
          {items.map((s) => (
            <li key={s.id}>
              <SubscriptionCard subscription={s} onRemoved={() => setRemoved((r) => [...r, s.id])} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SubscriptionCard({
  subscription,
  onRemoved,
}: {
  subscription: Subscription;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const [delivery, setDelivery] = useState<Delivery>(subscription.delivery);
  const [state, setState] = useState<'idle' | 'busy' | 'saved' | { error: unknown }>('idle');
  const titleId = `subscription-${subscription.id}`;
  const selectId = `${titleId}-delivery`;
  const f = subscription.filters;
  return (
    <Card data-color="neutral" aria-labelledby={titleId}>
      <Heading level={2} data-size="xs" id={titleId}>
        {subscription.name}
      </Heading>
      <div className="bt-tags">
        <Tag data-color="neutral">{t(`subscriptions.kind.${subscription.kind}`)}</Tag>
        {!subscription.active && <Tag data-color="warning">{t('subscriptions.paused')}</Tag>}
      </div>
      {f && (
        <p>
          <AppLink
            to={searchHref(paths.needs, {
              q: f.q,
              cpv: f.cpvCodes,
              region: f.regions,
              stage: f.stages,
              network: f.networkIds,
            })}
          >
            {t('subscriptions.showSearch')}
          </AppLink>
        </p>
      )}
      {subscription.needId && (
        <p>
          <AppLink to={paths.need(subscription.needId)}>{t('subscriptions.showNeed')}</AppLink>
        </p>
      )}
      <div className="bt-select-field bt-delivery">
        <label htmlFor={selectId} className="ds-label">
          {t('subscriptions.delivery')}
        </label>
        <Select
          id={selectId}
          value={delivery}
          onChange={(event) => setDelivery(event.target.value as Delivery)}
        >
          {(['instant', 'daily', 'weekly'] as const).map((mode) => (
            <Select.Option key={mode} value={mode}>
              {t(`subscriptions.deliveryMode.${mode}`)}
            </Select.Option>
          ))}
        </Select>
      </div>
      <div className="bt-actions">
        <Button
          variant="secondary"
          data-size="sm"
          loading={state === 'busy'}
          aria-describedby={titleId}
          onClick={() => {
            setState('busy');
            updateSubscription(subscription.id, { delivery }).then(
              () => setState('saved'),
              (error: unknown) => setState({ error }),
            );
          }}
        >
          {t('subscriptions.save')}
        </Button>
        <Button
          variant="tertiary"
          data-color="danger"
          data-size="sm"
          aria-describedby={titleId}
          onClick={() => {
            deleteSubscription(subscription.id).then(onRemoved, (error: unknown) => setState({ error }));
          }}
        >
          {t('subscriptions.unsubscribe')}
        </Button>
      </div>
      <div role="status" className="bt-form__status">
        {state === 'saved' && <Paragraph>{t('subscriptions.saved')}</Paragraph>}
      </div>
      {typeof state === 'object' && <ApiErrorAlert error={state.error} headingLevel={false} />}
    </Card>
  );
}
