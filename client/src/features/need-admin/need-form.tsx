import {
  Button,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createNeed, innovationTypes, submitNeed, updateNeed, type NeedDetail } from '../../api/needs';
import type { BuyerGroup, OrganisationRef } from '../../api/networks';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { CpvPicker } from '../../shared/reference/cpv-picker';
import { RegionPicker } from '../../shared/reference/region-picker';
import { stageLabel, stages } from '../needs/labels';
import { AttachmentsEditor } from './attachments-editor';
import { DemandEditor } from './demand-editor';
import {
  fieldId,
  initialState,
  sections,
  sectionStatus,
  toInput,
  validate,
  type NeedFormState,
  type SectionId,
} from './need-form-state';
import { RequirementsEditor } from './requirements-editor';

interface NeedFormProps {
  networkId: string;
  need?: NeedDetail;
  members: OrganisationRef[];
  groups: BuyerGroup[];
  /** The coordinator submits for review; other members save drafts. */
  canSubmit: boolean;
  onDone: (need: NeedDetail, action: 'save' | 'submit', created: boolean) => void;
}

const editableStages = stages.filter((s) => s !== 'closed');
const sectionId = (id: SectionId) => `need-section-${id}`;

/**
 * The guided need form: six numbered sections with a guide on top that says which ones review
 * still needs. Save a draft any time (only the title is required); "save and submit" checks
 * everything review needs and shows each problem at its field and in the summary.
 */
