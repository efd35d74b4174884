import { Button, Fieldset, Heading, Paragraph, Radio, Table, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  inviteOrganisationMember,
  organisationInvitations,
  revokeOrganisationInvitation,
  type MembershipRole,
} from '../../api/organisations';
import { FormErrorSummary, useFormErrors, validators } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { ConfirmButton } from '../../shared/ui/confirm-button';
import { TableScroll } from '../../shared/ui/table-scroll';

/**
 * The owners' side of membership: invite a person by email (they join only by accepting) and
 * see or revoke the invitations sent. The answer never tells whether the address has an account.
 */
export function OrganisationInvitations({ organisationId }: { organisationId: string }) {
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <InviteMember organisationId={organisationId} onInvited={() => setRefresh((n) => n + 1)} />
      <SentInvitations organisationId={organisationId} refresh={refresh} />
    </>
  );
}

function InviteMember({ organisationId, onInvited }: { organisationId: string; onInvited: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const role = (String(data.get('role') ?? 'member') as MembershipRole) || 'member';
    if (
      !errors.check({
        email: validators.email(email, {
          required: t('organisationPage.emailRequired'),
          invalid: t('forms.emailInvalid'),
        }),
      })
    )
      return;
    setBusy(true);
    setInvited(undefined);
    try {
      await inviteOrganisationMember(organisationId, email, role);
      form.reset();
      errors.clear();
      setInvited(email);
      onInvited();
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="org-invite" className="bt-section">
      <Heading level={2} data-size="sm" id="org-invite">
        {t('organisationPage.inviteTitle')}
      </Heading>
      <Paragraph>{t('organisationPage.inviteLead')}</Paragraph>
      <form className="bt-form bt-narrow" noValidate onSubmit={submit}>
        <FormErrorSummary errors={errors} fieldIds={{ email: 'org-invite-email' }} />
        <Textfield
          id="org-invite-email"
          name="email"
          type="email"
          label={t('forms.email')}
          error={errors.fields.email}
          autoComplete="off"
        />
        <Fieldset>
          <Fieldset.Legend>{t('organisationPage.role')}</Fieldset.Legend>
          <Fieldset.Description>{t('organisationPage.inviteRoleHelp')}</Fieldset.Description>
          <Radio
            id="org-invite-role-member"
            name="role"
            value="member"
            label={t('memberRole.member')}
            defaultChecked
          />
          <Radio id="org-invite-role-owner" name="role" value="owner" label={t('memberRole.owner')} />
        </Fieldset>
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('organisationPage.invite')}
          </Button>
        </div>
      </form>
      <div role="status" className="bt-form__status">
        {invited && <Paragraph>{t('organisationPage.invited', { email: invited })}</Paragraph>}
      </div>
    </section>
  );
}

function SentInvitations({ organisationId, refresh }: { organisationId: string; refresh: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [revoked, setRevoked] = useState(0);
  const list = useApi(`organisation-invitations:${organisationId}:${refresh}:${revoked}`, (signal) =>
    organisationInvitations(organisationId, signal),
  );
  if (list.status === 'error') return <ApiErrorAlert error={list.error} onRetry={list.reload} />;
  if (list.status !== 'success' || list.data.length === 0) return null;
  return (
    <section aria-labelledby="org-sent-invitations" className="bt-section">
      <Heading level={2} data-size="sm" id="org-sent-invitations">
        {t('organisationPage.sentTitle')}
      </Heading>
      <TableScroll label={t('organisationPage.sentTitle')}>
        <Table data-size="sm" border>
          <caption className="bt-visually-hidden">{t('organisationPage.sentTitle')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('forms.email')}</Table.HeaderCell>
              <Table.HeaderCell>{t('organisationPage.role')}</Table.HeaderCell>
              <Table.HeaderCell>{t('organisationPage.invitationStatus')}</Table.HeaderCell>
              <Table.HeaderCell>{t('organisationPage.sent')}</Table.HeaderCell>
              <Table.HeaderCell>
                <span className="bt-visually-hidden">{t('organisationPage.actions')}</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {list.data.map((i) => (
              <Table.Row key={i.id}>
                <Table.HeaderCell scope="row" id={`invitation-${i.id}`}>
                  {i.email}
                </Table.HeaderCell>
                <Table.Cell>{t(`memberRole.${i.role}`)}</Table.Cell>
                <Table.Cell>{t(`organisationPage.invitationStatuses.${i.status}`)}</Table.Cell>
                <Table.Cell>
                  <time dateTime={format.iso(i.createdAt)}>{format.date(i.createdAt)}</time>
                </Table.Cell>
                <Table.Cell>
                  {i.status === 'pending' && (
                    <ConfirmButton
                      question={t('organisationPage.revokeQuestion', { email: i.email })}
                      confirmLabel={t('organisationPage.revokeConfirm')}
                      describedBy={`invitation-${i.id}`}
                      onConfirm={async () => {
                        await revokeOrganisationInvitation(organisationId, i.id);
                        setRevoked((n) => n + 1);
                      }}
                    >
                      {t('organisationPage.revoke')}
                    </ConfirmButton>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </TableScroll>
    </section>
  );
}
