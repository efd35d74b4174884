import { Alert, Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { submitNeed, type NeedDetail } from '../../api/needs';
import { paths } from '../../app/paths';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useFormat } from '../../shared/i18n/use-format';
import { AppLink } from '../../shared/ui/app-link';
import { NeedStatusTag } from '../buyer/status-tags';
import { stageLabel } from '../needs/labels';
import { CloseNeedForm } from './close-need-form';
import { NeedWorkspace, type NeedContext } from './need-workspace';

/** `/behov/:id/hantera`: status and moderation feedback, submit for review, close with the outcome. */
export function NeedOverviewPage() {
  return <NeedWorkspace>{(context) => <Overview context={context} />}</NeedWorkspace>;
}

/** What review needs that the need lacks (the API's `need_incomplete` list, checked here first). */
function missing(need: NeedDetail): string[] {
  const m: string[] = [];
  if (need.summary.trim().length < 10) m.push('summary');
  if (need.description.trim().length < 50) m.push('description');
  if (need.requirements.length === 0) m.push('requirements');
  if (need.cpvCodes.length === 0) m.push('cpvCodes');
  if (need.regions.length === 0) m.push('regions');
  if (!need.contact) m.push('contact');
  return m;
}

function Overview({ context }: { context: NeedContext }) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const [need, setNeed] = useState(context.need);
  const [justSubmitted, setJustSubmitted] = useState(
    (location.state as { submitted?: boolean } | null)?.submitted === true,
  );
  const lacking = missing(need);
  return (
    <>
      <div role="status" className="bt-form__status">
        {justSubmitted && need.status === 'submitted' && (
          <Paragraph>{t('needManage.submittedNow')}</Paragraph>
        )}
      </div>
      <StatusAlert need={need} />
      {(need.status === 'draft' || need.status === 'rejected') && (
        <section aria-labelledby="need-review" className="bt-section">
          <Heading level={2} data-size="sm" id="need-review">
            {t('needManage.reviewTitle')}
          </Heading>
          {lacking.length > 0 ? (
            <>
              <Paragraph>{t('needManage.lacking')}</Paragraph>
              <ul>
                {lacking.map((field) => (
                  <li key={field}>{t(`needManage.lackingField.${field as 'summary'}`)}</li>
                ))}
              </ul>
            </>
          ) : (
            <Paragraph>{t('needManage.complete')}</Paragraph>
          )}
          <div className="bt-actions">
            {need.permissions.edit && (
              <Button asChild variant="secondary">
                <AppLink to={paths.needEdit(need.id)}>{t('needManage.editNeed')}</AppLink>
              </Button>
            )}
            {need.permissions.submit && lacking.length === 0 && (
              <SubmitButton
                needId={need.id}
                onSubmitted={(updated) => {
                  setNeed(updated);
                  setJustSubmitted(true);
                  context.reload();
                }}
              />
            )}
          </div>
          {!need.permissions.submit && (
            <Paragraph data-size="sm" className="bt-muted">
              {t('needForm.coordinatorSubmits')}
            </Paragraph>
          )}
        </section>
      )}
      <dl className="bt-facts">
        <dt>{t('networkManage.status')}</dt>
        <dd>
          <NeedStatusTag status={need.status} />
        </dd>
        <dt>{t('need.stage')}</dt>
        <dd>{stageLabel(t, need.stage)}</dd>
        <dt>{t('need.network')}</dt>
        <dd>
          {need.network.name}
          {need.buyerGroup ? ` – ${need.buyerGroup.name}` : ''}
        </dd>
        <dt>{t('needManage.updated')}</dt>
        <dd>
          <time dateTime={format.iso(need.updatedAt)}>{format.dateTime(need.updatedAt)}</time> ·{' '}
          {t('needManage.version', { version: need.version })}
        </dd>
        {need.publishedAt && (
          <>
            <dt>{t('needManage.publishedAt')}</dt>
            <dd>
              <time dateTime={format.iso(need.publishedAt)}>{format.date(need.publishedAt)}</time>
            </dd>
          </>
        )}
        <dt>{t('need.demand')}</dt>
        <dd>
          {t('need.demandLead', { count: need.demand.totals.organisations })}{' '}
          {need.demand.totals.value.map((v) => format.money(v.amount, v.currency)).join(', ')}
        </dd>
      </dl>
      <section aria-labelledby="need-work" className="bt-section">
        <Heading level={2} data-size="sm" id="need-work">
          {t('needManage.workTitle')}
        </Heading>
        <ul className="bt-link-list">
          <li>
            <AppLink to={paths.needMatches(need.id)}>{t('needManage.matchesLink')}</AppLink>
          </li>
          <li>
            <AppLink to={paths.needMeetings(need.id)}>{t('needManage.meetingsLink')}</AppLink>
          </li>
          <li>
            <AppLink to={paths.needQuestions(need.id)}>{t('needManage.questionsLink')}</AppLink>
          </li>
          <li>
            <AppLink to={paths.need(need.id)}>{t('needManage.publicLink')}</AppLink>
          </li>
        </ul>
      </section>
      {need.outcome && (
        <section aria-labelledby="need-outcome-title" className="bt-section">
          <Heading level={2} data-size="sm" id="need-outcome-title">
            {t('need.outcome')}
          </Heading>
          <Tag data-color="info">{t(`outcomeResult.${need.outcome.result}`)}</Tag>
          <Paragraph className="bt-pre-line">{need.outcome.description}</Paragraph>
          {need.outcome.results && <Paragraph className="bt-pre-line">{need.outcome.results}</Paragraph>}
          {need.outcome.lessonsLearned && (
            <Paragraph className="bt-pre-line">{need.outcome.lessonsLearned}</Paragraph>
          )}
        </section>
      )}
      {need.permissions.close && need.status === 'published' && (
        <CloseNeedForm
          need={need}
          onClosed={(closed) => {
            setNeed(closed);
            context.reload();
          }}
        />
      )}
    </>
  );
}

