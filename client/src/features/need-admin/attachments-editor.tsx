import { Button, Fieldset, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { fieldId } from './need-form-state';

interface AttachmentsEditorProps {
  value: { title: string; url: string }[];
  onChange: (value: { title: string; url: string }[]) => void;
  errors: Record<string, string>;
}

/** Documents as links (https): a pre-study, a report, a presentation. */
export function AttachmentsEditor({ value, onChange, errors }: AttachmentsEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<{ title: string; url: string }>) =>
    onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Fieldset id={fieldId('attachments')}>
      <Fieldset.Legend>{t('needForm.attachments')}</Fieldset.Legend>
      <Fieldset.Description>{t('needForm.attachmentsDescription')}</Fieldset.Description>
      {value.map((a, i) => (
        <div key={i} className="bt-row">
          <div className="bt-row__fields">
            <Textfield
              id={fieldId(`attachments.${i}.title`)}
              label={t('needForm.attachmentTitle', { n: i + 1 })}
              value={a.title}
              onChange={(event) => set(i, { title: event.target.value })}
              error={errors[`attachments.${i}.title`]}
            />
            <Textfield
              id={fieldId(`attachments.${i}.url`)}
              type="url"
              label={t('needForm.attachmentUrl', { n: i + 1 })}
              description={t('supplier.websiteDescription')}
              value={a.url}
              onChange={(event) => set(i, { url: event.target.value })}
              error={errors[`attachments.${i}.url`]}
            />
          </div>
          <Button variant="tertiary" data-size="sm" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('needForm.removeAttachment', { n: i + 1 })}
          </Button>
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          data-size="sm"
          disabled={value.length >= 20}
          onClick={() => onChange([...value, { title: '', url: '' }])}
        >
          {t('needForm.addAttachment')}
        </Button>
      </div>
    </Fieldset>
  );
}
