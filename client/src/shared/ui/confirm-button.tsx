import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from './api-error-alert';
import { useFocusReturn } from './use-focus-return';

interface ConfirmButtonProps {
  /** The first button. */
  children: ReactNode;
  /** What will happen, asked before doing it. */
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
  describedBy?: string;
}

/**
 * An action that cannot be undone: the first click asks (in place, no dialog) and moves focus to
 * the question; only "Yes" does it. Failures are shown where the question was. "Cancel" (and a
 * success that leaves the button in place) puts focus back on the first button.
 */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  danger = true,
  describedBy,
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const opener = useFocusReturn<HTMLButtonElement>();
  if (!asking) {
    return (
      <Button
        ref={opener.ref}
        variant="secondary"
        data-color={danger ? 'danger' : undefined}
        data-size="sm"
        aria-describedby={describedBy}
        onClick={() => setAsking(true)}
      >
        {children}
      </Button>
    );
  }
  return (
    <div className="bt-confirm" role="group" aria-label={question}>
      <FocusedQuestion text={question} />
      <div className="bt-inline-actions">
        <Button
          data-color={danger ? 'danger' : undefined}
          data-size="sm"
          loading={busy}
          onClick={() => {
            if (busy) return;
            setBusy(true);
            setError(undefined);
            onConfirm().then(
              () => {
                setBusy(false);
                setAsking(false);
                opener.returnFocus();
              },
              (e: unknown) => {
                setBusy(false);
                setError(e);
              },
            );
          }}
        >
          {confirmLabel}
        </Button>
        <Button
          variant="tertiary"
          data-size="sm"
          onClick={() => {
            setAsking(false);
            opener.returnFocus();
          }}
        >
          {t('forms.cancel')}
        </Button>
      </div>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </div>
  );
}

/** The question takes focus once, when it appears, so screen readers read it out. */
function FocusedQuestion({ text }: { text: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Paragraph data-size="sm" tabIndex={-1} ref={ref} className="bt-confirm__question">
      {text}
    </Paragraph>
  );
}
