import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { User } from '../../api/accounts';
import type { MyOrganisation } from '../../api/organisations';
import { paths } from '../../app/paths';
import { useApi } from '../hooks/use-api';
import { AppLink } from '../ui/app-link';
import { myOrganisations } from '../../api/organisations';

/**
 * Whether the visitor may act as a supplier (register for meetings, ask questions) and, if not,
 * what is missing. Mirrors the API's rule (`supplierOrganisationOf`): a confirmed email address and
 * a verified supplier organisation. Known before the button is pressed, so nobody is offered an
 * action that can only fail.
 */
export type SupplierStanding =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'email_not_verified' }
  | { status: 'no_company' }
  | { status: 'pending'; name: string }
  | { status: 'rejected'; name: string }
  | { status: 'ready'; organisationId: string }
  /** The organisations could not be read: let the action decide (the API answers with a reason). */
  | { status: 'unknown' };

export function standingOf(
  user: User | undefined,
  organisations: MyOrganisation[] | undefined,
): SupplierStanding {
  if (!user) return { status: 'anonymous' };
  if (!user.emailVerified) return { status: 'email_not_verified' };
  if (!organisations) return { status: 'loading' };
  const suppliers = organisations.filter((m) => m.organisation.kind === 'supplier');
  const verified = suppliers.find((m) => m.organisation.status === 'verified');
  if (verified) return { status: 'ready', organisationId: verified.organisation.id };
  const pending = suppliers.find((m) => m.organisation.status === 'pending');
  if (pending) return { status: 'pending', name: pending.organisation.name };
  const rejected = suppliers[0];
  if (rejected) return { status: 'rejected', name: rejected.organisation.name };
  return { status: 'no_company' };
}

/** The standing of the logged-in user; reads GET /api/me/organisations only when someone is logged in. */
export function useSupplierStanding(user: User | undefined, enabled = true): SupplierStanding {
  const wanted = enabled && Boolean(user?.emailVerified);
  const organisations = useApi<MyOrganisation[] | undefined>(
    `supplier-standing:${wanted ? user?.id : 'none'}`,
    (signal) => (wanted ? myOrganisations(signal) : Promise.resolve(undefined)),
  );
  if (!user) return { status: 'anonymous' };
  if (!user.emailVerified) return { status: 'email_not_verified' };
  if (organisations.status === 'error') return { status: 'unknown' };
  if (organisations.status === 'loading' || !organisations.data) return { status: 'loading' };
  return standingOf(user, organisations.data);
}

/** Words for what stops a supplier action, and the link that fixes it. */
export function StandingNotice({
  standing,
  action,
}: {
  standing: SupplierStanding;
  /** What the visitor wants to do: 'meeting' (register for a meeting) or 'question' (ask). */
  action: 'meeting' | 'question';
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  switch (standing.status) {
    case 'anonymous':
      return (
        <Paragraph data-size="sm">
          {t(`standing.${action}.anonymous`)}{' '}
          <AppLink to={paths.loginThen(here)}>{t('standing.login')}</AppLink>
          {' · '}
          <AppLink to={paths.register}>{t('standing.createAccount')}</AppLink>
        </Paragraph>
      );
    case 'email_not_verified':
      return (
        <Alert data-color="info" data-size="sm">
          <Paragraph data-size="sm">{t(`standing.${action}.emailNotVerified`)}</Paragraph>
          <Paragraph data-size="sm">
            <AppLink to={paths.account}>{t('standing.toAccount')}</AppLink>
          </Paragraph>
        </Alert>
      );
    case 'no_company':
      return (
        <Alert data-color="info" data-size="sm">
          <Paragraph data-size="sm">{t(`standing.${action}.noCompany`)}</Paragraph>
          <Paragraph data-size="sm">
            <AppLink to={paths.supplierHome}>{t('standing.registerCompany')}</AppLink>
          </Paragraph>
        </Alert>
      );
    case 'pending':
      return (
        <Alert data-color="info" data-size="sm">
          <Paragraph data-size="sm">{t(`standing.${action}.pending`, { name: standing.name })}</Paragraph>
          <Paragraph data-size="sm">
            <AppLink to={paths.supplierHome}>{t('standing.companyStatus')}</AppLink>
          </Paragraph>
        </Alert>
      );
    case 'rejected':
      return (
        <Alert data-color="warning" data-size="sm">
          <Paragraph data-size="sm">{t(`standing.${action}.rejected`, { name: standing.name })}</Paragraph>
          <Paragraph data-size="sm">
            <AppLink to={paths.supplierHome}>{t('standing.companyStatus')}</AppLink>
          </Paragraph>
        </Alert>
      );
    default:
      return null;
  }
}
