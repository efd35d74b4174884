import { Button, Paragraph, Skeleton, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listSessions, revokeSession, type AccountSession } from '../../api/accounts';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useSession } from '../../shared/session/session';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AccountSection } from './account-section';
import { describeUserAgent } from './user-agent';

export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useApi('my-sessions', (signal) => listSessions(signal));
  const [ended, setEnded] = useState<string[]>([]);
  const visible = sessions.status === 'success' ? sessions.data.filter((s) => !ended.includes(s.id)) : [];

  return (
    <AccountSection id="sessions" title={t('account.sessionsTitle')}>
      <Paragraph>{t('account.sessionsLead')}</Paragraph>
      <div role="status" className="bt-visually-hidden">
        {sessions.status === 'loading' ? t('account.sessionsLoading') : ''}
      </div>
      {sessions.status === 'loading' && (
        <div aria-hidden="true">
          <Skeleton variant="rectangle" height="5rem" />
        </div>
      )}
      {sessions.status === 'error' && (
        <ApiErrorAlert error={sessions.error} onRetry={sessions.reload} headingLevel={3} />
      )}
      {sessions.status === 'success' && (
        <ul className="bt-session-list">
          {visible.map((session) => (
            <SessionItem
              key={session.id}
              session={session}
              onEnded={() => setEnded((previous) => [...previous, session.id])}
            />
          ))}
        </ul>
      )}
    </AccountSection>
  );
}

function SessionItem({ session, onEnded }: { session: AccountSession; onEnded: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const me = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const { browser, os } = describeUserAgent(session.userAgent);
  const device =
    session.kind === 'bearer'
      ? t('account.sessionApi')
      : browser && os
        ? t('account.sessionDevice', { browser, os })
        : (browser ?? os ?? t('account.sessionUnknownDevice'));
  const titleId = `session-${session.id}`;

  async function end() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      if (session.current) {
        // Leave the page first: without a user, this page would send the visitor to the login page.
        await navigate(paths.home);
        await me.logout();
        return;
      }
      await revokeSession(session.id);
      onEnded();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <li className="bt-session" aria-labelledby={titleId}>
      <div className="bt-session__head">
        <span id={titleId} className="bt-session__device">
          {device}
        </span>
        {session.current && <Tag data-color="success">{t('account.sessionCurrent')}</Tag>}
      </div>
      <dl className="bt-session__facts">
        <dt>{t('account.sessionLastSeen')}</dt>
        <dd>
          <time dateTime={format.iso(session.lastSeenAt)}>{format.dateTime(session.lastSeenAt)}</time>
        </dd>
        <dt>{t('account.sessionCreated')}</dt>
        <dd>
          <time dateTime={format.iso(session.createdAt)}>{format.dateTime(session.createdAt)}</time>
        </dd>
        {session.ip && (
          <>
            <dt>{t('account.sessionIp')}</dt>
            <dd>{session.ip}</dd>
          </>
        )}
      </dl>
      <Button
        variant="secondary"
        data-size="sm"
        loading={busy}
        onClick={() => void end()}
        aria-describedby={titleId}
      >
        {session.current ? t('account.sessionEndCurrent') : t('account.sessionEnd')}
      </Button>
      {error !== undefined && <ApiErrorAlert error={error} headingLevel={false} />}
    </li>
  );
}
