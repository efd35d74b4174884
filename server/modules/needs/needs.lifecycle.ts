import { errors, type FieldProblem } from '../../platform/errors.js';
import type { DemandRow, Need, NeedContent, NeedStatus } from './needs.types.js';

export type NeedAction = 'edit' | 'submit' | 'approve' | 'reject' | 'close';

/**
 * The lifecycle as data: from which statuses each action may start and where it leads
 * (`edit` keeps the status). Anything else answers 409 `invalid_transition`.
 *
 *   draft ─submit→ submitted ─approve→ published ─close→ closed
 *     ↑                 └─reject→ rejected ─submit→ submitted
 *     edit: draft, rejected, published (after publication every edit is logged publicly)
 */
export const transitions: Readonly<
  Record<NeedAction, { from: readonly NeedStatus[]; to: NeedStatus | null }>
> = {
  edit: { from: ['draft', 'rejected', 'published'], to: null },
  submit: { from: ['draft', 'rejected'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'published' },
  reject: { from: ['submitted'], to: 'rejected' },
  close: { from: ['published'], to: 'closed' },
};

export function invalidTransition(action: NeedAction, current: NeedStatus) {
  return errors.conflict('invalid_transition', `A need that is ${current} cannot be ${pastTense[action]}.`, {
    action,
    currentStatus: current,
    allowedFrom: transitions[action].from,
  });
}

const pastTense: Record<NeedAction, string> = {
  edit: 'edited',
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  close: 'closed',
};

export function assertTransition(action: NeedAction, current: NeedStatus): void {
  if (!transitions[action].from.includes(current)) throw invalidTransition(action, current);
}

/** What a need must have before it goes to review. */
export function missingForSubmission(need: Need): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need_ = (path: string, ok: boolean, message: string) => {
    if (!ok) problems.push({ path, message, code: 'required' });
  };
  need_('summary', need.summary.trim().length >= 10, 'A summary of at least 10 characters is required.');
  need_(
    'description',
    need.description.trim().length >= 50,
    'Describe the problem (at least 50 characters).',
  );
  need_('requirements', need.requirements.length > 0, 'At least one functional requirement is required.');
  need_('cpvCodes', need.cpvCodes.length > 0, 'At least one CPV code is required.');
  need_('regions', need.regions.length > 0, 'At least one region is required.');
  need_('contact', need.contact !== undefined, 'A contact point is required.');
  return problems;
}

export interface DemandTotals {
  organisations: number;
  value: { currency: string; amount: number }[];
  quantity: { unit: string; amount: number }[];
}

/** Aggregated demand (köpkraft): values summed per currency, quantities per unit (case-insensitive). */
export function demandTotals(rows: readonly DemandRow[]): DemandTotals {
  const value = new Map<string, number>();
  const quantity = new Map<string, { unit: string; amount: number }>();
  for (const row of rows) {
    if (row.value) value.set(row.value.currency, (value.get(row.value.currency) ?? 0) + row.value.amount);
    if (row.quantity) {
      const key = row.quantity.unit.trim().toLowerCase();
      const sum = quantity.get(key) ?? { unit: row.quantity.unit.trim(), amount: 0 };
      sum.amount += row.quantity.amount;
      quantity.set(key, sum);
    }
  }
  // Rounded to cents: summing floats must not show 0.30000000000000004.
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    organisations: rows.length,
    value: [...value]
      .map(([currency, amount]) => ({ currency, amount: round(amount) }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
    quantity: [...quantity.values()].map((q) => ({ unit: q.unit, amount: round(q.amount) })),
  };
}

/** A JSON-friendly value for the change log: dates as ISO strings, missing as null. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (v !== undefined) out[k] = plain(v);
    return out;
  }
  return value;
}

/** The content fields a patch really changes, with before and after values (for the change log). */
export function changedFields(
  before: Need,
  patch: Partial<NeedContent>,
): { field: string; before: unknown; after: unknown }[] {
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const [field, next] of Object.entries(patch)) {
    if (next === undefined) continue;
    const old = plain((before as unknown as Record<string, unknown>)[field]);
    const now = plain(next);
    if (JSON.stringify(old) !== JSON.stringify(now)) changes.push({ field, before: old, after: now });
  }
  return changes;
}
