import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SupplierProfile } from '../../api/suppliers';
import { CpvLabel } from '../../shared/reference/cpv-label';
import { useRegionNames } from '../../shared/reference/region-picker';

/**
 * A supplier profile as verified buyers see it (contact persons only when the viewer may see them).
 * Used by the public supplier page, the supplier's preview and the admin's moderation queue.
 */
export function ProfileView({
  profile,
  headingLevel = 2,
  hideName = false,
}: {
  profile: SupplierProfile;
  headingLevel?: 2 | 3;
  /** The page's h1 already names the supplier: sections start at `headingLevel`. */
  hideName?: boolean;
}) {
  const { t } = useTranslation();
  const regionName = useRegionNames();
  const sub = (hideName ? headingLevel : headingLevel + 1) as 2 | 3 | 4;
  return (
    <article
      className="bt-profile-view"
      aria-labelledby={hideName ? undefined : `profile-${profile.id}-name`}
      aria-label={hideName ? profile.name : undefined}
    >
      {!hideName && (
        <Heading level={headingLevel} data-size="md" id={`profile-${profile.id}-name`}>
          {profile.name}
        </Heading>
      )}
      <Paragraph data-size="lg">{profile.pitch}</Paragraph>
      <div className="bt-tags">
        <Tag data-color="neutral">{t(`companySize.${profile.companySize}`)}</Tag>
        <Tag data-color="neutral">{t('supplier.orgNumberShort', { number: profile.orgNumber })}</Tag>
      </div>
      {profile.description && <Paragraph className="bt-pre-line">{profile.description}</Paragraph>}
      <Heading level={sub} data-size="xs">
        {t('profile.offerings')}
      </Heading>
      <ul>
        {profile.offerings.map((o, i) => (
          <li key={i}>
            {o.name} <span className="bt-muted">({t(`offeringType.${o.type}`)})</span>
          </li>
        ))}
      </ul>
      <Heading level={sub} data-size="xs">
        {t('profile.cpvCodes')}
      </Heading>
      <ul>
        {profile.cpvCodes.map((c) => (
          <li key={c.code}>
            <CpvLabel code={c.code} labels={{ sv: c.sv, en: c.en }} />
          </li>
        ))}
      </ul>
      <Heading level={sub} data-size="xs">
        {t('profile.regions')}
      </Heading>
      <Paragraph>{profile.regions.map(regionName).join(', ')}</Paragraph>
      {profile.references.length > 0 && (
        <>
          <Heading level={sub} data-size="xs">
            {t('profile.references')}
          </Heading>
          <ul>
            {profile.references.map((r, i) => (
              <li key={i}>
                <strong>{r.buyerName}</strong> ({r.year}){r.text ? ` – ${r.text}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {profile.website && (
        <Paragraph>
          <a href={profile.website} rel="noopener noreferrer">
            {profile.website}
          </a>
        </Paragraph>
      )}
      {profile.contacts && profile.contacts.length > 0 && (
        <>
          <Heading level={sub} data-size="xs">
            {t('profile.contacts')}
          </Heading>
          <ul className="bt-contact-list">
            {profile.contacts.map((c, i) => (
              <li key={i}>
                <strong>{c.name}</strong>
                {c.role ? `, ${c.role}` : ''}
                <br />
                <a href={`mailto:${c.email}`}>{c.email}</a>
                {c.phone ? ` · ${c.phone}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
