import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportMyData } from '../../api/accounts';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AccountSection } from './account-section';

/** Saves a Blob as a file through a temporary object URL. */
function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DataSection() {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | { error: unknown }>('idle');

  async function download() {
    if (state === 'busy') return;
    setState('busy');
    try {
      const blob = await exportMyData();
      saveFile(blob, `behovstorget-data-${new Date().toISOString().slice(0, 10)}.json`);
      setState('done');
    } catch (error) {
      setState({ error });
    }
  }

  return (
    <AccountSection id="data" title={t('account.dataTitle')}>
      <Paragraph>{t('account.dataLead')}</Paragraph>
      <Button variant="secondary" loading={state === 'busy'} onClick={() => void download()}>
        {t('account.dataDownload')}
      </Button>
      <div role="status" className="bt-form__status">
        {state === 'done' && <Paragraph>{t('account.dataDone')}</Paragraph>}
      </div>
      {typeof state === 'object' && <ApiErrorAlert error={state.error} headingLevel={false} />}
    </AccountSection>
  );
}