export function NeedForm({ networkId, need, members, groups, canSubmit, onDone }: NeedFormProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<NeedFormState>(() => initialState(need));
  const [current, setCurrent] = useState<NeedDetail | undefined>(need);
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const errors = useFormErrors();
  const set = <K extends keyof NeedFormState>(key: K, value: NeedFormState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));
  const e = errors.fields;
  const published = current?.status === 'published';
  const submittable = canSubmit && (!current || current.status === 'draft' || current.status === 'rejected');
  const status = sectionStatus(state);

  const group = groups.find((g) => g.id === state.buyerGroupId);
  const demandOrganisations = group ? group.members : members;
  const groupChoices = groups.filter((g) => g.active || g.id === need?.buyerGroup?.id);

  async function run(action: 'save' | 'submit') {
    if (busy) return;
    if (!errors.check(validate(t, state, action))) return;
    setBusy(action);
    try {
      let saved = current
        ? await updateNeed(current.id, {
            ...toInput(state, 'update'),
            version: current.version,
            ...(published && state.changeNote.trim() ? { changeNote: state.changeNote.trim() } : {}),
          })
        : await createNeed({ ...toInput(state, 'create'), networkId, title: state.title.trim() });
      setCurrent(saved);
      if (action === 'submit') saved = await submitNeed(saved.id);
      errors.clear();
      setBusy(undefined);
      onDone(saved, action, !current);
    } catch (error) {
      errors.fromApiError(error);
      setBusy(undefined);
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void run(submitter?.value === 'submit' ? 'submit' : 'save');
  };

  return (
    <form className="bt-form bt-need-form" noValidate onSubmit={onSubmit}>
      <nav aria-labelledby="need-steps-title" className="bt-steps">
        <Heading level={2} data-size="xs" id="need-steps-title">
          {t('needForm.stepsTitle')}
        </Heading>
        <ol>
          {sections.map((id) => (
            <li key={id}>
              <a href={`#${sectionId(id)}`}>{t(`needForm.sections.${id}`)}</a>{' '}
              <Tag
                data-size="sm"
                data-color={
                  status[id] === 'done' ? 'success' : status[id] === 'missing' ? 'warning' : 'neutral'
                }
              >
                {t(`needForm.sectionStatus.${status[id]}`)}
              </Tag>
            </li>
          ))}
        </ol>
      </nav>

      <FormErrorSummary errors={errors} fieldIds={fieldId} />

      <Section id="about" n={1}>
        <Textfield
          id={fieldId('title')}
          label={t('needForm.title')}
          description={t('needForm.titleDescription')}
          value={state.title}
          onChange={(ev) => set('title', ev.target.value)}
          error={e.title}
        />
        <Textfield
          id={fieldId('summary')}
          multiline
          rows={3}
          label={t('needForm.summary')}
          description={t('needForm.summaryDescription')}
          counter={500}
          value={state.summary}
          onChange={(ev) => set('summary', ev.target.value)}
          error={e.summary}
        />
        {groupChoices.length > 0 && (
          <div className="bt-select-field">
            <label htmlFor={fieldId('buyerGroupId')} className="ds-label">
              {t('needForm.buyerGroup')}
            </label>
            <Select
              id={fieldId('buyerGroupId')}
              value={state.buyerGroupId}
              onChange={(ev) => set('buyerGroupId', ev.target.value)}
            >
              <Select.Option value="">{t('needForm.noBuyerGroup')}</Select.Option>
              {groupChoices.map((g) => (
                <Select.Option key={g.id} value={g.id}>
                  {g.name}
                </Select.Option>
              ))}
            </Select>
          </div>
        )}
        <Fieldset>
          <Fieldset.Legend>{t('needForm.language')}</Fieldset.Legend>
          {(['sv', 'en'] as const).map((l) => (
            <Radio
              key={l}
              id={fieldId(`language-${l}`)}
              name="language"
              value={l}
              label={t(`languageName.${l}`)}
              checked={state.language === l}
              onChange={() => set('language', l)}
            />
          ))}
        </Fieldset>
      </Section>

      <Section id="problem" n={2}>
        <Textfield
          id={fieldId('description')}
          multiline
          rows={8}
          label={t('needForm.description')}
          description={t('needForm.descriptionDescription')}
          value={state.description}
          onChange={(ev) => set('description', ev.target.value)}
          error={e.description}
        />
        <RequirementsEditor value={state.requirements} onChange={(v) => set('requirements', v)} errors={e} />
        <Textfield
          id={fieldId('desiredOutcomes')}
          multiline
          rows={4}
          label={t('needForm.desiredOutcomes')}
          description={t('needForm.desiredOutcomesDescription')}
          value={state.desiredOutcomes}
          onChange={(ev) => set('desiredOutcomes', ev.target.value)}
          error={e.desiredOutcomes}
        />
      </Section>

      <Section id="classification" n={3}>
        <CpvPicker
          id={fieldId('cpvCodes')}
          label={t('need.cpv')}
          description={t('needForm.cpvDescription')}
          value={state.cpvCodes}
          onChange={(codes) => set('cpvCodes', codes)}
          error={e.cpvCodes}
          max={20}
        />
        <RegionPicker
          id={fieldId('regions')}
          legend={t('need.regions')}
          description={t('needForm.regionsDescription')}
          value={state.regions}
          onChange={(codes) => set('regions', codes)}
          error={e.regions}
        />
        <Fieldset id={fieldId('innovationType')}>
          <Fieldset.Legend>{t('need.innovationType')}</Fieldset.Legend>
          <Fieldset.Description>{t('needForm.innovationTypeDescription')}</Fieldset.Description>
          {innovationTypes.map((type) => (
            <Radio
              key={type}
              id={fieldId(`innovationType-${type}`)}
              name="innovationType"
              value={type}
              label={t(`innovationType.${type}`)}
              checked={state.innovationType === type}
              onChange={() => set('innovationType', type)}
            />
          ))}
        </Fieldset>
        <div className="bt-select-field">
          <label htmlFor={fieldId('stage')} className="ds-label">
            {t('need.stage')}
          </label>
          <Select id={fieldId('stage')} value={state.stage} onChange={(ev) => set('stage', ev.target.value)}>
            {editableStages.map((s) => (
              <Select.Option key={s} value={s}>
                {stageLabel(t, s)}
              </Select.Option>
            ))}
          </Select>
        </div>
      </Section>

      <Section id="timeline" n={4}>
        <Textfield
          id={fieldId('questionsDeadline')}
          type="datetime-local"
          label={t('need.questionsDeadlineLabel')}
          description={t('needForm.questionsDeadlineDescription')}
          value={state.questionsDeadline}
          onChange={(ev) => set('questionsDeadline', ev.target.value)}
          error={e.questionsDeadline}
        />
        <div className="bt-field-pair">
          <Textfield
            id={fieldId('dialoguePeriod.start')}
            type="date"
            label={t('needForm.dialogueStart')}
            value={state.dialogueStart}
            onChange={(ev) => set('dialogueStart', ev.target.value)}
            error={e['dialoguePeriod.start']}
          />
          <Textfield
            id={fieldId('dialoguePeriod.end')}
            type="date"
            label={t('needForm.dialogueEnd')}
            value={state.dialogueEnd}
            onChange={(ev) => set('dialogueEnd', ev.target.value)}
            error={e['dialoguePeriod.end']}
          />
        </div>
        <Textfield
          id={fieldId('plannedProcurementStart')}
          type="date"
          label={t('need.plannedProcurementStart')}
          value={state.plannedProcurementStart}
          onChange={(ev) => set('plannedProcurementStart', ev.target.value)}
          error={e.plannedProcurementStart}
        />
      </Section>

      <Section id="demand" n={5}>
        <DemandEditor
          organisations={demandOrganisations}
          value={state.demand}
          onChange={(rows) => set('demand', rows)}
          errors={e}
        />
      </Section>

      <Section id="contact" n={6}>
        <Fieldset id={fieldId('contact')}>
          <Fieldset.Legend>{t('needForm.contact')}</Fieldset.Legend>
          <Fieldset.Description>{t('needForm.contactDescription')}</Fieldset.Description>
          <Textfield
            id={fieldId('contact.name')}
            label={t('needForm.contactName')}
            value={state.contactName}
            onChange={(ev) => set('contactName', ev.target.value)}
            error={e['contact.name'] ?? e.contact}
          />
          <Textfield
            id={fieldId('contact.email')}
            type="email"
            label={t('forms.email')}
            value={state.contactEmail}
            onChange={(ev) => set('contactEmail', ev.target.value)}
            error={e['contact.email']}
          />
          <Textfield
            id={fieldId('contact.phone')}
            type="tel"
            label={t('profile.contactPhone')}
            value={state.contactPhone}
            onChange={(ev) => set('contactPhone', ev.target.value)}
            error={e['contact.phone']}
          />
        </Fieldset>
        <AttachmentsEditor value={state.attachments} onChange={(v) => set('attachments', v)} errors={e} />
      </Section>

      {published && (
        <Textfield
          id={fieldId('changeNote')}
          label={t('needForm.changeNote')}
          description={t('needForm.changeNoteDescription')}
          value={state.changeNote}
          onChange={(ev) => set('changeNote', ev.target.value)}
          error={e.changeNote}
        />
      )}

      <div className="bt-actions bt-need-form__actions">
        <Button
          type="submit"
          name="action"
          value="save"
          variant={submittable ? 'secondary' : 'primary'}
          loading={busy === 'save'}
        >
          {published ? t('needForm.saveChanges') : t('needForm.saveDraft')}
        </Button>
        {submittable && (
          <Button type="submit" name="action" value="submit" loading={busy === 'submit'}>
            {t('needForm.saveAndSubmit')}
          </Button>
        )}
      </div>
      {!canSubmit && !published && (
        <Paragraph data-size="sm" className="bt-muted">
          {t('needForm.coordinatorSubmits')}
        </Paragraph>
      )}
    </form>
  );
}

function Section({ id, n, children }: { id: SectionId; n: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section id={sectionId(id)} aria-labelledby={`${sectionId(id)}-title`} className="bt-need-form__section">
      <Heading level={2} data-size="sm" id={`${sectionId(id)}-title`}>
        {t('needForm.sectionHeading', { n, name: t(`needForm.sections.${id}`) })}
      </Heading>
      <Paragraph className="bt-muted">{t(`needForm.sectionLead.${id}`)}</Paragraph>
      {children}
    </section>
  );
}
