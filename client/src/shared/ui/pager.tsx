import { Pagination, usePagination } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface PagerProps {
  page: number;
  totalPages: number;
  /** The URL of a page, so every page is a real link (shareable, opens in a new tab). */
  href: (page: number) => string;
  /** Called when one of the links is followed, e.g. to move focus to the results. */
  onNavigate?: (page: number) => void;
}

/** Designsystemet pagination rendered as links; hidden when everything fits on one page. */
export function Pager({ page, totalPages, href, onNavigate }: PagerProps) {
  const { t } = useTranslation();
  const { pages, hasPrev, hasNext } = usePagination({ currentPage: page, totalPages, showPages: 5 });
  if (totalPages <= 1) return null;
  return (
    <Pagination aria-label={t('pagination.label')} className="bt-pager">
      <Pagination.List>
        <Pagination.Item>
          {hasPrev ? (
            <Pagination.Button asChild variant="tertiary">
              <Link
                to={href(page - 1)}
                aria-label={t('pagination.previousLabel')}
                onClick={() => onNavigate?.(page - 1)}
              >
                {t('pagination.previous')}
              </Link>
            </Pagination.Button>
          ) : (
            <span aria-hidden="true" />
          )}
        </Pagination.Item>
        {pages.map(({ page: item, itemKey }) => (
          <Pagination.Item key={itemKey}>
            {typeof item === 'number' && (
              <Pagination.Button asChild variant="tertiary">
                <Link
                  to={href(item)}
                  aria-label={t('pagination.page', { page: item })}
                  aria-current={item === page ? 'page' : undefined}
                  onClick={() => onNavigate?.(item)}
                >
                  {item}
                </Link>
              </Pagination.Button>
            )}
          </Pagination.Item>
        ))}
        <Pagination.Item>
          {hasNext ? (
            <Pagination.Button asChild variant="tertiary">
              <Link
                to={href(page + 1)}
                aria-label={t('pagination.nextLabel')}
                onClick={() => onNavigate?.(page + 1)}
              >
                {t('pagination.next')}
              </Link>
            </Pagination.Button>
          ) : (
            <span aria-hidden="true" />
          )}
        </Pagination.Item>
      </Pagination.List>
    </Pagination>
  );
}
