import { Button, Fieldset, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createOrganisation, type BuyerType } from '../../api/organisations';
import { FormErrorSummary, useFormErrors, validators } from '../../shared/forms/form-errors';

const buyerTypes: BuyerType[] = ['kommun', 'region', 'statlig_myndighet', 'offentligt_bolag'];
const ids = {
  name: 'buyer-org-name',
  buyerType: 'buyer-org-type',
  orgNumber: 'buyer-org-number',
  website: 'buyer-org-website',
};

/** Registers a buyer organisation (contracting authority); an admin verifies it before it acts in networks. */
export function RegisterBuyerForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const buyerType = String(data.get('buyerType') ?? '') as BuyerType | '';
    const orgNumber = String(data.get('orgNumber') ?? '').trim();
    const website = String(data.get('website') ?? '').trim();
    const ok = errors.check({
      name: validators.required(name, t('buyer.orgNameRequired')),
      buyerType: buyerType ? undefined : t('buyer.buyerTypeRequired'),
      orgNumber: validators.required(orgNumber, t('supplier.orgNumberRequired')),
    });
    if (!ok || !buyerType) return;
    setBusy(true);
    try {
      await createOrganisation({
        kind: 'buyer',
        buyerType,
        name,
        country: 'SE',
        orgNumber,
        ...(website ? { website } : {}),
      });
      form.reset();
      errors.clear();
      onCreated();
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bt-form bt-narrow" noValidate onSubmit={onSubmit}>
      <FormErrorSummary errors={errors} fieldIds={ids} />
      <Textfield
        id={ids.name}
        name="name"
        label={t('buyer.orgName')}
        description={t('buyer.orgNameDescription')}
        autoComplete="organization"
        error={errors.fields.name}
      />
      <Fieldset id={ids.buyerType}>
        <Fieldset.Legend>{t('buyer.buyerType')}</Fieldset.Legend>
        {buyerTypes.map((type) => (
          <Radio
            key={type}
            id={`${ids.buyerType}-${type}`}
            name="buyerType"
            value={type}
            label={t(`buyerType.${type}`)}
          />
        ))}
        {errors.fields.buyerType && <ValidationMessage>{errors.fields.buyerType}</ValidationMessage>}
      </Fieldset>
      <Textfield
        id={ids.orgNumber}
        name="orgNumber"
        label={t('supplier.orgNumber')}
        description={t('supplier.orgNumberDescription')}
        inputMode="numeric"
        error={errors.fields.orgNumber && t('supplier.orgNumberInvalid')}
      />
      <Textfield
        id={ids.website}
        name="website"
        type="url"
        label={t('supplier.website')}
        description={t('supplier.websiteDescription')}
        error={errors.fields.website}
      />
      <div className="bt-actions">
        <Button type="submit" loading={busy}>
          {t('buyer.registerSubmit')}
        </Button>
      </div>
    </form>
  );
}
