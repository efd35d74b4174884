import {
  Button,
  Checkbox,
  Fieldset,
  Radio,
  Select,
  Switch,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  saveProfile,
  type CompanySize,
  type OfferingType,
  type OwnSupplierProfile,
  type ProfileInput,
} from '../../api/suppliers';
import { paths } from '../../app/paths';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { CpvPicker } from '../../shared/reference/cpv-picker';
import { RegionPicker } from '../../shared/reference/region-picker';

interface OfferingRow {
  type: OfferingType;
  name: string;
}
interface ReferenceRow {
  buyerName: string;
  year: string;
  text: string;
}
interface ContactRow {
  name: string;
  role: string;
  email: string;
  phone: string;
  consent: boolean;
}

interface FormState {
  name: string;
  pitch: string;
  description: string;
  website: string;
  companySize: CompanySize | '';
  offerings: OfferingRow[];
  cpvCodes: string[];
  regions: string[];
  references: ReferenceRow[];
  contacts: ContactRow[];
  publicProfile: boolean;
}

const sizes: CompanySize[] = ['micro', 'small', 'medium', 'large'];
const offeringTypes: OfferingType[] = ['product', 'service', 'capability'];
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function initialState(profile: OwnSupplierProfile | null): FormState {
  return {
    name: profile?.name ?? '',
    pitch: profile?.pitch ?? '',
    description: profile?.description ?? '',
    website: profile?.website ?? '',
    companySize: profile?.companySize ?? '',
    offerings: profile?.offerings.map((o) => ({ type: o.type, name: o.name })) ?? [
      { type: 'service', name: '' },
    ],
    cpvCodes: profile?.cpvCodes.map((c) => c.code) ?? [],
    regions: profile?.regions ?? [],
    references:
      profile?.references.map((r) => ({
        buyerName: r.buyerName,
        year: String(r.year),
        text: r.text ?? '',
      })) ?? [],
    contacts:
      profile?.contacts.map((c) => ({
        name: c.name,
        role: c.role ?? '',
        email: c.email,
        phone: c.phone ?? '',
        consent: true,
      })) ?? [],
    publicProfile: profile?.publicProfile ?? false,
  };
}

/** Element id of a field by the API's path (`offerings.0.name` -> `profile-offerings-0-name`). */
const fieldId = (path: string) => `profile-${path.replaceAll('.', '-')}`;

