import { Card, Heading, Label, Paragraph, Search } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { searchNeeds } from '../../api/needs';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { NeedCard, NeedCardSkeleton } from './need-card';
import { searchHref } from './search-params';
import './needs.css';

const newestCount = 6;

export function StartPage() {
  const { t } = useTranslation();
  usePageTitle(undefined);
  return (
    <>
      <section className="bt-hero" aria-labelledby="hero-title">
        <div className="bt-container bt-hero__inner">
          <PageHeading size="xl" id="hero-title">
            {t('home.title')}
          </PageHeading>
          <Paragraph data-size="lg" className="bt-hero__lead">
            {t('home.lead')}
          </Paragraph>
          <StartSearch />
        </div>
      </section>
      <div className="bt-container bt-page">
        <NewestNeeds />
        <div className="bt-audiences">
          <Card data-color="neutral" variant="tinted">
            <Heading level={2} data-size="sm">
              {t('home.forSuppliersTitle')}
            </Heading>
            <Paragraph>{t('home.forSuppliersText')}</Paragraph>
            <AppLink to={paths.needs} data-color="accent">
              {t('home.showAll')}
            </AppLink>
          </Card>
          <Card data-color="neutral" variant="tinted">
            <Heading level={2} data-size="sm">
              {t('home.forNetworksTitle')}
            </Heading>
            <Paragraph>{t('home.forNetworksText')}</Paragraph>
            <AppLink to={paths.about} data-color="accent">
              {t('home.readMore')}
            </AppLink>
          </Card>
        </div>
      </div>
    </>
  );
}

function StartSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  return (
    <form
      role="search"
      action={paths.needs}
      method="get"
      className="bt-hero__search"
      onSubmit={(event) => {
        event.preventDefault();
        void navigate(searchHref(paths.needs, { q: query.trim() }));
      }}
    >
      <Label htmlFor="start-search">{t('home.searchLabel')}</Label>
      <Search>
        <Search.Input
          id="start-search"
          name="q"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Search.Button>{t('home.searchButton')}</Search.Button>
      </Search>
    </form>
  );
}

function NewestNeeds() {
  const { t } = useTranslation();
  const newest = useApi('newest', (signal) =>
    searchNeeds({ sort: 'published_desc', pageSize: newestCount }, signal),
  );
  return (
    <section className="bt-section" aria-labelledby="newest-title">
      <Heading level={2} data-size="md" id="newest-title">
        {t('home.newestTitle')}
      </Heading>
      <div role="status" className="bt-visually-hidden">
        {newest.status === 'loading' ? t('search.loading') : ''}
      </div>
      {newest.status === 'loading' && (
        <ul className="bt-need-grid" aria-hidden="true">
          {Array.from({ length: 3 }, (_, index) => (
            <li key={index}>
              <NeedCardSkeleton />
            </li>
          ))}
        </ul>
      )}
      {newest.status === 'error' && (
        <ApiErrorAlert
          error={newest.error}
          onRetry={newest.reload}
          notFoundMessage={t('search.unavailable')}
          headingLevel={3}
        />
      )}
      {newest.status === 'success' &&
        (newest.data.items.length === 0 ? (
          <Paragraph>{t('home.newestEmpty')}</Paragraph>
        ) : (
          <ul className="bt-need-grid">
            {newest.data.items.map((need) => (
              <li key={need.id}>
                <NeedCard need={need} />
              </li>
            ))}
          </ul>
        ))}
      <p>
        <AppLink to={paths.needs}>{t('home.showAll')}</AppLink>
      </p>
    </section>
  );
}
