import { Button } from '@digdir/designsystemet-react';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FilterDisclosureProps {
  /** How many filters are in use (shown on the button: "Filtrera (2 valda)"). */
  active: number;
  /** Opens it when this becomes true (e.g. a filter field has an error the summary links to). */
  openWhen?: boolean;
  children: ReactNode;
}

/**
 * Search filters that step aside on phones: below 40rem they hide behind a disclosure button
 * (aria-expanded, aria-controls) so the results come first; wider screens always show them and
 * never see the button (CSS). The panel is hidden with `display: none`, so its fields still belong
 * to the form and keep their values when the form is sent.
 */
export function FilterDisclosure({ active, openWhen = false, children }: FilterDisclosureProps) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(openWhen);
  useEffect(() => {
    if (openWhen) setOpen(true);
  }, [openWhen]);
  const expanded = open;
  return (
    <div className="bt-filter-disclosure">
      <Button
        type="button"
        variant="secondary"
        data-size="sm"
        className="bt-filter-disclosure__toggle"
        aria-expanded={expanded}
        aria-controls={id}
        onClick={() => setOpen(!expanded)}
      >
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1.25em" height="1.25em">
          <path fill="currentColor" d="M3 5h18v2H3zm3 6h12v2H6zm4 6h4v2h-4z" />
        </svg>
        {active > 0 ? t('filters.toggleActive', { count: active }) : t('filters.toggle')}
      </Button>
      <div id={id} className="bt-filter-disclosure__panel" data-open={expanded || undefined}>
        {children}
      </div>
    </div>
  );
}
