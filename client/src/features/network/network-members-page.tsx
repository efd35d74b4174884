import { Button, Heading, Paragraph, Select, Table, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  handOverNetwork,
  inviteOrganisation,
  leaveNetwork,
  networkInvitations,
  revokeInvitation,
} from '../../api/networks';
import { getOrganisation } from '../../api/organisations';
import { isApiError } from '../../api/http';
import { paths } from '../../app/paths';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { ConfirmButton } from '../../shared/ui/confirm-button';
import { InvitationStatusTag } from '../buyer/status-tags';
import { NetworkWorkspace, type NetworkContext } from './network-workspace';
import { TableScroll } from '../../shared/ui/table-scroll';

/** `/natverk/:id/hantera/medlemmar`: member organisations, invitations, hand-over and leaving. */
export function NetworkMembersPage() {
  const { t } = useTranslation();
  return (
    <NetworkWorkspace title={t('networkManage.members')}>
      {(context) => <Members context={context} />}
    </NetworkWorkspace>
  );
}

function Members({ context }: { context: NetworkContext }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { network, coordinator, myMemberOrgIds } = context;
  return (
    <>
      <Paragraph className="bt-lead">{t('networkMembers.lead')}</Paragraph>
      <section aria-labelledby="members-title" className="bt-section">
        <Heading level={2} data-size="sm" id="members-title">
          {t('networkMembers.membersTitle', { count: network.members.length })}
        </Heading>
        <TableScroll label={t('networkMembers.membersCaption')}>
          <Table data-size="sm" border>
            <caption className="bt-visually-hidden">{t('networkMembers.membersCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('networkMembers.organisation')}</Table.HeaderCell>
                <Table.HeaderCell>{t('buyer.buyerType')}</Table.HeaderCell>
                <Table.HeaderCell>{t('networkMembers.joined')}</Table.HeaderCell>
                <Table.HeaderCell>{t('networkMembers.role')}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="bt-visually-hidden">{t('networkMembers.actions')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {network.members.map((m) => (
                <Table.Row key={m.id}>
                  <Table.HeaderCell scope="row" id={`member-${m.id}`}>
                    {m.name}
                  </Table.HeaderCell>
                  <Table.Cell>{m.buyerType ? t(`buyerType.${m.buyerType}`) : '–'}</Table.Cell>
                  <Table.Cell>
                    <time dateTime={format.iso(m.joinedAt)}>{format.date(m.joinedAt)}</time>
                  </Table.Cell>
                  <Table.Cell>
                    {m.isCoordinator ? t('networkManage.coordinator') : t('networkMembers.member')}
                  </Table.Cell>
                  <Table.Cell>
                    {!m.isCoordinator && myMemberOrgIds.includes(m.id) && (
                      <ConfirmButton
                        question={t('networkMembers.leaveQuestion', { name: m.name })}
                        confirmLabel={t('networkMembers.leaveConfirm')}
                        describedBy={`member-${m.id}`}
                        onConfirm={async () => {
                          await leaveNetwork(network.id, m.id);
                          await navigate(paths.buyerHome);
                        }}
                      >
                        {t('networkMembers.leave')}
                      </ConfirmButton>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
        {coordinator && network.members.length > 1 && <HandOver context={context} />}
      </section>
      {coordinator ? (
        <Invitations networkId={network.id} />
      ) : (
        <Paragraph className="bt-muted">{t('networkMembers.onlyCoordinator')}</Paragraph>
      )}
    </>
  );
}

function HandOver({ context }: { context: NetworkContext }) {
  const { t } = useTranslation();
  const { network } = context;
  const others = network.members.filter((m) => !m.isCoordinator);
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const name = others.find((m) => m.id === target)?.name ?? '';
  return (
    <details className="bt-disclosure">
      <summary>{t('networkMembers.handOverTitle')}</summary>
      <div className="bt-form bt-narrow">
        <Paragraph>{t('networkMembers.handOverLead')}</Paragraph>
        <div className="bt-select-field">
          <label htmlFor="hand-over-to" className="ds-label">
            {t('networkMembers.handOverTo')}
          </label>
          <Select id="hand-over-to" value={target} onChange={(event) => setTarget(event.target.value)}>
            {others.map((m) => (
              <Select.Option key={m.id} value={m.id}>
                {m.name}
              </Select.Option>
            ))}
          </Select>
        </div>
        <ConfirmButton
          question={t('networkMembers.handOverQuestion', { name })}
          confirmLabel={t('networkMembers.handOverConfirm')}
          onConfirm={async () => {
            await handOverNetwork(network.id, target);
            context.reload();
          }}
        >
          {t('networkMembers.handOver')}
        </ConfirmButton>
      </div>
    </details>
  );
}

const objectId = /[0-9a-f]{24}/i;

/** An organisation id, or the address of its page (`…/konto/organisationer/<id>`), pasted by the coordinator. */
export function organisationIdFrom(value: string): string | undefined {
  return objectId.exec(value.trim())?.[0]?.toLowerCase();
}

function Invitations({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [refresh, setRefresh] = useState(0);
  const invitations = useApi(
    `network-invitations:${networkId}:${refresh}`,
    (signal) => networkInvitations(networkId, signal),
    { keepPrevious: true },
  );
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string>();

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const raw = String(new FormData(form).get('organisation') ?? '');
    const organisationId = organisationIdFrom(raw);
    if (!errors.check({ organisation: organisationId ? undefined : t('networkMembers.inviteInvalid') }))
      return;
    setBusy(true);
    setSent(undefined);
    try {
      const organisation = await getOrganisation(organisationId!);
      await inviteOrganisation(networkId, organisation.id);
      form.reset();
      errors.clear();
      setSent(organisation.name);
      setRefresh((n) => n + 1);
    } catch (error) {
      if (isApiError(error) && error.code === 'not_found') {
        errors.check({ organisation: t('networkMembers.inviteNotFound') });
      } else {
        errors.fromApiError(error, {
          formMessage: (e) =>
            isApiError(e) &&
            ['already_invited', 'organisation_not_eligible', 'already_member'].includes(e.code)
              ? t(`networkMembers.inviteErrors.${e.code as 'already_invited'}`)
              : undefined,
        });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="invitations-title" className="bt-section">
      <Heading level={2} data-size="sm" id="invitations-title">
        {t('networkMembers.invitationsTitle')}
      </Heading>
      <Paragraph>{t('networkMembers.inviteLead')}</Paragraph>
      <form className="bt-form bt-narrow" noValidate onSubmit={invite}>
        <FormErrorSummary errors={errors} fieldIds={{ organisation: 'invite-organisation' }} />
        <Textfield
          id="invite-organisation"
          name="organisation"
          label={t('networkMembers.inviteLabel')}
          description={t('networkMembers.inviteDescription')}
          autoComplete="off"
          error={errors.fields.organisation}
        />
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('networkMembers.inviteSubmit')}
          </Button>
        </div>
      </form>
      <div role="status" className="bt-form__status">
        {sent && <Paragraph>{t('networkMembers.invited', { name: sent })}</Paragraph>}
      </div>
      {invitations.status === 'error' && (
        <ApiErrorAlert error={invitations.error} onRetry={invitations.reload} headingLevel={3} />
      )}
      {invitations.status === 'success' && invitations.data.length > 0 && (
        <TableScroll label={t('networkMembers.invitationsTitle')}>
          <Table data-size="sm" border>
            <caption className="bt-visually-hidden">{t('networkMembers.invitationsTitle')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('networkMembers.organisation')}</Table.HeaderCell>
                <Table.HeaderCell>{t('networkManage.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('networkMembers.invitedAt')}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="bt-visually-hidden">{t('networkMembers.actions')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {invitations.data.map((i) => (
                <Table.Row key={i.id}>
                  <Table.HeaderCell scope="row" id={`invitation-${i.id}`}>
                    {i.organisation.name}
                  </Table.HeaderCell>
                  <Table.Cell>
                    <InvitationStatusTag status={i.status} />
                  </Table.Cell>
                  <Table.Cell>
                    <time dateTime={format.iso(i.createdAt)}>{format.date(i.createdAt)}</time>
                  </Table.Cell>
                  <Table.Cell>
                    {i.status === 'pending' && (
                      <ConfirmButton
                        question={t('networkMembers.revokeQuestion', { name: i.organisation.name })}
                        confirmLabel={t('networkMembers.revokeConfirm')}
                        describedBy={`invitation-${i.id}`}
                        onConfirm={async () => {
                          await revokeInvitation(networkId, i.id);
                          setRefresh((n) => n + 1);
                        }}
                      >
                        {t('networkMembers.revoke')}
                      </ConfirmButton>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}
