import { Button, Card, Heading, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useFocusReturn } from '../../shared/ui/use-focus-return';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';

interface ModerationItemProps {
  id: string;
  title: string;
  meta?: ReactNode;
  children?: ReactNode;
  approveLabel: string;
  onApprove: () => Promise<unknown>;
  onReject?: (reason: string) => Promise<unknown>;
  /** Told the outcome once the API has accepted it; the queue removes the item. */
  onDone: (outcome: 'approved' | 'rejected') => void;
  minReason?: number;
}

/** One item of a moderation queue: what it is, approve, or reject with a reason (sent to the owner). */
export function ModerationItem({
  id,
  title,
  meta,
  children,
  approveLabel,
  onApprove,
  onReject,
  onDone,
  minReason = 10,
}: ModerationItemProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const [error, setError] = useState<unknown>();
  const [rejecting, setRejecting] = useState(false);
  // "Avbryt" removes the form and brings the reject button back: focus goes back to it.
  const rejectOpener = useFocusReturn<HTMLButtonElement>();
  const errors = useFormErrors();
  const titleId = `item-${id}-title`;
  const reasonId = `item-${id}-reason`;

  async function approve() {
    if (busy) return;
    setBusy('approve');
    setError(undefined);
    try {
      await onApprove();
      onDone('approved');
    } catch (e) {
      setError(e);
      setBusy(undefined);
    }
  }

  async function reject(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !onReject) return;
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (
      !errors.check({
        reason: reason.length < minReason ? t('admin.reasonShort', { count: minReason }) : undefined,
      })
    )
      return;
    setBusy('reject');
    try {
      await onReject(reason);
      onDone('rejected');
    } catch (e) {
      errors.fromApiError(e);
      setBusy(undefined);
    }
  }

  return (
    <Card data-color="neutral" className="bt-mod-item" aria-labelledby={titleId}>
      <Heading level={2} data-size="xs" id={titleId}>
        {title}
      </Heading>
      {meta && <div className="bt-mod-item__meta">{meta}</div>}
      {children}
      <div className="bt-actions">
        <Button onClick={() => void approve()} loading={busy === 'approve'} aria-describedby={titleId}>
          {approveLabel}
        </Button>
        {onReject && !rejecting && (
          <Button
            ref={rejectOpener.ref}
            variant="secondary"
            data-color="danger"
            onClick={() => setRejecting(true)}
            aria-describedby={titleId}
          >
            {t('admin.reject')}
          </Button>
        )}
      </div>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
      {rejecting && onReject && (
        <form className="bt-form bt-mod-item__reject" noValidate onSubmit={reject}>
          <FormErrorSummary errors={errors} fieldIds={{ reason: reasonId }} />
          <Textfield
            id={reasonId}
            name="reason"
            multiline
            rows={3}
            label={t('admin.reasonLabel', { title })}
            description={t('admin.reasonDescription')}
            error={errors.fields.reason}
            autoFocus
          />
          <div className="bt-actions">
            <Button type="submit" data-color="danger" loading={busy === 'reject'}>
              {t('admin.sendRejection')}
            </Button>
            <Button
              variant="tertiary"
              onClick={() => {
                setRejecting(false);
                rejectOpener.returnFocus();
              }}
            >
              {t('forms.cancel')}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