function StatusAlert({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  switch (need.status) {
    case 'draft':
      return (
        <Alert data-color="info" className="bt-block">
          <Paragraph>{t('needStatus.draft')}</Paragraph>
        </Alert>
      );
    case 'submitted':
      return (
        <Alert data-color="warning" className="bt-block">
          <Paragraph>{t('needStatus.submitted')}</Paragraph>
        </Alert>
      );
    case 'rejected':
      return (
        <Alert data-color="danger" className="bt-block">
          <Heading level={2} data-size="xs">
            {t('needManage.rejectedTitle')}
          </Heading>
          {need.rejection && (
            <Paragraph>
              {t('supplier.reason', { reason: need.rejection.reason })}
              {need.rejection.at ? ` (${format.date(need.rejection.at)})` : ''}
            </Paragraph>
          )}
          <Paragraph>{t('needManage.rejectedHelp')}</Paragraph>
        </Alert>
      );
    case 'published':
      return (
        <Alert data-color={need.hidden ? 'warning' : 'success'} className="bt-block">
          <Paragraph>{need.hidden ? t('needManage.hidden') : t('needManage.publishedNote')}</Paragraph>
        </Alert>
      );
    case 'closed':
      return (
        <Alert data-color="info" className="bt-block">
          <Paragraph>{t('needManage.closedNote')}</Paragraph>
        </Alert>
      );
    default:
      return null;
  }
}

function SubmitButton({ needId, onSubmitted }: { needId: string; onSubmitted: (need: NeedDetail) => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        loading={busy}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          submitNeed(needId).then(
            (updated) => {
              setBusy(false);
              onSubmitted(updated);
            },
            (error: unknown) => {
              setBusy(false);
              errors.fromApiError(error);
            },
          );
        }}
      >
        {t('needManage.submit')}
      </Button>
      <FormErrorSummary errors={errors} fieldIds={() => undefined} />
    </>
  );
}
