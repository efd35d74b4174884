import {
  Button,
  Card,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Tag,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { buyerGroups, createBuyerGroup, updateBuyerGroup, type BuyerGroup } from '../../api/networks';
import { dateOnly, isDate, isoToStockholm, stockholmToIso } from '../../shared/forms/datetime';
import { FormErrorSummary, useFormErrors } from '../../shared/forms/form-errors';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useFocusReturn } from '../../shared/ui/use-focus-return';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { NetworkWorkspace, type NetworkContext } from './network-workspace';
import type { Message } from '../../shared/ui/message';

/** `/natverk/:id/hantera/grupper`: temporary buyer groups of member organisations, one per procurement. */
export function NetworkGroupsPage() {
  const { t } = useTranslation();
  return (
    <NetworkWorkspace title={t('networkManage.groups')}>
      {(context) => <Groups context={context} />}
    </NetworkWorkspace>
  );
}

function Groups({ context }: { context: NetworkContext }) {
  const { t } = useTranslation();
  const { network, coordinator } = context;
  const [refresh, setRefresh] = useState(0);
  const [saved, setSaved] = useState<Message>();
  const groups = useApi(`groups:${network.id}:${refresh}`, (signal) => buyerGroups(network.id, signal), {
    keepPrevious: true,
  });
  const done = (message: Message) => {
    setSaved(() => message);
    setRefresh((n) => n + 1);
  };
  return (
    <>
      <Paragraph className="bt-lead">{t('groups.lead')}</Paragraph>
      <div role="status" className="bt-form__status">
        {saved && <Paragraph>{saved(t)}</Paragraph>}
      </div>
      {groups.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {groups.status === 'error' && (
        <ApiErrorAlert error={groups.error} onRetry={groups.reload} headingLevel={false} />
      )}
      {groups.status === 'success' &&
        (groups.data.length === 0 ? (
          <Paragraph>{t('groups.empty')}</Paragraph>
        ) : (
          <ul className="bt-plain-list bt-stack bt-wide">
            {groups.data.map((g) => (
              <li key={g.id}>
                <GroupCard
                  group={g}
                  context={context}
                  onSaved={() => done((tr) => tr('groups.saved', { name: g.name }))}
                />
              </li>
            ))}
          </ul>
        ))}
      {coordinator && (
        <section aria-labelledby="new-group" className="bt-section">
          <Heading level={2} data-size="sm" id="new-group">
            {t('groups.createTitle')}
          </Heading>
          <GroupForm
            key={refresh}
            idPrefix="new-group"
            context={context}
            submitLabel={t('groups.create')}
            onSubmit={async (input) => {
              const created = await createBuyerGroup(network.id, input);
              done((tr) => tr('groups.created', { name: created.name }));
            }}
          />
        </section>
      )}
    </>
  );
}

function GroupCard({
  group,
  context,
  onSaved,
}: {
  group: BuyerGroup;
  context: NetworkContext;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const editOpener = useFocusReturn<HTMLButtonElement>();
  const titleId = `group-${group.id}`;
  return (
    <Card data-color="neutral" aria-labelledby={titleId} className="bt-stack-card">
      <Heading level={2} data-size="xs" id={titleId}>
        {group.name}
      </Heading>
      <div className="bt-tags">
        <Tag data-color={group.active ? 'success' : 'neutral'}>
          {group.active ? t('groups.active') : t('groups.ended')}
        </Tag>
        <Tag data-color="neutral">{t('groups.endsAt', { date: format.date(group.endsAt) })}</Tag>
      </div>
      <Paragraph className="bt-pre-line">{group.purpose}</Paragraph>
      <Paragraph data-size="sm">
        {t('groups.members', { names: group.members.map((m) => m.name).join(', ') })}
      </Paragraph>
      {context.coordinator &&
        (editing ? (
          <GroupForm
            idPrefix={`group-${group.id}`}
            group={group}
            context={context}
            submitLabel={t('groups.save')}
            onCancel={() => {
              setEditing(false);
              editOpener.returnFocus();
            }}
            onSubmit={async (input) => {
              await updateBuyerGroup(context.network.id, group.id, input);
              setEditing(false);
              onSaved();
            }}
          />
        ) : (
          <Button
            ref={editOpener.ref}
            variant="secondary"
            data-size="sm"
            aria-describedby={titleId}
            onClick={() => setEditing(true)}
          >
            {t('groups.edit')}
          </Button>
        ))}
    </Card>
  );
}

interface GroupFormProps {
  idPrefix: string;
  group?: BuyerGroup;
  context: NetworkContext;
  submitLabel: string;
  onSubmit: (input: {
    name: string;
    purpose: string;
    memberOrgIds: string[];
    endsAt: string;
  }) => Promise<void>;
  onCancel?: () => void;
}

function GroupForm({ idPrefix, group, context, submitLabel, onSubmit, onCancel }: GroupFormProps) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [members, setMembers] = useState<string[]>(group?.members.map((m) => m.id) ?? []);
  const ids = {
    name: `${idPrefix}-name`,
    purpose: `${idPrefix}-purpose`,
    memberOrgIds: `${idPrefix}-members`,
    endsAt: `${idPrefix}-ends`,
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get('name') ?? '').trim();
    const purpose = String(data.get('purpose') ?? '').trim();
    const ends = String(data.get('endsAt') ?? '');
    // The group ends at the end of the chosen day, Swedish time.
    const endsAt = isDate(ends) ? stockholmToIso(`${ends}T23:59`) : undefined;
    const ok = errors.check({
      name: name.length < 3 ? t('groups.errors.name') : undefined,
      purpose: purpose.length < 3 ? t('groups.errors.purpose') : undefined,
      memberOrgIds: members.length === 0 ? t('groups.errors.members') : undefined,
      endsAt: !endsAt
        ? t('groups.errors.endsAt')
        : new Date(endsAt).getTime() <= Date.now()
          ? t('groups.errors.endsAtPast')
          : undefined,
    });
    if (!ok || !endsAt) return;
    setBusy(true);
    try {
      await onSubmit({ name, purpose, memberOrgIds: members, endsAt });
    } catch (error) {
      errors.fromApiError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="bt-form bt-narrow" noValidate onSubmit={submit}>
      <FormErrorSummary errors={errors} fieldIds={ids} />
      <Textfield
        id={ids.name}
        name="name"
        label={t('groups.name')}
        defaultValue={group?.name}
        error={errors.fields.name}
      />
      <Textfield
        id={ids.purpose}
        name="purpose"
        multiline
        rows={3}
        label={t('groups.purpose')}
        description={t('groups.purposeDescription')}
        defaultValue={group?.purpose}
        error={errors.fields.purpose}
      />
      <Fieldset id={ids.memberOrgIds}>
        <Fieldset.Legend>{t('groups.membersLegend')}</Fieldset.Legend>
        {context.network.members.map((m) => (
          <Checkbox
            key={m.id}
            id={`${ids.memberOrgIds}-${m.id}`}
            label={m.name}
            checked={members.includes(m.id)}
            onChange={(event) =>
              setMembers((previous) =>
                event.target.checked ? [...previous, m.id] : previous.filter((id) => id !== m.id),
              )
            }
          />
        ))}
        {errors.fields.memberOrgIds && <ValidationMessage>{errors.fields.memberOrgIds}</ValidationMessage>}
      </Fieldset>
      <Textfield
        id={ids.endsAt}
        name="endsAt"
        type="date"
        label={t('groups.endsAtLabel')}
        description={t('groups.endsAtDescription')}
        defaultValue={group ? dateOnly(isoToStockholm(group.endsAt)) : ''}
        error={errors.fields.endsAt}
      />
      <div className="bt-actions">
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="tertiary" onClick={onCancel}>
            {t('forms.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
