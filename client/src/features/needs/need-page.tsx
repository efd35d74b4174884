import { Alert, Heading, Paragraph, Skeleton, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isNotFound } from '../../api/errors';
import { getNeed, type NeedDetail } from '../../api/needs';
import { apiLinks, paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { CpvLabel } from '../../shared/reference/cpv-label';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { regionLabel, stageColor, stageLabel } from './labels';
import { NeedChanges } from './need-changes';
import { NeedFollow } from './need-follow';
import { NeedMeetings } from './need-meetings';
import { NeedQuestions } from './need-questions';
import './needs.css';
import { TableScroll } from '../../shared/ui/table-scroll';

/** `/behov/:id`: the whole need – problem, functional requirements, aggregated demand, meetings, change log. */
export function NeedPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const need = useApi(`need:${id}`, (signal) => getNeed(id, signal));

  usePageTitle(
    need.status === 'success'
      ? need.data.title
      : need.status === 'error'
        ? isNotFound(need.error)
          ? t('need.notFoundTitle')
          : t('common.errorTitle')
        : t('need.loading'),
  );

  return (
    <div className="bt-container bt-page bt-prose">
      <p className="bt-back">
        <AppLink to={paths.needs}>{t('need.backToSearch')}</AppLink>
      </p>
      {need.status === 'loading' && (
        <>
          <PageHeading busy>
            <span className="bt-visually-hidden">{t('need.loading')}</span>
            <Skeleton variant="text" width="60%" aria-hidden="true" />
          </PageHeading>
          <Skeleton variant="text" width="100%" />
          <Skeleton variant="text" width="80%" />
        </>
      )}
      {need.status === 'error' && (
        <>
          <PageHeading>
            {isNotFound(need.error) ? t('need.notFoundTitle') : t('common.errorTitle')}
          </PageHeading>
          <ApiErrorAlert
            error={need.error}
            onRetry={need.reload}
            notFoundMessage={t('need.notFound')}
            headingLevel={false}
          />
        </>
      )}
      {need.status === 'success' && <Need need={need.data} />}
    </div>
  );
}

