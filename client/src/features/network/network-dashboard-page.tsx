import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { updateNetwork } from '../../api/networks';
import { networkNeeds } from '../../api/needs';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { NetworkForm } from '../buyer/network-form';
import { NeedStatusTag, NetworkStatusTag } from '../buyer/status-tags';
import { stageLabel } from '../needs/labels';
import { NetworkWorkspace, type NetworkContext } from './network-workspace';
import { TableScroll } from '../../shared/ui/table-scroll';

/** `/natverk/:id/hantera`: the network's status, its needs (every status) and its details. */
export function NetworkDashboardPage() {
  return <NetworkWorkspace>{(context) => <Dashboard context={context} />}</NetworkWorkspace>;
}

function Dashboard({ context }: { context: NetworkContext }) {
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const { network, coordinator } = context;
  const [saved, setSaved] = useState(false);
  return (
    <>
      {created && (
        <Alert data-color="success" className="bt-block">
          <Paragraph>{t('networkManage.created')}</Paragraph>
        </Alert>
      )}
      {network.status === 'pending' && (
        <Alert data-color="info" className="bt-block">
          <Paragraph>{t('networkManage.pending')}</Paragraph>
        </Alert>
      )}
      {network.status === 'rejected' && (
        <Alert data-color="danger" className="bt-block">
          <Heading level={2} data-size="xs">
            {t('networkManage.rejectedTitle')}
          </Heading>
          {network.rejectionReason && (
            <Paragraph>{t('supplier.reason', { reason: network.rejectionReason })}</Paragraph>
          )}
          <Paragraph>{t('networkManage.rejectedHelp')}</Paragraph>
        </Alert>
      )}
      <dl className="bt-facts">
        <dt>{t('networkManage.status')}</dt>
        <dd>
          <NetworkStatusTag status={network.status} />
        </dd>
        <dt>{t('networkForm.subjectArea')}</dt>
        <dd>{network.subjectArea}</dd>
        <dt>{t('networkManage.coordinator')}</dt>
        <dd>{network.coordinator.name}</dd>
        <dt>{t('networkManage.members')}</dt>
        <dd>
          <AppLink to={paths.networkMembers(network.id)}>
            {t('buyer.memberCount', { count: network.members.length })}
          </AppLink>
        </dd>
        <dt>{t('networkForm.languages')}</dt>
        <dd>{network.languages.map((l) => t(`languageName.${l}`)).join(', ')}</dd>
        <dt>{t('networkForm.contact')}</dt>
        <dd>
          {network.contact.name} · {network.contact.email}
          {network.contact.phone ? ` · ${network.contact.phone}` : ''}
        </dd>
      </dl>
      <NetworkNeeds networkId={network.id} />
      {coordinator && (
        <section aria-labelledby="network-details" className="bt-section">
          <Heading level={2} data-size="sm" id="network-details">
            {t('networkManage.detailsTitle')}
          </Heading>
          <div role="status" className="bt-form__status">
            {saved && <Paragraph>{t('networkManage.saved')}</Paragraph>}
          </div>
          <details className="bt-disclosure">
            <summary>{t('networkManage.edit')}</summary>
            <NetworkForm
              network={network}
              submitLabel={t('networkManage.save')}
              onSubmit={async ({ organisationId: _unused, ...input }) => {
                await updateNetwork(network.id, input);
                setSaved(true);
                context.reload();
              }}
            />
          </details>
        </section>
      )}
    </>
  );
}

function NetworkNeeds({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const needs = useApi(`network-needs:${networkId}`, (signal) => networkNeeds(networkId, signal));
  return (
    <section aria-labelledby="network-needs" className="bt-section">
      <div className="bt-section-head">
        <Heading level={2} data-size="sm" id="network-needs">
          {t('networkManage.needsTitle')}
        </Heading>
        <Button asChild data-size="sm">
          <AppLink to={paths.newNeed(networkId)}>{t('networkManage.newNeed')}</AppLink>
        </Button>
      </div>
      {needs.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {needs.status === 'error' && (
        <ApiErrorAlert error={needs.error} onRetry={needs.reload} headingLevel={3} />
      )}
      {needs.status === 'success' &&
        (needs.data.items.length === 0 ? (
          <Paragraph>{t('networkManage.noNeeds')}</Paragraph>
        ) : (
          <TableScroll label={t('networkManage.needsTitle')}>
            <Table data-size="sm" border>
              <caption className="bt-visually-hidden">{t('networkManage.needsTitle')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('networkManage.needTitle')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('networkManage.status')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('need.stage')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('networkManage.updated')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {needs.data.items.map((n) => (
                  <Table.Row key={n.id}>
                    <Table.HeaderCell scope="row">
                      <AppLink to={paths.needManage(n.id)}>{n.title}</AppLink>
                    </Table.HeaderCell>
                    <Table.Cell>
                      <NeedStatusTag status={n.status} />
                    </Table.Cell>
                    <Table.Cell>{stageLabel(t, n.stage)}</Table.Cell>
                    <Table.Cell>
                      <time dateTime={format.iso(n.updatedAt)}>{format.date(n.updatedAt)}</time>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </TableScroll>
        ))}
    </section>
  );
}
