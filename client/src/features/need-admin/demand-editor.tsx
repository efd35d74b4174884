import { Button, Fieldset, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currencies, type Currency } from '../../api/needs';
import type { OrganisationRef } from '../../api/networks';
import { useFormat } from '../../shared/i18n/use-format';
import { demandTotals, fieldId, type DemandRowState } from './need-form-state';

interface DemandEditorProps {
  /** Organisations that may be listed: the network's members, or the buyer group's. */
  organisations: OrganisationRef[];
  value: DemandRowState[];
  onChange: (rows: DemandRowState[]) => void;
  errors: Record<string, string>;
}

const emptyRow = (organisationId: string): DemandRowState => ({
  organisationId,
  quantityAmount: '',
  quantityUnit: '',
  valueAmount: '',
  currency: 'SEK',
  from: '',
  to: '',
});

/** Aggregated demand (köpkraft): one row per participating organisation, totals per currency and unit. */
export function DemandEditor({ organisations, value, onChange, errors }: DemandEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const available = organisations.filter((o) => !value.some((row) => row.organisationId === o.id));
  const [adding, setAdding] = useState('');
  const chosen = available.some((o) => o.id === adding) ? adding : (available[0]?.id ?? '');
  const totals = demandTotals(value);
  const set = (i: number, patch: Partial<DemandRowState>) =>
    onChange(value.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  return (
    <div className="bt-demand">
      {value.length === 0 && <Paragraph className="bt-muted">{t('needForm.demandEmpty')}</Paragraph>}
      {value.map((row, i) => {
        const name = names.get(row.organisationId) ?? row.organisationId;
        const e = (path: string) => errors[`demand.${i}.${path}`];
        return (
          <Fieldset key={row.organisationId} className="bt-row bt-demand__row" id={fieldId(`demand.${i}`)}>
            <Fieldset.Legend>{name}</Fieldset.Legend>
            <div className="bt-demand__fields">
              <Textfield
                id={fieldId(`demand.${i}.quantity.amount`)}
                label={t('needForm.quantity')}
                inputMode="decimal"
                value={row.quantityAmount}
                onChange={(event) => set(i, { quantityAmount: event.target.value })}
                error={e('quantity.amount')}
              />
              <Textfield
                id={fieldId(`demand.${i}.quantity.unit`)}
                label={t('needForm.unit')}
                description={t('needForm.unitDescription')}
                value={row.quantityUnit}
                onChange={(event) => set(i, { quantityUnit: event.target.value })}
                error={e('quantity.unit')}
              />
              <Textfield
                id={fieldId(`demand.${i}.value.amount`)}
                label={t('needForm.value')}
                description={t('needForm.valueDescription')}
                inputMode="decimal"
                value={row.valueAmount}
                onChange={(event) => set(i, { valueAmount: event.target.value })}
                error={e('value.amount')}
              />
              <div className="bt-select-field">
                <label htmlFor={fieldId(`demand.${i}.value.currency`)} className="ds-label">
                  {t('needForm.currency')}
                </label>
                <Select
                  id={fieldId(`demand.${i}.value.currency`)}
                  value={row.currency}
                  onChange={(event) => set(i, { currency: event.target.value as Currency })}
                >
                  {currencies.map((c) => (
                    <Select.Option key={c} value={c}>
                      {c}
                    </Select.Option>
                  ))}
                </Select>
              </div>
              <Textfield
                id={fieldId(`demand.${i}.timeframe.from`)}
                type="date"
                label={t('needForm.from')}
                value={row.from}
                onChange={(event) => set(i, { from: event.target.value })}
                error={e('timeframe.from')}
              />
              <Textfield
                id={fieldId(`demand.${i}.timeframe.to`)}
                type="date"
                label={t('needForm.to')}
                value={row.to}
                onChange={(event) => set(i, { to: event.target.value })}
                error={e('timeframe.to')}
              />
            </div>
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              {t('needForm.removeDemand', { name })}
            </Button>
          </Fieldset>
        );
      })}
      {available.length > 0 && (
        <div className="bt-inline-form">
          <div className="bt-select-field">
            <label htmlFor={fieldId('demand-add')} className="ds-label">
              {t('needForm.demandOrganisation')}
            </label>
            <Select
              id={fieldId('demand-add')}
              value={chosen}
              onChange={(event) => setAdding(event.target.value)}
            >
              {available.map((o) => (
                <Select.Option key={o.id} value={o.id}>
                  {o.name}
                </Select.Option>
              ))}
            </Select>
          </div>
          <Button
            variant="secondary"
            data-size="sm"
            disabled={!chosen}
            onClick={() => chosen && onChange([...value, emptyRow(chosen)])}
          >
            {t('needForm.addDemand')}
          </Button>
        </div>
      )}
      {value.length > 0 && (
        <div className="bt-demand__totals">
          <p className="bt-demand__totals-title">{t('needForm.totals')}</p>
          <dl className="bt-facts">
            <dt>{t('needForm.totalOrganisations')}</dt>
            <dd>{format.number(value.length)}</dd>
            <dt>{t('need.demandValue')}</dt>
            <dd>{totals.value.map((v) => format.money(v.amount, v.currency)).join(', ') || '–'}</dd>
            <dt>{t('need.demandQuantity')}</dt>
            <dd>{totals.quantity.map((q) => `${format.number(q.amount)} ${q.unit}`).join(', ') || '–'}</dd>
          </dl>
        </div>
      )}
    </div>
  );
}
