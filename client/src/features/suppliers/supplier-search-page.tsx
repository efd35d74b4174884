import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Search,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { searchSuppliers, type CompanySize, type SupplierHit } from '../../api/suppliers';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { CpvLabel } from '../../shared/reference/cpv-label';
import { useRegionNames } from '../../shared/reference/region-picker';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { Highlighted } from '../../shared/ui/highlighted';
import { PageHeading } from '../../shared/ui/page-heading';
import { FilterDisclosure } from '../../shared/ui/filter-disclosure';
import { Pager } from '../../shared/ui/pager';
import { regionCodes } from '../needs/labels';
import { parseSupplierSearch, suppliersHref, toSupplierQuery } from './supplier-search-params';
import './suppliers.css';

const sizes: CompanySize[] = ['micro', 'small', 'medium', 'large'];

/**
 * `/leverantorer?q=&cpv=&region=&size=&page=`: supplier search for buyers. Verified buyers see every
 * approved profile; everyone else the public ones (the API decides).
 */
export function SupplierSearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const state = parseSupplierSearch(params);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  usePageTitle(state.q ? t('supplierSearch.titleWithQuery', { query: state.q }) : t('supplierSearch.title'));
  const result = useApi(`supplier-search:${params.toString()}`, (signal) =>
    searchSuppliers(toSupplierQuery(state), signal),
  );
  const regionName = useRegionNames();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const cpv = String(data.get('cpv') ?? '')
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    const region = String(data.get('region') ?? '');
    void navigate(
      suppliersHref({
        q: String(data.get('q') ?? '').trim(),
        cpv,
        region: region ? [region] : [],
        size: data.getAll('size').map(String),
      }),
    );
  }

  return (
    <div className="bt-container bt-page">
      <PageHeading>{t('supplierSearch.title')}</PageHeading>
      <Paragraph className="bt-lead">{t('supplierSearch.lead')}</Paragraph>
      <form
        role="search"
        aria-label={t('supplierSearch.formLabel')}
        className="bt-filters"
        onSubmit={onSubmit}
        key={params.toString()}
      >
        <Search>
          <Search.Input name="q" aria-label={t('supplierSearch.queryLabel')} defaultValue={state.q} />
          <Search.Clear aria-label={t('search.clearQuery')} />
          <Search.Button type="submit">{t('home.searchButton')}</Search.Button>
        </Search>
        <FilterDisclosure active={state.cpv.length + state.region.length + state.size.length}>
          <div className="bt-filters__row">
            <Textfield
              id="supplier-cpv"
              name="cpv"
              label={t('supplierSearch.cpv')}
              description={t('supplierSearch.cpvDescription')}
              defaultValue={state.cpv.join(', ')}
            />
            <div className="bt-select-field">
              <label htmlFor="supplier-region" className="ds-label">
                {t('search.regionLabel')}
              </label>
              <Select id="supplier-region" name="region" defaultValue={state.region[0] ?? ''}>
                <Select.Option value="">{t('common.any')}</Select.Option>
                {regionCodes.map((code) => (
                  <Select.Option key={code} value={code}>
                    {regionName(code)}
                  </Select.Option>
                ))}
              </Select>
            </div>
          </div>
          <Fieldset>
            <Fieldset.Legend>{t('profile.companySize')}</Fieldset.Legend>
            <div className="bt-checkbox-row">
              {sizes.map((s) => (
                <Checkbox
                  key={s}
                  id={`supplier-size-${s}`}
                  name="size"
                  value={s}
                  label={t(`companySizeShort.${s}`)}
                  defaultChecked={state.size.includes(s)}
                />
              ))}
            </div>
          </Fieldset>
          <div className="bt-inline-actions">
            <Button type="submit" data-size="sm">
              {t('supplierSearch.submit')}
            </Button>
            <AppLink to={paths.suppliers}>{t('search.clear')}</AppLink>
          </div>
        </FilterDisclosure>
      </form>

      <Heading level={2} data-size="sm" ref={resultsRef} tabIndex={-1} id="supplier-results">
        {result.status === 'success'
          ? t('supplierSearch.count', { count: result.data.total })
          : t('search.resultsLabel')}
      </Heading>
      <div role="status" className="bt-visually-hidden">
        {result.status === 'success' ? t('supplierSearch.count', { count: result.data.total }) : ''}
      </div>
      {result.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {result.status === 'error' && (
        <ApiErrorAlert error={result.error} onRetry={result.reload} headingLevel={3} />
      )}
      {result.status === 'success' && (
        <>
          {result.data.degraded && (
            <Alert data-color="warning">
              <Paragraph>{t('search.degraded')}</Paragraph>
            </Alert>
          )}
          {result.data.items.length === 0 ? (
            <div className="bt-empty">
              <Paragraph>{t('supplierSearch.empty')}</Paragraph>
            </div>
          ) : (
            <ul className="bt-plain-list bt-match-list">
              {result.data.items.map((s) => (
                <li key={s.id}>
                  <SupplierCard supplier={s} />
                </li>
              ))}
            </ul>
          )}
          <Pager
            page={result.data.page}
            totalPages={result.data.totalPages}
            href={(page) => suppliersHref({ ...state, page })}
            onNavigate={() => resultsRef.current?.focus()}
          />
        </>
      )}
    </div>
  );
}

function SupplierCard({ supplier }: { supplier: SupplierHit }) {
  const { t } = useTranslation();
  const regionName = useRegionNames();
  const titleId = `supplier-${supplier.id}`;
  return (
    <Card data-color="neutral" aria-labelledby={titleId}>
      <Heading level={3} data-size="xs" id={titleId}>
        <AppLink to={paths.supplier(supplier.id)}>
          <Highlighted text={supplier.highlight?.name} fallback={supplier.name} />
        </AppLink>
      </Heading>
      <Paragraph>
        <Highlighted text={supplier.highlight?.pitch} fallback={supplier.pitch} />
      </Paragraph>
      <div className="bt-tags">
        <Tag data-color="neutral">{t(`companySizeShort.${supplier.companySize}`)}</Tag>
        {supplier.regions.slice(0, 4).map((r) => (
          <Tag key={r} data-color="neutral">
            {regionName(r)}
          </Tag>
        ))}
      </div>
      {supplier.offerings.length > 0 && (
        <Paragraph data-size="sm">
          {t('supplierSearch.offerings', { list: supplier.offerings.slice(0, 5).join(', ') })}
        </Paragraph>
      )}
      {supplier.cpvCodes.length > 0 && (
        <ul className="bt-plain-list bt-cpv-inline">
          {supplier.cpvCodes.slice(0, 3).map((code) => (
            <li key={code}>
              <CpvLabel code={code} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
