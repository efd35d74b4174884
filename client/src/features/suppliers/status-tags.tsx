import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { OrganisationStatus as OrgStatus } from '../../api/organisations';
import type { ModerationState } from '../../api/suppliers';

const moderationColor = {
  pending_review: 'warning',
  approved: 'success',
  rejected: 'danger',
  suspended: 'danger',
} as const;
const orgColor = { pending: 'warning', verified: 'success', rejected: 'danger' } as const;

export function ModerationStatus({ status }: { status: ModerationState }) {
  const { t } = useTranslation();
  return <Tag data-color={moderationColor[status] ?? 'neutral'}>{t(`moderation.${status}`)}</Tag>;
}

export function OrganisationStatus({ status }: { status: OrgStatus }) {
  const { t } = useTranslation();
  return <Tag data-color={orgColor[status] ?? 'neutral'}>{t(`organisationStatus.${status}`)}</Tag>;
}
