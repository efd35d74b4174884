import type { TFunction } from 'i18next';
import type { Currency, InnovationType, NeedDetail, NeedInput } from '../../api/needs';
import { dateOnly, isDate, isoToStockholm, stockholmToIso } from '../../shared/forms/datetime';

export interface DemandRowState {
  organisationId: string;
  quantityAmount: string;
  quantityUnit: string;
  valueAmount: string;
  currency: Currency;
  from: string;
  to: string;
}

export interface NeedFormState {
  title: string;
  summary: string;
  buyerGroupId: string;
  language: 'sv' | 'en';
  description: string;
  requirements: string[];
  desiredOutcomes: string;
  cpvCodes: string[];
  regions: string[];
  innovationType: InnovationType;
  stage: string;
  questionsDeadline: string;
  dialogueStart: string;
  dialogueEnd: string;
  plannedProcurementStart: string;
  demand: DemandRowState[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  attachments: { title: string; url: string }[];
  changeNote: string;
}

export function initialState(need?: NeedDetail): NeedFormState {
  return {
    title: need?.title ?? '',
    summary: need?.summary ?? '',
    buyerGroupId: need?.buyerGroup?.id ?? '',
    language: need?.language ?? 'sv',
    description: need?.description ?? '',
    requirements: need?.requirements.length ? [...need.requirements] : [''],
    desiredOutcomes: need?.desiredOutcomes ?? '',
    cpvCodes: need?.cpvCodes ?? [],
    regions: need?.regions ?? [],
    innovationType: (need?.innovationType as InnovationType | undefined) ?? 'none',
    stage: need?.stage && need.stage !== 'closed' ? need.stage : 'need_analysis',
    questionsDeadline: isoToStockholm(need?.questionsDeadline),
    dialogueStart: dateOnly(need?.dialoguePeriod?.start),
    dialogueEnd: dateOnly(need?.dialoguePeriod?.end),
    plannedProcurementStart: dateOnly(need?.plannedProcurementStart),
    demand:
      need?.demand.rows.map((row) => ({
        organisationId: row.organisation.id,
        quantityAmount: row.quantity ? String(row.quantity.amount) : '',
        quantityUnit: row.quantity?.unit ?? '',
        valueAmount: row.value ? String(row.value.amount) : '',
        currency: (row.value?.currency as Currency | undefined) ?? 'SEK',
        from: dateOnly(row.timeframe?.from),
        to: dateOnly(row.timeframe?.to),
      })) ?? [],
    contactName: need?.contact?.name ?? '',
    contactEmail: need?.contact?.email ?? '',
    contactPhone: need?.contact?.phone ?? '',
    attachments: need?.attachments.map((a) => ({ ...a })) ?? [],
    changeNote: '',
  };
}

/** "1 250 000", "1250000,50" -> 1250000.5; NaN when it is not a number. */
export function parseAmount(value: string): number {
  const cleaned = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}

const filled = (value: string) => value.trim().length > 0;

/**
 * The body for POST (`create`) or PATCH. On PATCH every field is sent (arrays replace, `null`
 * clears), except the ones the API requires non-empty once given (summary, CPV codes, regions).
 */
export function toInput(state: NeedFormState, mode: 'create' | 'update'): NeedInput {
  const clear = mode === 'update' ? null : undefined;
  const requirements = state.requirements.map((r) => r.trim()).filter(Boolean);
  const contactGiven = filled(state.contactName) || filled(state.contactEmail);
  const input: NeedInput = {
    title: state.title.trim(),
    description: state.description.trim(),
    requirements,
    desiredOutcomes: state.desiredOutcomes.trim(),
    innovationType: state.innovationType,
    stage: state.stage,
    language: state.language,
    attachments: state.attachments.map((a) => ({ title: a.title.trim(), url: a.url.trim() })),
    demand: state.demand.map((row) => {
      const quantity = parseAmount(row.quantityAmount);
      const value = parseAmount(row.valueAmount);
      return {
        organisationId: row.organisationId,
        ...(Number.isFinite(quantity)
          ? { quantity: { amount: quantity, unit: row.quantityUnit.trim() } }
          : {}),
        ...(Number.isFinite(value) ? { value: { amount: value, currency: row.currency } } : {}),
        ...(row.from || row.to
          ? { timeframe: { ...(row.from ? { from: row.from } : {}), ...(row.to ? { to: row.to } : {}) } }
          : {}),
      };
    }),
  };
  if (filled(state.summary)) input.summary = state.summary.trim();
  if (state.cpvCodes.length > 0) input.cpvCodes = state.cpvCodes;
  if (state.regions.length > 0) input.regions = state.regions;
  const buyerGroupId = state.buyerGroupId || clear;
  if (buyerGroupId !== undefined) input.buyerGroupId = buyerGroupId;
  const deadline = filled(state.questionsDeadline) ? stockholmToIso(state.questionsDeadline) : clear;
  if (deadline !== undefined) input.questionsDeadline = deadline;
  const period =
    state.dialogueStart || state.dialogueEnd
      ? {
          ...(state.dialogueStart ? { start: state.dialogueStart } : {}),
          ...(state.dialogueEnd ? { end: state.dialogueEnd } : {}),
        }
      : clear;
  if (period !== undefined) input.dialoguePeriod = period;
  const planned = state.plannedProcurementStart || clear;
  if (planned !== undefined) input.plannedProcurementStart = planned;
  const contact = contactGiven
    ? {
        name: state.contactName.trim(),
        email: state.contactEmail.trim(),
        ...(filled(state.contactPhone) ? { phone: state.contactPhone.trim() } : {}),
      }
    : clear;
  if (contact !== undefined) input.contact = contact;
  return input;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The API's rules, checked before sending: `save` what any draft must satisfy, `submit` also
 * what review needs (the same list as the API's `need_incomplete`). Keys are the API's paths.
 */
export function validate(
  t: TFunction,
  state: NeedFormState,
  mode: 'save' | 'submit',
): Record<string, string | undefined> {
  const p: Record<string, string | undefined> = {};
  const title = state.title.trim();
  if (title.length < 5 || title.length > 200) p.title = t('needForm.errors.title');
  const summary = state.summary.trim();
  if ((summary && summary.length < 10) || summary.length > 500 || (mode === 'submit' && summary.length < 10))
    p.summary = t('needForm.errors.summary');
  if (mode === 'submit' && state.description.trim().length < 50)
    p.description = t('needForm.errors.description');
  state.requirements.forEach((r, i) => {
    const text = r.trim();
    if (state.requirements.length > 1 && text.length === 0)
      p[`requirements.${i}`] = t('needForm.errors.requirementEmpty', { n: i + 1 });
    else if (text && (text.length < 3 || text.length > 500))
      p[`requirements.${i}`] = t('needForm.errors.requirement', { n: i + 1 });
  });
  if (mode === 'submit' && !state.requirements.some((r) => r.trim()))
    p.requirements = t('needForm.errors.requirements');
  if (mode === 'submit' && state.cpvCodes.length === 0) p.cpvCodes = t('needForm.errors.cpvCodes');
  if (mode === 'submit' && state.regions.length === 0) p.regions = t('needForm.errors.regions');
  if (filled(state.questionsDeadline) && !stockholmToIso(state.questionsDeadline))
    p.questionsDeadline = t('needForm.errors.dateTime');
  for (const [key, value] of [
    ['dialoguePeriod.start', state.dialogueStart],
    ['dialoguePeriod.end', state.dialogueEnd],
    ['plannedProcurementStart', state.plannedProcurementStart],
  ] as const) {
    if (value && !isDate(value)) p[key] = t('needForm.errors.date');
  }
  if (state.dialogueStart && state.dialogueEnd && state.dialogueEnd < state.dialogueStart)
    p['dialoguePeriod.end'] = t('needForm.errors.endBeforeStart');
  state.demand.forEach((row, i) => {
    const quantity = parseAmount(row.quantityAmount);
    if (filled(row.quantityAmount) && !(quantity > 0))
      p[`demand.${i}.quantity.amount`] = t('needForm.errors.quantity');
    if (filled(row.quantityAmount) && !filled(row.quantityUnit))
      p[`demand.${i}.quantity.unit`] = t('needForm.errors.unit');
    const value = parseAmount(row.valueAmount);
    if (filled(row.valueAmount) && !(value >= 0)) p[`demand.${i}.value.amount`] = t('needForm.errors.value');
    if (row.from && row.to && row.to < row.from)
      p[`demand.${i}.timeframe.to`] = t('needForm.errors.endBeforeStart');
  });
  const contactGiven = filled(state.contactName) || filled(state.contactEmail) || filled(state.contactPhone);
  if (contactGiven || mode === 'submit') {
    if (state.contactName.trim().length < 2) p['contact.name'] = t('needForm.errors.contactName');
    if (!emailPattern.test(state.contactEmail.trim())) p['contact.email'] = t('needForm.errors.contactEmail');
    if (filled(state.contactPhone) && state.contactPhone.trim().length < 5)
      p['contact.phone'] = t('needForm.errors.contactPhone');
  }
  state.attachments.forEach((a, i) => {
    if (!filled(a.title)) p[`attachments.${i}.title`] = t('needForm.errors.attachmentTitle', { n: i + 1 });
    if (!/^https:\/\/\S+\.\S+/.test(a.url.trim()))
      p[`attachments.${i}.url`] = t('needForm.errors.attachmentUrl', { n: i + 1 });
  });
  return p;
}

export type SectionId = 'about' | 'problem' | 'classification' | 'timeline' | 'demand' | 'contact';
export const sections: SectionId[] = ['about', 'problem', 'classification', 'timeline', 'demand', 'contact'];

/** Whether each section has what review needs (`optional` sections never block). */
export function sectionStatus(state: NeedFormState): Record<SectionId, 'done' | 'missing' | 'optional'> {
  return {
    about: state.title.trim().length >= 5 && state.summary.trim().length >= 10 ? 'done' : 'missing',
    problem:
      state.description.trim().length >= 50 && state.requirements.some((r) => r.trim().length >= 3)
        ? 'done'
        : 'missing',
    classification: state.cpvCodes.length > 0 && state.regions.length > 0 ? 'done' : 'missing',
    timeline: 'optional',
    demand: 'optional',
    contact: filled(state.contactName) && emailPattern.test(state.contactEmail.trim()) ? 'done' : 'missing',
  };
}

/** Element id of a field by the API's path (`demand.0.value.amount` -> `need-demand-0-value-amount`). */
export const fieldId = (path: string) => `need-${path.replaceAll('.', '-')}`;

/** Totals per currency and per unit (case-insensitive), as the API sums them. */
export function demandTotals(rows: DemandRowState[]) {
  const value = new Map<string, number>();
  const quantity = new Map<string, { unit: string; amount: number }>();
  for (const row of rows) {
    const v = parseAmount(row.valueAmount);
    if (Number.isFinite(v)) value.set(row.currency, (value.get(row.currency) ?? 0) + v);
    const q = parseAmount(row.quantityAmount);
    if (Number.isFinite(q) && filled(row.quantityUnit)) {
      const key = row.quantityUnit.trim().toLowerCase();
      const sum = quantity.get(key) ?? { unit: row.quantityUnit.trim(), amount: 0 };
      sum.amount += q;
      quantity.set(key, sum);
    }
  }
  return {
    value: [...value].map(([currency, amount]) => ({ currency, amount })),
    quantity: [...quantity.values()],
  };
}