export function ProfileForm({
  organisationId,
  profile,
  onSaved,
}: {
  organisationId: string;
  profile: OwnSupplierProfile | null;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [state, setState] = useState<FormState>(() => initialState(profile));
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));
  const setRow = <K extends 'offerings' | 'references' | 'contacts'>(
    key: K,
    index: number,
    patch: Partial<FormState[K][number]>,
  ) =>
    setState((previous) => ({
      ...previous,
      [key]: previous[key].map((row, i) => (i === index ? { ...row, ...patch } : row)),
    }));
  const removeRow = (key: 'offerings' | 'references' | 'contacts', index: number) =>
    setState((previous) => ({ ...previous, [key]: previous[key].filter((_, i) => i !== index) }));
  const e = (path: string) => errors.fields[path];

  function validate(): boolean {
    const problems: Record<string, string | undefined> = {
      name: state.name.trim().length < 2 ? t('profile.errors.name') : undefined,
      pitch: state.pitch.trim().length < 10 ? t('profile.errors.pitch') : undefined,
      companySize: state.companySize ? undefined : t('profile.errors.companySize'),
      cpvCodes: state.cpvCodes.length === 0 ? t('profile.errors.cpvCodes') : undefined,
      regions: state.regions.length === 0 ? t('profile.errors.regions') : undefined,
      offerings: state.offerings.length === 0 ? t('profile.errors.offerings') : undefined,
    };
    state.offerings.forEach((o, i) => {
      if (o.name.trim().length < 2)
        problems[`offerings.${i}.name`] = t('profile.errors.offeringName', { n: i + 1 });
    });
    state.references.forEach((r, i) => {
      if (r.buyerName.trim().length < 2)
        problems[`references.${i}.buyerName`] = t('profile.errors.referenceBuyer', { n: i + 1 });
      if (!/^\d{4}$/.test(r.year.trim()))
        problems[`references.${i}.year`] = t('profile.errors.referenceYear', { n: i + 1 });
    });
    state.contacts.forEach((c, i) => {
      if (c.name.trim().length < 2)
        problems[`contacts.${i}.name`] = t('profile.errors.contactName', { n: i + 1 });
      if (!emailPattern.test(c.email.trim()))
        problems[`contacts.${i}.email`] = t('profile.errors.contactEmail', { n: i + 1 });
      if (!c.consent) problems[`contacts.${i}.consent`] = t('profile.errors.contactConsent', { n: i + 1 });
    });
    return errors.check(problems);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !validate()) return;
    const body: ProfileInput = {
      name: state.name.trim(),
      pitch: state.pitch.trim(),
      description: state.description.trim(),
      companySize: state.companySize as CompanySize,
      offerings: state.offerings.map((o) => ({ type: o.type, name: o.name.trim() })),
      cpvCodes: state.cpvCodes,
      regions: state.regions,
      references: state.references.map((r) => ({
        buyerName: r.buyerName.trim(),
        year: Number(r.year),
        ...(r.text.trim() ? { text: r.text.trim() } : {}),
      })),
      contacts: state.contacts.map((c) => ({
        name: c.name.trim(),
        email: c.email.trim(),
        ...(c.role.trim() ? { role: c.role.trim() } : {}),
        ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
        consent: true as const,
      })),
      publicProfile: state.publicProfile,
      ...(state.website.trim() ? { website: state.website.trim() } : {}),
    };
    setBusy(true);
    try {
      await saveProfile(organisationId, body);
      onSaved();
      void navigate(paths.supplierPreview, { state: { saved: true } });
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  return (
    <form className="bt-form bt-profile-form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary errors={errors} fieldIds={fieldId} />

      <Fieldset>
        <Fieldset.Legend>{t('profile.aboutLegend')}</Fieldset.Legend>
        <Textfield
          id={fieldId('name')}
          label={t('profile.name')}
          description={t('profile.nameDescription')}
          value={state.name}
          onChange={(ev) => set('name', ev.target.value)}
          error={e('name')}
        />
        <Textfield
          id={fieldId('pitch')}
          label={t('profile.pitch')}
          description={t('profile.pitchDescription')}
          value={state.pitch}
          onChange={(ev) => set('pitch', ev.target.value)}
          error={e('pitch')}
          counter={200}
        />
        <Textfield
          id={fieldId('description')}
          multiline
          rows={6}
          label={t('profile.description')}
          description={t('profile.descriptionDescription')}
          value={state.description}
          onChange={(ev) => set('description', ev.target.value)}
          error={e('description')}
        />
        <Textfield
          id={fieldId('website')}
          type="url"
          label={t('supplier.website')}
          description={t('supplier.websiteDescription')}
          value={state.website}
          onChange={(ev) => set('website', ev.target.value)}
          error={e('website')}
        />
      </Fieldset>

      <Fieldset id={fieldId('companySize')}>
        <Fieldset.Legend>{t('profile.companySize')}</Fieldset.Legend>
        <Fieldset.Description>{t('profile.companySizeDescription')}</Fieldset.Description>
        {sizes.map((size) => (
          <Radio
            key={size}
            id={`profile-size-${size}`}
            name="companySize"
            value={size}
            label={t(`companySize.${size}`)}
            checked={state.companySize === size}
            onChange={() => set('companySize', size)}
          />
        ))}
        {e('companySize') && <ValidationMessage>{e('companySize')}</ValidationMessage>}
      </Fieldset>

      <Fieldset id={fieldId('offerings')}>
        <Fieldset.Legend>{t('profile.offerings')}</Fieldset.Legend>
        <Fieldset.Description>{t('profile.offeringsDescription')}</Fieldset.Description>
        {state.offerings.map((offering, i) => (
          <div key={i} className="bt-row">
            <div className="bt-row__fields">
              <div className="bt-select-field">
                <label htmlFor={fieldId(`offerings.${i}.type`)} className="ds-label">
                  {t('profile.offeringType', { n: i + 1 })}
                </label>
                <Select
                  id={fieldId(`offerings.${i}.type`)}
                  value={offering.type}
                  onChange={(ev) => setRow('offerings', i, { type: ev.target.value as OfferingType })}
                >
                  {offeringTypes.map((type) => (
                    <Select.Option key={type} value={type}>
                      {t(`offeringType.${type}`)}
                    </Select.Option>
                  ))}
                </Select>
              </div>
              <Textfield
                id={fieldId(`offerings.${i}.name`)}
                label={t('profile.offeringName', { n: i + 1 })}
                value={offering.name}
                onChange={(ev) => setRow('offerings', i, { name: ev.target.value })}
                error={e(`offerings.${i}.name`)}
              />
            </div>
            <Button variant="tertiary" data-size="sm" onClick={() => removeRow('offerings', i)}>
              {t('profile.removeOffering', { n: i + 1 })}
            </Button>
          </div>
        ))}
        {e('offerings') && <ValidationMessage>{e('offerings')}</ValidationMessage>}
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => set('offerings', [...state.offerings, { type: 'service', name: '' }])}
        >
          {t('profile.addOffering')}
        </Button>
      </Fieldset>

      <CpvPicker
        id={fieldId('cpvCodes')}
        label={t('profile.cpvCodes')}
        description={t('profile.cpvDescription')}
        value={state.cpvCodes}
        onChange={(codes) => set('cpvCodes', codes)}
        error={e('cpvCodes')}
      />

      <RegionPicker
        id={fieldId('regions')}
        legend={t('profile.regions')}
        description={t('profile.regionsDescription')}
        value={state.regions}
        onChange={(codes) => set('regions', codes)}
        error={e('regions')}
      />

      <Fieldset>
        <Fieldset.Legend>{t('profile.references')}</Fieldset.Legend>
        <Fieldset.Description>{t('profile.referencesDescription')}</Fieldset.Description>
        {state.references.map((reference, i) => (
          <div key={i} className="bt-row">
            <div className="bt-row__fields">
              <Textfield
                id={fieldId(`references.${i}.buyerName`)}
                label={t('profile.referenceBuyer', { n: i + 1 })}
                value={reference.buyerName}
                onChange={(ev) => setRow('references', i, { buyerName: ev.target.value })}
                error={e(`references.${i}.buyerName`)}
              />
              <Textfield
                id={fieldId(`references.${i}.year`)}
                label={t('profile.referenceYear')}
                inputMode="numeric"
                value={reference.year}
                onChange={(ev) => setRow('references', i, { year: ev.target.value })}
                error={e(`references.${i}.year`)}
              />
              <Textfield
                id={fieldId(`references.${i}.text`)}
                multiline
                rows={2}
                label={t('profile.referenceText')}
                value={reference.text}
                onChange={(ev) => setRow('references', i, { text: ev.target.value })}
                error={e(`references.${i}.text`)}
              />
            </div>
            <Button variant="tertiary" data-size="sm" onClick={() => removeRow('references', i)}>
              {t('profile.removeReference', { n: i + 1 })}
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => set('references', [...state.references, { buyerName: '', year: '', text: '' }])}
        >
          {t('profile.addReference')}
        </Button>
      </Fieldset>

      <Fieldset>
        <Fieldset.Legend>{t('profile.contacts')}</Fieldset.Legend>
        <Fieldset.Description>{t('profile.contactsDescription')}</Fieldset.Description>
        {state.contacts.map((contact, i) => (
          <div key={i} className="bt-row">
            <div className="bt-row__fields">
              <Textfield
                id={fieldId(`contacts.${i}.name`)}
                label={t('profile.contactName', { n: i + 1 })}
                autoComplete="off"
                value={contact.name}
                onChange={(ev) => setRow('contacts', i, { name: ev.target.value })}
                error={e(`contacts.${i}.name`)}
              />
              <Textfield
                id={fieldId(`contacts.${i}.role`)}
                label={t('profile.contactRole')}
                value={contact.role}
                onChange={(ev) => setRow('contacts', i, { role: ev.target.value })}
                error={e(`contacts.${i}.role`)}
              />
              <Textfield
                id={fieldId(`contacts.${i}.email`)}
                type="email"
                autoComplete="off"
                label={t('forms.email')}
                value={contact.email}
                onChange={(ev) => setRow('contacts', i, { email: ev.target.value })}
                error={e(`contacts.${i}.email`)}
              />
              <Textfield
                id={fieldId(`contacts.${i}.phone`)}
                type="tel"
                autoComplete="off"
                label={t('profile.contactPhone')}
                value={contact.phone}
                onChange={(ev) => setRow('contacts', i, { phone: ev.target.value })}
                error={e(`contacts.${i}.phone`)}
              />
              <Checkbox
                id={fieldId(`contacts.${i}.consent`)}
                label={t('profile.contactConsent')}
                checked={contact.consent}
                onChange={(ev) => setRow('contacts', i, { consent: ev.target.checked })}
                error={e(`contacts.${i}.consent`)}
              />
            </div>
            <Button variant="tertiary" data-size="sm" onClick={() => removeRow('contacts', i)}>
              {t('profile.removeContact', { n: i + 1 })}
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() =>
            set('contacts', [...state.contacts, { name: '', role: '', email: '', phone: '', consent: false }])
          }
        >
          {t('profile.addContact')}
        </Button>
      </Fieldset>

      <div>
        <Switch
          id={fieldId('publicProfile')}
          label={t('profile.publicProfile')}
          description={t('profile.publicProfileDescription')}
          checked={state.publicProfile}
          onChange={(ev) => set('publicProfile', ev.target.checked)}
        />
      </div>

      <div className="bt-actions">
        <Button type="submit" loading={busy}>
          {t('profile.save')}
        </Button>
      </div>
    </form>
  );
}
