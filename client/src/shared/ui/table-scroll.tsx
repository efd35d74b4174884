import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A wide table that scrolls sideways on narrow screens: focusable (keyboard users can scroll it)
 * and a named region. Its name says "table", so it never repeats the name of the section around it
 * (two landmarks with one name confuse landmark navigation).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      className="bt-table-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('common.tableRegion', { name: label })}
    >
      {children}
    </div>
  );
}
