import { Button, Fieldset, Radio, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMeeting, type Meeting, type MeetingChanges, type MeetingFormat } from '../../api/meetings';
import { isoToStockholm, stockholmToIso } from '../../shared/forms/datetime';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';

const fieldId = (path: string) => `meeting-edit-${path}`;
const formats: MeetingFormat[] = ['in_person', 'online', 'hybrid'];

/**
 * Change or reschedule a meeting. Only what changed is sent: a new time or place raises the
 * iCal SEQUENCE and everyone registered gets the updated event; more places promote the waitlist.
 */
export function MeetingEditForm({
  meeting,
  onSaved,
  onCancel,
}: {
  meeting: Meeting;
  onSaved: (meeting: Meeting) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [place, setPlace] = useState<MeetingFormat>(meeting.format);
  const info = meeting.kind === 'information_meeting';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '').trim();
    const startsAt = stockholmToIso(value('startsAt'));
    const endsAt = info ? stockholmToIso(value('endsAt')) : undefined;
    const deadline = stockholmToIso(value('registrationDeadline'));
    const capacity = info ? Number(value('capacity')) : undefined;
    const ok = errors.check({
      title: value('title').length < 3 ? t('meetingForm.errors.title') : undefined,
      address:
        place !== 'online' && value('address').length < 3 ? t('meetingForm.errors.address') : undefined,
      onlineUrl:
        place !== 'in_person' && !/^https?:\/\/\S+\.\S+/.test(value('onlineUrl'))
          ? t('meetingForm.errors.onlineUrl')
          : undefined,
      startsAt: !startsAt ? t('meetingForm.errors.startsAt') : undefined,
      endsAt:
        info && (!endsAt || (startsAt && endsAt <= startsAt))
          ? t('meetingForm.errors.endBeforeStart')
          : undefined,
      capacity:
        info && !(Number.isInteger(capacity) && capacity! >= 1)
          ? t('meetingForm.errors.capacity')
          : undefined,
      registrationDeadline: !deadline ? t('needForm.errors.dateTime') : undefined,
    });
    if (!ok) return;
    const changes: MeetingChanges = {};
    if (value('title') !== meeting.title) changes.title = value('title');
    if (value('agenda') !== meeting.agenda) changes.agenda = value('agenda');
    if (place !== meeting.format) changes.format = place;
    const address = place !== 'online' ? value('address') : null;
    if ((address ?? undefined) !== meeting.address) changes.address = address;
    const onlineUrl = place !== 'in_person' ? value('onlineUrl') : null;
    if ((onlineUrl ?? undefined) !== meeting.onlineUrl) changes.onlineUrl = onlineUrl;
    if (startsAt && startsAt !== new Date(meeting.startsAt).toISOString()) changes.startsAt = startsAt;
    if (endsAt && endsAt !== new Date(meeting.endsAt).toISOString()) changes.endsAt = endsAt;
    if (capacity !== undefined && capacity !== meeting.capacity) changes.capacity = capacity;
    if (deadline && deadline !== new Date(meeting.registrationDeadline).toISOString())
      changes.registrationDeadline = deadline;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    try {
      onSaved(await updateMeeting(meeting.id, changes));
    } catch (error) {
      errors.fromApiError(error, {
        formMessage: (e) =>
          (e as { code?: string }).code === 'capacity_below_registered'
            ? t('meetingAdmin.capacityBelow')
            : undefined,
      });
      setBusy(false);
    }
  }

  const e = errors.fields;
  return (
    <form className="bt-form bt-wide-form bt-subsection" noValidate onSubmit={submit}>
      <FormErrorSummary errors={errors} fieldIds={fieldId} />
      <Textfield
        id={fieldId('title')}
        name="title"
        label={t('meetingForm.title')}
        defaultValue={meeting.title}
        error={e.title}
      />
      <Textfield
        id={fieldId('agenda')}
        name="agenda"
        multiline
        rows={4}
        label={t('meetingForm.agenda')}
        defaultValue={meeting.agenda}
        error={e.agenda}
      />
      <Fieldset>
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
          defaultValue={meeting.address}
          error={e.address}
        />
      )}
      {place !== 'in_person' && (
        <Textfield
          id={fieldId('onlineUrl')}
          name="onlineUrl"
          type="url"
          label={t('meetingForm.onlineUrl')}
          defaultValue={meeting.onlineUrl}
          error={e.onlineUrl}
        />
      )}
      <div className="bt-field-pair">
        <Textfield
          id={fieldId('startsAt')}
          name="startsAt"
          type="datetime-local"
          label={t('meetingForm.startsAt')}
          description={info ? undefined : t('meetingAdmin.slotsMove')}
          defaultValue={isoToStockholm(meeting.startsAt)}
          error={e.startsAt}
        />
        {info && (
          <Textfield
            id={fieldId('endsAt')}
            name="endsAt"
            type="datetime-local"
            label={t('meetingForm.endsAt')}
            defaultValue={isoToStockholm(meeting.endsAt)}
            error={e.endsAt}
          />
        )}
      </div>
      {info && (
        <Textfield
          id={fieldId('capacity')}
          name="capacity"
          type="number"
          min={1}
          label={t('meetingForm.capacity')}
          description={t('meetingAdmin.capacityHelp')}
          defaultValue={String(meeting.capacity)}
          error={e.capacity}
        />
      )}
      <Textfield
        id={fieldId('registrationDeadline')}
        name="registrationDeadline"
        type="datetime-local"
        label={t('meetingForm.deadline')}
        defaultValue={isoToStockholm(meeting.registrationDeadline)}
        error={e.registrationDeadline}
      />
      <div className="bt-actions">
        <Button type="submit" loading={busy}>
          {t('meetingAdmin.save')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('forms.cancel')}
        </Button>
      </div>
    </form>
  );
}
