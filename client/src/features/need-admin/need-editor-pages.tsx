import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { buyerGroups } from '../../api/networks';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { NetworkWorkspace } from '../network/network-workspace';
import { NeedForm } from './need-form';
import { NeedWorkspace, type NeedContext } from './need-workspace';
import './need-admin.css';

/** `/natverk/:id/nytt-behov`: a member of the network drafts a need. */
export function NewNeedPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <NetworkWorkspace title={t('needForm.newTitle')}>
      {({ network, coordinator }) => (
        <NewNeed
          networkId={network.id}
          coordinator={coordinator}
          members={network.members}
          onDone={(id, action) =>
            void navigate(action === 'submit' ? paths.needManage(id) : paths.needEdit(id), {
              replace: action !== 'submit',
              state: { [action === 'submit' ? 'submitted' : 'saved']: true },
            })
          }
        />
      )}
    </NetworkWorkspace>
  );
}

function NewNeed({
  networkId,
  coordinator,
  members,
  onDone,
}: {
  networkId: string;
  coordinator: boolean;
  members: { id: string; name: string }[];
  onDone: (id: string, action: 'save' | 'submit') => void;
}) {
  const { t } = useTranslation();
  const groups = useApi(`groups:${networkId}`, (signal) => buyerGroups(networkId, signal));
  return (
    <>
      <Paragraph className="bt-lead">{t('needForm.lead')}</Paragraph>
      {groups.status === 'error' && (
        <ApiErrorAlert error={groups.error} onRetry={groups.reload} headingLevel={false} />
      )}
      {groups.status === 'success' && (
        <NeedForm
          networkId={networkId}
          members={members}
          groups={groups.data}
          canSubmit={coordinator}
          onDone={(need, action) => onDone(need.id, action)}
        />
      )}
    </>
  );
}

/** `/behov/:id/redigera`: edit a draft, a rejected or a published need (then every change is logged). */
export function EditNeedPage() {
  const { t } = useTranslation();
  return (
    <NeedWorkspace title={t('needForm.editTitle')}>
      {(context) => <EditNeed context={context} />}
    </NeedWorkspace>
  );
}

function EditNeed({ context }: { context: NeedContext }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [saved, setSaved] = useState((location.state as { saved?: boolean } | null)?.saved === true);
  const { need, network, coordinator } = context;
  const groups = useApi(`groups:${network.id}`, (signal) => buyerGroups(network.id, signal));
  if (!need.permissions.edit) {
    return (
      <Paragraph>
        {need.status === 'submitted' ? t('needForm.notEditableSubmitted') : t('needForm.notEditable')}{' '}
        <AppLink to={paths.needManage(need.id)}>{t('needManage.overview')}</AppLink>
      </Paragraph>
    );
  }
  if (groups.status === 'loading') return <Paragraph>{t('common.loading')}</Paragraph>;
  if (groups.status === 'error')
    return <ApiErrorAlert error={groups.error} onRetry={groups.reload} headingLevel={false} />;
  return (
    <>
      {need.status === 'rejected' && need.rejection && (
        <Alert data-color="danger" className="bt-block">
          <Paragraph>{t('needManage.rejectedTitle')}</Paragraph>
          <Paragraph>{t('supplier.reason', { reason: need.rejection.reason })}</Paragraph>
        </Alert>
      )}
      {need.status === 'published' && (
        <Alert data-color="info" className="bt-block">
          <Paragraph>{t('needForm.publishedNote')}</Paragraph>
        </Alert>
      )}
      <div role="status" className="bt-form__status">
        {saved && <Paragraph>{t('needForm.saved')}</Paragraph>}
      </div>
      <NeedForm
        networkId={network.id}
        need={need}
        members={network.members}
        groups={groups.data}
        canSubmit={coordinator}
        onDone={(updated, action) => {
          if (action === 'submit') {
            void navigate(paths.needManage(updated.id), { state: { submitted: true } });
          } else {
            setSaved(false);
            // Announce again even when the previous save said the same.
            requestAnimationFrame(() => setSaved(true));
          }
        }}
      />
    </>
  );
}
