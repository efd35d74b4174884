import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { InvitationStatus, NetworkStatus } from '../../api/networks';
import type { NeedStatus } from '../../api/needs';

const networkColor = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;
const needColor = {
  draft: 'neutral',
  submitted: 'warning',
  published: 'success',
  rejected: 'danger',
  closed: 'info',
} as const;
const invitationColor = {
  pending: 'warning',
  accepted: 'success',
  declined: 'neutral',
  revoked: 'neutral',
} as const;

export function NetworkStatusTag({ status }: { status: NetworkStatus }) {
  const { t } = useTranslation();
  return <Tag data-color={networkColor[status] ?? 'neutral'}>{t(`networkStatus.${status}`)}</Tag>;
}

export function NeedStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = status as NeedStatus;
  return <Tag data-color={needColor[known] ?? 'neutral'}>{t(`needStatusShort.${known}`)}</Tag>;
}

export function InvitationStatusTag({ status }: { status: InvitationStatus }) {
  const { t } = useTranslation();
  return <Tag data-color={invitationColor[status] ?? 'neutral'}>{t(`invitationStatus.${status}`)}</Tag>;
}
