import { Alert, Button, Card, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/accounts';
import { isNotFound } from '../../api/errors';
import { createOrganisation, type Organisation } from '../../api/organisations';
import { getOwnProfile } from '../../api/suppliers';
import { paths } from '../../app/paths';
import { FormErrorSummary, useFormErrors, validators } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { RequireLogin } from '../../shared/session/require-login';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { LoadingPage } from '../../shared/ui/loading-page';
import { PageHeading } from '../../shared/ui/page-heading';
import { ModerationStatus, OrganisationStatus } from './status-tags';
import { useMySuppliers } from './use-my-supplier';
import './suppliers.css';

/** `/leverantor`: the supplier's start – register the company, then profile, matches, subscriptions. */
export function SupplierHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('supplier.homeTitle'));
  return <RequireLogin>{(user) => <SupplierHome user={user} />}</RequireLogin>;
}

function SupplierHome({ user }: { user: User }) {
  const { t } = useTranslation();
  const orgs = useMySuppliers(user.id);
  if (orgs.status === 'loading') return <LoadingPage />;
  if (orgs.status === 'error') {
    return (
      <div className="bt-container bt-page">
        <PageHeading>{t('supplier.homeTitle')}</PageHeading>
        <ApiErrorAlert error={orgs.error} onRetry={orgs.reload} headingLevel={false} />
      </div>
    );
  }
  const first = orgs.data[0];
  return (
    <div className="bt-container bt-page">
      <PageHeading>{first ? first.organisation.name : t('supplier.homeTitle')}</PageHeading>
      {!user.emailVerified && (
        <Alert data-color="warning">
          <Paragraph>{t('errors.codes.email_not_verified')}</Paragraph>
        </Alert>
      )}
      {first ? (
        <SupplierOverview organisation={first.organisation} />
      ) : (
        <RegisterSupplier onCreated={orgs.reload} />
      )}
    </div>
  );
}

function SupplierOverview({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const profile = useApi(`own-profile:${organisation.id}`, (signal) =>
    getOwnProfile(organisation.id, signal).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    }),
  );
  return (
    <>
      <dl className="bt-facts">
        <dt>{t('supplier.orgNumber')}</dt>
        <dd>{organisation.orgNumber}</dd>
        <dt>{t('supplier.orgStatus')}</dt>
        <dd>
          <OrganisationStatus status={organisation.status} />
          {organisation.rejectionReason && (
            <Paragraph data-size="sm">
              {t('supplier.reason', { reason: organisation.rejectionReason })}
            </Paragraph>
          )}
        </dd>
        <dt>{t('supplier.profileStatus')}</dt>
        <dd>
          {profile.status === 'success' ? (
            profile.data ? (
              <>
                <ModerationStatus status={profile.data.status} />
                {profile.data.rejectionReason && (
                  <Paragraph data-size="sm">
                    {t('supplier.reason', { reason: profile.data.rejectionReason })}
                  </Paragraph>
                )}
              </>
            ) : (
              <Tag data-color="neutral">{t('supplier.noProfile')}</Tag>
            )
          ) : profile.status === 'loading' ? (
            t('common.loading')
          ) : (
            <ApiErrorAlert error={profile.error} onRetry={profile.reload} headingLevel={false} />
          )}
        </dd>
      </dl>
      <div className="bt-card-grid">
        <Card data-color="neutral" variant="tinted">
          <Heading level={2} data-size="xs">
            {t('supplier.profileCardTitle')}
          </Heading>
          <Paragraph>{t('supplier.profileCardText')}</Paragraph>
          <ul className="bt-link-list">
            <li>
              <AppLink to={paths.supplierProfile}>
                {profile.status === 'success' && profile.data
                  ? t('supplier.editProfile')
                  : t('supplier.createProfile')}
              </AppLink>
            </li>
            {profile.status === 'success' && profile.data && (
              <li>
                <AppLink to={paths.supplierPreview}>{t('supplier.previewProfile')}</AppLink>
              </li>
            )}
          </ul>
        </Card>
        <Card data-color="neutral" variant="tinted">
          <Heading level={2} data-size="xs">
            {t('supplier.findCardTitle')}
          </Heading>
          <Paragraph>{t('supplier.findCardText')}</Paragraph>
          <ul className="bt-link-list">
            <li>
              <AppLink to={paths.supplierMatches}>{t('supplier.matchesLink')}</AppLink>
            </li>
            <li>
              <AppLink to={paths.needs}>{t('nav.needs')}</AppLink>
            </li>
            <li>
              <AppLink to={paths.subscriptions}>{t('supplier.subscriptionsLink')}</AppLink>
            </li>
            <li>
              <AppLink to={paths.supplierMeetings}>{t('supplier.meetingsLink')}</AppLink>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}

const ids = { name: 'org-name', orgNumber: 'org-number', website: 'org-website' };

function RegisterSupplier({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const orgNumber = String(data.get('orgNumber') ?? '').trim();
    const website = String(data.get('website') ?? '').trim();
    const ok = errors.check({
      name: validators.required(name, t('supplier.nameRequired')),
      orgNumber: validators.required(orgNumber, t('supplier.orgNumberRequired')),
    });
    if (!ok) return;
    setBusy(true);
    try {
      await createOrganisation({
        kind: 'supplier',
        name,
        country: 'SE',
        orgNumber,
        ...(website ? { website } : {}),
      });
      onCreated();
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="register-org-title" className="bt-narrow">
      <Heading level={2} data-size="sm" id="register-org-title">
        {t('supplier.registerTitle')}
      </Heading>
      <Paragraph>{t('supplier.registerLead')}</Paragraph>
      <form className="bt-form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary errors={errors} fieldIds={ids} />
        <Textfield
          id={ids.name}
          name="name"
          label={t('supplier.orgName')}
          autoComplete="organization"
          error={errors.fields.name}
        />
        <Textfield
          id={ids.orgNumber}
          name="orgNumber"
          label={t('supplier.orgNumber')}
          description={t('supplier.orgNumberDescription')}
          inputMode="numeric"
          error={errors.fields.orgNumber && t('supplier.orgNumberInvalid')}
        />
        <Textfield
          id={ids.website}
          name="website"
          type="url"
          label={t('supplier.website')}
          description={t('supplier.websiteDescription')}
          error={errors.fields.website}
        />
        <div className="bt-actions">
          <Button type="submit" loading={busy}>
            {t('supplier.registerSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
