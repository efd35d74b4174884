import {
  Button,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingFormat, MeetingInput, MeetingKind } from '../../api/meetings';
import { stockholmToIso } from '../../shared/forms/datetime';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useFormat } from '../../shared/i18n/use-format';

const fieldId = (path: string) => `meeting-${path.replaceAll('.', '-')}`;
const formats: MeetingFormat[] = ['in_person', 'online', 'hybrid'];
const inviteScores = ['0.3', '0.5', '0.7'];

interface Slot {
  startsAt: string;
  endsAt: string;
}

/** Back-to-back one-to-one slots from a first start, a length, a pause and a count (all in Swedish time). */
export function generateSlots(firstStart: string, minutes: number, pause: number, count: number): Slot[] {
  const first = stockholmToIso(firstStart);
  if (!first || !(minutes > 0) || !(count > 0) || !(pause >= 0)) return [];
  const slots: Slot[] = [];
  let start = new Date(first).getTime();
  for (let i = 0; i < Math.min(count, 200); i++) {
    const end = start + minutes * 60_000;
    slots.push({ startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() });
    start = end + pause * 60_000;
  }
  return slots;
}

interface MeetingFormProps {
  onSubmit: (input: MeetingInput) => Promise<void>;
}

/** Plan a dialogue meeting: an information meeting with a capacity, or one-to-one slots. */
export function MeetingForm({ onSubmit }: MeetingFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<MeetingKind>('information_meeting');
  const [place, setPlace] = useState<MeetingFormat>('online');
  const [slots, setSlots] = useState<Slot[]>([]);
  const [questions, setQuestions] = useState<{ text: string; required: boolean }[]>([]);
  const [generator, setGenerator] = useState({ first: '', minutes: '30', pause: '0', count: '6' });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '').trim();
    const startsAt = stockholmToIso(value('startsAt'));
    const endsAt = stockholmToIso(value('endsAt'));
    const deadline = value('registrationDeadline')
      ? stockholmToIso(value('registrationDeadline'))
      : undefined;
    const capacity = Number(value('capacity'));
    const perSupplier = Number(value('maxParticipantsPerSupplier'));
    const info = kind === 'information_meeting';
    const now = Date.now();
    const problems: Record<string, string | undefined> = {
      title: value('title').length < 3 ? t('meetingForm.errors.title') : undefined,
      address:
        place !== 'online' && value('address').length < 3 ? t('meetingForm.errors.address') : undefined,
      onlineUrl:
        place !== 'in_person' && !/^https?:\/\/\S+\.\S+/.test(value('onlineUrl'))
          ? t('meetingForm.errors.onlineUrl')
          : undefined,
      maxParticipantsPerSupplier:
        Number.isInteger(perSupplier) && perSupplier >= 1 && perSupplier <= 50
          ? undefined
          : t('meetingForm.errors.perSupplier'),
      registrationDeadline:
        value('registrationDeadline') && !deadline ? t('needForm.errors.dateTime') : undefined,
    };
    if (info) {
      problems.startsAt = !startsAt
        ? t('meetingForm.errors.startsAt')
        : new Date(startsAt).getTime() <= now
          ? t('meetingForm.errors.past')
          : undefined;
      problems.endsAt = !endsAt
        ? t('meetingForm.errors.endsAt')
        : startsAt && endsAt <= startsAt
          ? t('meetingForm.errors.endBeforeStart')
          : undefined;
      problems.capacity =
        Number.isInteger(capacity) && capacity >= 1 ? undefined : t('meetingForm.errors.capacity');
    } else {
      problems.slots =
        slots.length === 0
          ? t('meetingForm.errors.slots')
          : new Date(slots[0]!.startsAt).getTime() <= now
            ? t('meetingForm.errors.past')
            : undefined;
    }
    questions.forEach((q, i) => {
      if (q.text.trim().length < 3)
        problems[`registrationQuestions.${i}.text`] = t('meetingForm.errors.question', { n: i + 1 });
    });
    if (!errors.check(problems)) return;
    const input: MeetingInput = {
      kind,
      title: value('title'),
      agenda: value('agenda'),
      format: place,
      ...(place !== 'online' ? { address: value('address') } : {}),
      ...(place !== 'in_person' ? { onlineUrl: value('onlineUrl') } : {}),
      ...(info ? { startsAt, endsAt, capacity } : { slots }),
      maxParticipantsPerSupplier: perSupplier,
      ...(deadline ? { registrationDeadline: deadline } : {}),
      registrationQuestions: questions.map((q) => ({ text: q.text.trim(), required: q.required })),
      language: value('language') === 'en' ? 'en' : 'sv',
      inviteMinScore: Number(value('inviteMinScore') || '0.5'),
      draft: data.get('draft') === 'on',
    };
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (error) {
      errors.fromApiError(error);
      setBusy(false);
    }
  }

  const e = errors.fields;
  return (
    <form className="bt-form bt-wide-form" noValidate onSubmit={submit}>
      <FormErrorSummary errors={errors} fieldIds={fieldId} />
      <Fieldset id={fieldId('kind')}>
        <Fieldset.Legend>{t('meetingForm.kind')}</Fieldset.Legend>
        {(['information_meeting', 'one_to_one'] as const).map((k) => (
          <Radio
            key={k}
            id={fieldId(`kind-${k}`)}
            name="kind"
            value={k}
            label={t(`meetingKind.${k}`)}
            description={t(`meetingForm.kindDescription.${k}`)}
            checked={kind === k}
            onChange={() => setKind(k)}
          />
        ))}
      </Fieldset>
      <Textfield id={fieldId('title')} name="title" label={t('meetingForm.title')} error={e.title} />
      <Textfield
        id={fieldId('agenda')}
        name="agenda"
        multiline
        rows={5}
        label={t('meetingForm.agenda')}
        description={t('meetingForm.agendaDescription')}
        error={e.agenda}
      />
      <Fieldset id={fieldId('format')}>
        <Fieldset.Legend>{t('meetingForm.format')}</Fieldset.Legend>
        {formats.map((f) => (
          <Radio
            key={f}
            id={fieldId(`format-${f}`)}
            name="format"
            value={f}
            label={t(`meetings.format.${f}`)}
            checked={place === f}
            onChange={() => setPlace(f)}
          />
        ))}
      </Fieldset>
      {place !== 'online' && (
        <Textfield
          id={fieldId('address')}
          name="address"
          label={t('meetingForm.address')}
          error={e.address}
        />
      )}
      {place !== 'in_person' && (
        <Textfield
          id={fieldId('onlineUrl')}
          name="onlineUrl"
          type="url"
          label={t('meetingForm.onlineUrl')}
          description={t('meetingForm.onlineUrlDescription')}
          error={e.onlineUrl}
        />
      )}
      {kind === 'information_meeting' ? (
        <>
          <div className="bt-field-pair">
            <Textfield
              id={fieldId('startsAt')}
              name="startsAt"
              type="datetime-local"
              label={t('meetingForm.startsAt')}
              error={e.startsAt}
            />
            <Textfield
              id={fieldId('endsAt')}
              name="endsAt"
              type="datetime-local"
              label={t('meetingForm.endsAt')}
              error={e.endsAt}
            />
          </div>
          <Textfield
            id={fieldId('capacity')}
            name="capacity"
            type="number"
            min={1}
            label={t('meetingForm.capacity')}
            description={t('meetingForm.capacityDescription')}
            error={e.capacity}
          />
        </>
      ) : (
        <Fieldset id={fieldId('slots')}>
          <Fieldset.Legend>{t('meetingForm.slots')}</Fieldset.Legend>
          <Fieldset.Description>{t('meetingForm.slotsDescription')}</Fieldset.Description>
          <div className="bt-slot-generator">
            <Textfield
              id={fieldId('slots-first')}
              type="datetime-local"
              label={t('meetingForm.firstSlot')}
              value={generator.first}
              onChange={(ev) => setGenerator({ ...generator, first: ev.target.value })}
            />
            <Textfield
              id={fieldId('slots-minutes')}
              type="number"
              min={5}
              label={t('meetingForm.slotMinutes')}
              value={generator.minutes}
              onChange={(ev) => setGenerator({ ...generator, minutes: ev.target.value })}
            />
            <Textfield
              id={fieldId('slots-pause')}
              type="number"
              min={0}
              label={t('meetingForm.slotPause')}
              value={generator.pause}
              onChange={(ev) => setGenerator({ ...generator, pause: ev.target.value })}
            />
            <Textfield
              id={fieldId('slots-count')}
              type="number"
              min={1}
              max={200}
              label={t('meetingForm.slotCount')}
              value={generator.count}
              onChange={(ev) => setGenerator({ ...generator, count: ev.target.value })}
            />
          </div>
          <div>
            <Button
              variant="secondary"
              data-size="sm"
              onClick={() =>
                setSlots(
                  generateSlots(
                    generator.first,
                    Number(generator.minutes),
                    Number(generator.pause),
                    Number(generator.count),
                  ),
                )
              }
            >
              {t('meetingForm.generate')}
            </Button>
          </div>
          <div role="status" className="bt-visually-hidden">
            {slots.length > 0 ? t('meetingForm.slotCountStatus', { count: slots.length }) : ''}
          </div>
          {slots.length > 0 && (
            <ol className="bt-slot-list">
              {slots.map((slot, i) => (
                <li key={slot.startsAt}>
                  <span>
                    <time dateTime={slot.startsAt}>{format.dateTime(slot.startsAt)}</time>–
                    <time dateTime={slot.endsAt}>{format.dateTime(slot.endsAt).slice(-5)}</time>
                  </span>
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    onClick={() => setSlots(slots.filter((_, j) => j !== i))}
                  >
                    {t('meetingForm.removeSlot', { n: i + 1 })}
                  </Button>
                </li>
              ))}
            </ol>
          )}
          {e.slots && <ValidationMessage>{e.slots}</ValidationMessage>}
        </Fieldset>
      )}
      <Textfield
        id={fieldId('maxParticipantsPerSupplier')}
        name="maxParticipantsPerSupplier"
        type="number"
        min={1}
        max={50}
        defaultValue="2"
        label={t('meetingForm.perSupplier')}
        error={e.maxParticipantsPerSupplier}
      />
      <Textfield
        id={fieldId('registrationDeadline')}
        name="registrationDeadline"
        type="datetime-local"
        label={t('meetingForm.deadline')}
        description={t('meetingForm.deadlineDescription')}
        error={e.registrationDeadline}
      />
      <Fieldset id={fieldId('registrationQuestions')}>
        <Fieldset.Legend>{t('meetingForm.questions')}</Fieldset.Legend>
        <Fieldset.Description>{t('meetingForm.questionsDescription')}</Fieldset.Description>
        {questions.map((q, i) => (
          <div key={i} className="bt-row">
            <div className="bt-row__fields">
              <Textfield
                id={fieldId(`registrationQuestions.${i}.text`)}
                label={t('meetingForm.question', { n: i + 1 })}
                value={q.text}
                onChange={(ev) =>
                  setQuestions(questions.map((x, j) => (j === i ? { ...x, text: ev.target.value } : x)))
                }
                error={e[`registrationQuestions.${i}.text`]}
              />
              <Checkbox
                id={fieldId(`registrationQuestions.${i}.required`)}
                label={t('meetingForm.questionRequired')}
                checked={q.required}
                onChange={(ev) =>
                  setQuestions(questions.map((x, j) => (j === i ? { ...x, required: ev.target.checked } : x)))
                }
              />
            </div>
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={() => setQuestions(questions.filter((_, j) => j !== i))}
            >
              {t('meetingForm.removeQuestion', { n: i + 1 })}
            </Button>
          </div>
        ))}
        <div>
          <Button
            variant="secondary"
            data-size="sm"
            disabled={questions.length >= 10}
            onClick={() => setQuestions([...questions, { text: '', required: false }])}
          >
            {t('meetingForm.addQuestion')}
          </Button>
        </div>
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('meetingForm.language')}</Fieldset.Legend>
        <Radio
          id={fieldId('language-sv')}
          name="language"
          value="sv"
          label={t('languageName.sv')}
          defaultChecked
        />
        <Radio id={fieldId('language-en')} name="language" value="en" label={t('languageName.en')} />
      </Fieldset>
      <section aria-labelledby="meeting-invite-title" className="bt-subsection">
        <Heading level={2} data-size="xs" id="meeting-invite-title">
          {t('meetingForm.inviteTitle')}
        </Heading>
        <Paragraph data-size="sm">{t('meetingForm.inviteLead')}</Paragraph>
        <div className="bt-select-field">
          <label htmlFor={fieldId('inviteMinScore')} className="ds-label">
            {t('meetingForm.inviteMinScore')}
          </label>
          <Select id={fieldId('inviteMinScore')} name="inviteMinScore" defaultValue="0.5">
            {inviteScores.map((s) => (
              <Select.Option key={s} value={s}>
                {t('needMatches.atLeast', { percent: Number(s) * 100 })}
              </Select.Option>
            ))}
          </Select>
        </div>
        <Checkbox
          id={fieldId('draft')}
          name="draft"
          label={t('meetingForm.draft')}
          description={t('meetingForm.draftDescription')}
        />
      </section>
      <div className="bt-actions">
        <Button type="submit" loading={busy}>
          {t('meetingForm.submit')}
        </Button>
      </div>
    </form>
  );
}