function Need({ need }: { need: NeedDetail }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // The need's own text is in the language it was written in (WCAG 3.1.2), whatever the interface's.
  const lang = need.language;
  const when = (value: string | undefined) =>
    value ? <time dateTime={format.iso(value)}>{format.date(value)}</time> : null;
  return (
    <article className="bt-prose bt-need">
      <PageHeading lang={lang}>{need.title}</PageHeading>
      {i18n.resolvedLanguage !== need.language && (
        <Paragraph data-size="sm" className="bt-muted bt-need__language">
          {t(`need.writtenIn.${need.language}`)}
        </Paragraph>
      )}
      <div className="bt-need-card__meta">
        <Tag data-color={stageColor(need.stage)}>{stageLabel(t, need.stage)}</Tag>
        <AppLink to={paths.network(need.network.id)}>{need.network.name}</AppLink>
        {need.publishedAt && <span>{t('need.published', { date: format.date(need.publishedAt) })}</span>}
      </div>
      {/* Only the network (and admins) see a need before publication, or may change it after. */}
      {(need.permissions.edit ||
        need.permissions.close ||
        (need.status !== 'published' && need.status !== 'closed')) && (
        <p className="bt-manage-link">
          <AppLink to={paths.needManage(need.id)}>{t('need.manage')}</AppLink>
        </p>
      )}
      {need.permissions.exportNotice && (
        <>
          <p className="bt-manage-link">
            <a href={apiLinks.eformsE1(need.id)} download aria-describedby="eforms-e1-help">
              {t('need.eformsE1')}
            </a>
          </p>
          <Paragraph data-size="sm" id="eforms-e1-help">
            {t('need.eformsE1Help')}
          </Paragraph>
        </>
      )}
      {need.status !== 'published' && need.status !== 'closed' && (
        <Alert data-color={need.status === 'rejected' ? 'danger' : 'info'}>
          <Paragraph>{t(`needStatus.${need.status as 'draft'}`)}</Paragraph>
          {need.rejection && <Paragraph>{t('supplier.reason', { reason: need.rejection.reason })}</Paragraph>}
        </Alert>
      )}
      <Paragraph data-size="lg" lang={lang}>
        {need.summary}
      </Paragraph>
      <NeedFollow needId={need.id} published={need.status === 'published'} />

      <dl className="bt-facts">
        <dt>{t('need.stage')}</dt>
        <dd>{stageLabel(t, need.stage)}</dd>
        <dt>{t('need.innovationType')}</dt>
        <dd>{t(`innovationType.${need.innovationType as 'none'}`)}</dd>
        <dt>{t('need.network')}</dt>
        <dd>
          {need.network.name}
          {need.buyerGroup ? ` – ${need.buyerGroup.name}` : ''}
        </dd>
        {need.regions.length > 0 && (
          <>
            <dt>{t('need.regions')}</dt>
            <dd>{need.regions.map((code) => regionLabel(t, code)).join(', ')}</dd>
          </>
        )}
        {need.cpv.length > 0 && (
          <>
            <dt>{t('need.cpv')}</dt>
            <dd>
              <ul className="bt-plain-list">
                {need.cpv.map((c) => (
                  <li key={c.code}>
                    <CpvLabel code={c.code} labels={c.label} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {need.questionsDeadline && (
          <>
            <dt>{t('need.questionsDeadlineLabel')}</dt>
            <dd>
              <time dateTime={format.iso(need.questionsDeadline)}>
                {format.dateTime(need.questionsDeadline)}
              </time>
            </dd>
          </>
        )}
        {need.dialoguePeriod && (need.dialoguePeriod.start || need.dialoguePeriod.end) && (
          <>
            <dt>{t('need.dialoguePeriod')}</dt>
            <dd>
              {when(need.dialoguePeriod.start)} – {when(need.dialoguePeriod.end)}
            </dd>
          </>
        )}
        {need.plannedProcurementStart && (
          <>
            <dt>{t('need.plannedProcurementStart')}</dt>
            <dd>{when(need.plannedProcurementStart)}</dd>
          </>
        )}
      </dl>

      {need.description && (
        <section aria-labelledby="need-problem">
          <Heading level={2} data-size="sm" id="need-problem">
            {t('need.problem')}
          </Heading>
          <Paragraph className="bt-pre-line" lang={lang}>
            {need.description}
          </Paragraph>
        </section>
      )}
      {need.requirements.length > 0 && (
        <section aria-labelledby="need-requirements">
          <Heading level={2} data-size="sm" id="need-requirements">
            {t('need.requirements')}
          </Heading>
          <ol lang={lang}>
            {need.requirements.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ol>
        </section>
      )}
      {need.desiredOutcomes && (
        <section aria-labelledby="need-outcomes">
          <Heading level={2} data-size="sm" id="need-outcomes">
            {t('need.desiredOutcomes')}
          </Heading>
          <Paragraph className="bt-pre-line" lang={lang}>
            {need.desiredOutcomes}
          </Paragraph>
        </section>
      )}
      <DemandTable need={need} />
      {need.outcome && (
        <section aria-labelledby="need-outcome">
          <Heading level={2} data-size="sm" id="need-outcome">
            {t('need.outcome')}
          </Heading>
          <Paragraph>
            <strong>{t(`outcomeResult.${need.outcome.result}`)}</strong>{' '}
            <span lang={lang}>{need.outcome.description}</span>
          </Paragraph>
          {need.outcome.results && (
            <Paragraph className="bt-pre-line" lang={lang}>
              {need.outcome.results}
            </Paragraph>
          )}
          {need.outcome.lessonsLearned && (
            <Paragraph className="bt-pre-line" lang={lang}>
              {need.outcome.lessonsLearned}
            </Paragraph>
          )}
        </section>
      )}
      {(need.contact || need.attachments.length > 0) && (
        <section aria-labelledby="need-contact">
          <Heading level={2} data-size="sm" id="need-contact">
            {t('need.contactAndDocuments')}
          </Heading>
          {need.contact && (
            <Paragraph>
              {need.contact.name} · <a href={`mailto:${need.contact.email}`}>{need.contact.email}</a>
              {need.contact.phone ? ` · ${need.contact.phone}` : ''}
            </Paragraph>
          )}
          {need.attachments.length > 0 && (
            <ul>
              {need.attachments.map((a) => (
                <li key={a.url}>
                  <a href={a.url} rel="noopener noreferrer">
                    {a.title}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {(need.status === 'published' || need.status === 'closed') && <NeedMeetings needId={need.id} />}
      {(need.status === 'published' || need.status === 'closed') && (
        <NeedQuestions needId={need.id} managed={need.permissions.edit || need.permissions.close} />
      )}
      {need.changeCount > 0 && <NeedChanges needId={need.id} count={need.changeCount} />}
    </article>
  );
}

function DemandTable({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, totals } = need.demand;
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="need-demand">
      <Heading level={2} data-size="sm" id="need-demand">
        {t('need.demand')}
      </Heading>
      <Paragraph>{t('need.demandLead', { count: totals.organisations })}</Paragraph>
      <TableScroll label={t('need.demand')}>
        <Table data-size="sm" border>
          <caption className="bt-visually-hidden">{t('need.demand')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('need.demandOrganisation')}</Table.HeaderCell>
              <Table.HeaderCell>{t('need.demandQuantity')}</Table.HeaderCell>
              <Table.HeaderCell className="bt-num">{t('need.demandValue')}</Table.HeaderCell>
              <Table.HeaderCell>{t('need.demandTimeframe')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.organisation.id}>
                <Table.HeaderCell scope="row">{row.organisation.name}</Table.HeaderCell>
                <Table.Cell>
                  {row.quantity ? `${format.number(row.quantity.amount)} ${row.quantity.unit}` : '–'}
                </Table.Cell>
                <Table.Cell className="bt-num">
                  {row.value ? format.money(row.value.amount, row.value.currency) : '–'}
                </Table.Cell>
                <Table.Cell>
                  {row.timeframe?.from || row.timeframe?.to
                    ? `${row.timeframe.from ? format.date(row.timeframe.from) : ''} – ${row.timeframe.to ? format.date(row.timeframe.to) : ''}`
                    : '–'}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
          <tfoot>
            {(totals.value.length > 0 ? totals.value : [undefined]).map((total, i) => (
              <Table.Row key={total?.currency ?? 'none'}>
                <Table.HeaderCell scope="row">
                  {totals.value.length > 1 && total
                    ? t('need.demandTotalIn', { currency: total.currency })
                    : t('need.demandTotal')}
                </Table.HeaderCell>
                <Table.Cell>
                  {i === 0
                    ? totals.quantity.map((q) => `${format.number(q.amount)} ${q.unit}`).join(', ') || '–'
                    : ''}
                </Table.Cell>
                <Table.Cell className="bt-num">
                  {total ? format.money(total.amount, total.currency) : '–'}
                </Table.Cell>
                <Table.Cell />
              </Table.Row>
            ))}
          </tfoot>
        </Table>
      </TableScroll>
    </section>
  );
}
