import { Alert, Button, Heading, Paragraph, Select, Skeleton, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { User } from '../../api/accounts';
import { isNotFound } from '../../api/errors';
import {
  changeMemberRole,
  getOrganisation,
  organisationMembers,
  removeOrganisationMember,
  type MembershipRole,
  type Organisation,
  type OrganisationMember,
} from '../../api/organisations';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { ConfirmButton } from '../../shared/ui/confirm-button';
import { PageHeading } from '../../shared/ui/page-heading';
import { OrganisationStatus } from '../suppliers/status-tags';
import './account.css';
import { TableScroll } from '../../shared/ui/table-scroll';
import { OrganisationInvitations } from './organisation-invitations';

/** `/konto/organisationer/:id`: an organisation I belong to, its people and their roles (emails link here). */
export function OrganisationPage() {
  const { id = '' } = useParams();
  return <RequireLogin>{(user) => <OrganisationView key={id} id={id} user={user} />}</RequireLogin>;
}

function OrganisationView({ id, user }: { id: string; user: User }) {
  const { t } = useTranslation();
  const [refresh, setRefresh] = useState(0);
  const data = useApi(
    `organisation:${id}:${refresh}`,
    async (signal) => {
      const [organisation, members] = await Promise.all([
        getOrganisation(id, signal),
        organisationMembers(id, signal),
      ]);
      return { organisation, members };
    },
    { keepPrevious: true },
  );
  usePageTitle(data.status === 'success' ? data.data.organisation.name : t('organisationPage.loading'));
  if (data.status === 'loading') {
    return (
      <div className="bt-container bt-page">
        <PageHeading busy>
          <span className="bt-visually-hidden">{t('organisationPage.loading')}</span>
          <Skeleton variant="text" width="40%" aria-hidden="true" />
        </PageHeading>
      </div>
    );
  }
  if (data.status === 'error') {
    return (
      <div className="bt-container bt-page">
        <PageHeading>
          {isNotFound(data.error) ? t('organisationPage.notFoundTitle') : t('common.errorTitle')}
        </PageHeading>
        <ApiErrorAlert error={data.error} onRetry={data.reload} headingLevel={false} />
      </div>
    );
  }
  const { organisation, members } = data.data;
  const me = members.find((m) => m.userId === user.id);
  const owner = me?.role === 'owner';
  return (
    <div className="bt-container bt-page">
      <p className="bt-back">
        <AppLink to={organisation.kind === 'buyer' ? paths.buyerHome : paths.supplierHome}>
          {organisation.kind === 'buyer' ? t('buyer.back') : t('profile.back')}
        </AppLink>
      </p>
      <PageHeading>{organisation.name}</PageHeading>
      <Facts organisation={organisation} />
      <Members
        organisation={organisation}
        members={members}
        user={user}
        owner={owner}
        onChanged={() => setRefresh((n) => n + 1)}
      />
      {owner && <OrganisationInvitations organisationId={organisation.id} />}
    </div>
  );
}

function Facts({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  return (
    <>
      {organisation.status === 'rejected' && organisation.rejectionReason && (
        <Alert data-color="danger" className="bt-block">
          <Paragraph>{t('supplier.reason', { reason: organisation.rejectionReason })}</Paragraph>
        </Alert>
      )}
      <dl className="bt-facts">
        <dt>{t('organisationPage.kind')}</dt>
        <dd>
          {t(`organisationKind.${organisation.kind}`)}
          {organisation.buyerType ? ` – ${t(`buyerType.${organisation.buyerType}`)}` : ''}
        </dd>
        <dt>{t('supplier.orgNumber')}</dt>
        <dd>{organisation.orgNumber}</dd>
        <dt>{t('organisationPage.status')}</dt>
        <dd>
          <OrganisationStatus status={organisation.status} />
        </dd>
        <dt>{t('organisationPage.id')}</dt>
        <dd>
          <code className="bt-code">{organisation.id}</code>
          {organisation.kind === 'buyer' && (
            <Paragraph data-size="sm" className="bt-muted">
              {t('organisationPage.idHelp')}
            </Paragraph>
          )}
        </dd>
      </dl>
    </>
  );
}

interface MembersProps {
  organisation: Organisation;
  members: OrganisationMember[];
  user: User;
  owner: boolean;
  onChanged: () => void;
}

function Members({ organisation, members, user, owner, onChanged }: MembersProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="org-members" className="bt-section">
      <Heading level={2} data-size="sm" id="org-members">
        {t('organisationPage.membersTitle', { count: members.length })}
      </Heading>
      <TableScroll label={t('organisationPage.membersCaption', { name: organisation.name })}>
        <Table data-size="sm" border>
          <caption className="bt-visually-hidden">
            {t('organisationPage.membersCaption', { name: organisation.name })}
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('organisationPage.person')}</Table.HeaderCell>
              <Table.HeaderCell>{t('forms.email')}</Table.HeaderCell>
              <Table.HeaderCell>{t('organisationPage.role')}</Table.HeaderCell>
              <Table.HeaderCell>{t('organisationPage.joined')}</Table.HeaderCell>
              <Table.HeaderCell>
                <span className="bt-visually-hidden">{t('networkMembers.actions')}</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {members.map((m) => {
              const self = m.userId === user.id;
              return (
                <Table.Row key={m.userId}>
                  <Table.HeaderCell scope="row" id={`person-${m.userId}`}>
                    {m.name || m.email}
                    {self ? ` (${t('organisationPage.you')})` : ''}
                  </Table.HeaderCell>
                  <Table.Cell>{m.email}</Table.Cell>
                  <Table.Cell>
                    {/* Owners demote here; making someone owner takes their consent (an invitation). */}
                    {owner && !self && m.role === 'owner' ? (
                      <RoleSelect organisationId={organisation.id} member={m} onChanged={onChanged} />
                    ) : (
                      t(`memberRole.${m.role}`)
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <time dateTime={format.iso(m.joinedAt)}>{format.date(m.joinedAt)}</time>
                  </Table.Cell>
                  <Table.Cell>
                    {(owner || self) && (
                      <ConfirmButton
                        question={
                          self
                            ? t('organisationPage.leaveQuestion', { name: organisation.name })
                            : t('organisationPage.removeQuestion', { name: m.name || m.email })
                        }
                        confirmLabel={
                          self ? t('organisationPage.leaveConfirm') : t('organisationPage.removeConfirm')
                        }
                        describedBy={`person-${m.userId}`}
                        onConfirm={async () => {
                          await removeOrganisationMember(organisation.id, m.userId);
                          if (self) await navigate(paths.account);
                          else onChanged();
                        }}
                      >
                        {self ? t('organisationPage.leave') : t('organisationPage.remove')}
                      </ConfirmButton>
                    )}
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      </TableScroll>
    </section>
  );
}

function RoleSelect({
  organisationId,
  member,
  onChanged,
}: {
  organisationId: string;
  member: OrganisationMember;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<MembershipRole>(member.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const selectId = `role-${member.userId}`;
  return (
    <div className="bt-inline-form">
      <label htmlFor={selectId} className="bt-visually-hidden">
        {t('organisationPage.roleOf', { name: member.name || member.email })}
      </label>
      <Select
        id={selectId}
        data-size="sm"
        value={role}
        onChange={(e) => setRole(e.target.value as MembershipRole)}
      >
        <Select.Option value="owner">{t('memberRole.owner')}</Select.Option>
        <Select.Option value="member">{t('memberRole.member')}</Select.Option>
      </Select>
      {role !== member.role && (
        <Button
          data-size="sm"
          variant="secondary"
          loading={busy}
          onClick={() => {
            setBusy(true);
            setError(undefined);
            changeMemberRole(organisationId, member.userId, role).then(onChanged, (e: unknown) => {
              setError(e);
              setBusy(false);
            });
          }}
        >
          {t('organisationPage.saveRole')}
        </Button>
      )}
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </div>
  );
}
