import { Button, Fieldset, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId } from './need-form-state';

interface RequirementsEditorProps {
  value: string[];
  onChange: (value: string[]) => void;
  errors: Record<string, string>;
}

/**
 * Functional requirements as an ordered list: each one its own field, moved up and down with
 * buttons (no drag and drop, so it works from the keyboard). Focus follows the moved or added item.
 */
export function RequirementsEditor({ value, onChange, errors }: RequirementsEditorProps) {
  const { t } = useTranslation();
  const [focus, setFocus] = useState<string>();
  useEffect(() => {
    if (!focus) return;
    document.getElementById(focus)?.focus();
    setFocus(undefined);
  }, [focus]);

  const move = (from: number, to: number) => {
    const next = [...value];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item ?? '');
    onChange(next);
    setFocus(`${fieldId(`requirements.${to}`)}-${to > from ? 'down' : 'up'}`);
  };

  return (
    <Fieldset id={fieldId('requirements')} className="bt-requirements">
      <Fieldset.Legend>{t('needForm.requirements')}</Fieldset.Legend>
      <Fieldset.Description>{t('needForm.requirementsDescription')}</Fieldset.Description>
      <ol className="bt-requirements__list">
        {value.map((text, i) => (
          <li key={i} className="bt-requirements__item">
            <Textfield
              id={fieldId(`requirements.${i}`)}
              multiline
              rows={2}
              label={t('needForm.requirement', { n: i + 1 })}
              value={text}
              onChange={(event) => onChange(value.map((r, j) => (j === i ? event.target.value : r)))}
              error={errors[`requirements.${i}`]}
            />
            <div className="bt-inline-actions">
              <Button
                id={`${fieldId(`requirements.${i}`)}-up`}
                variant="tertiary"
                data-size="sm"
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                {t('needForm.moveUp')}
                <span className="bt-visually-hidden"> {t('needForm.requirement', { n: i + 1 })}</span>
              </Button>
              <Button
                id={`${fieldId(`requirements.${i}`)}-down`}
                variant="tertiary"
                data-size="sm"
                disabled={i === value.length - 1}
                onClick={() => move(i, i + 1)}
              >
                {t('needForm.moveDown')}
                <span className="bt-visually-hidden"> {t('needForm.requirement', { n: i + 1 })}</span>
              </Button>
              <Button
                variant="tertiary"
                data-size="sm"
                onClick={() => {
                  onChange(value.filter((_, j) => j !== i));
                  setFocus(fieldId('requirements-add'));
                }}
              >
                {t('needForm.removeRequirement', { n: i + 1 })}
              </Button>
            </div>
          </li>
        ))}
      </ol>
      {errors.requirements && <ValidationMessage>{errors.requirements}</ValidationMessage>}
      <div>
        <Button
          id={fieldId('requirements-add')}
          variant="secondary"
          data-size="sm"
          disabled={value.length >= 50}
          onClick={() => {
            onChange([...value, '']);
            setFocus(fieldId(`requirements.${value.length}`));
          }}
        >
          {t('needForm.addRequirement')}
        </Button>
      </div>
    </Fieldset>
  );
}
