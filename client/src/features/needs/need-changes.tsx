import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getNeedChanges } from '../../api/needs';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';

/** The public change log (every change to a published need is logged and announced). */
export function NeedChanges({ needId, count }: { needId: string; count: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="need-changes">
      <Heading level={2} data-size="sm" id="need-changes">
        {t('need.changes', { count })}
      </Heading>
      {open ? (
        <ChangeList needId={needId} />
      ) : (
        <Button variant="secondary" data-size="sm" onClick={() => setOpen(true)}>
          {t('need.showChanges')}
        </Button>
      )}
    </section>
  );
}

function ChangeList({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const changes = useApi(`need-changes:${needId}`, (signal) => getNeedChanges(needId, signal));
  if (changes.status === 'loading') return <Paragraph role="status">{t('common.loading')}</Paragraph>;
  if (changes.status === 'error')
    return <ApiErrorAlert error={changes.error} onRetry={changes.reload} headingLevel={3} />;
  return (
    <ol className="bt-change-log">
      {changes.data.items.map((change) => (
        <li key={change.id}>
          <time dateTime={format.iso(change.at)}>{format.dateTime(change.at)}</time>
          {change.organisation ? ` · ${change.organisation.name}` : ''}
          <br />
          {t('need.changedFields', { fields: change.fields.map((f) => f.field).join(', ') })}
          {change.note && <Paragraph data-size="sm">{change.note}</Paragraph>}
        </li>
      ))}
    </ol>
  );
}
