import { label } from '../reference/cpv.js';
import { regionName } from '../reference/nuts.js';
import type { Lines } from '../subscriptions/notifier.js';

/** Field names of the need change log, as followers read them. */
const FIELD_LABELS: Record<string, { sv: string; en: string }> = {
  questionsDeadline: { sv: 'Sista dag för frågor', en: 'Deadline for questions' },
  dialoguePeriod: { sv: 'Period för tidig dialog', en: 'Market dialogue period' },
  plannedProcurementStart: { sv: 'Planerad upphandlingsstart', en: 'Planned start of procurement' },
  requirements: { sv: 'Funktionskrav', en: 'Functional requirements' },
  stage: { sv: 'Skede', en: 'Stage' },
  status: { sv: 'Status', en: 'Status' },
  title: { sv: 'Rubrik', en: 'Title' },
  summary: { sv: 'Sammanfattning', en: 'Summary' },
  description: { sv: 'Beskrivning', en: 'Description' },
  desiredOutcomes: { sv: 'Önskade effekter', en: 'Desired outcomes' },
  cpvCodes: { sv: 'CPV-koder', en: 'CPV codes' },
  regions: { sv: 'Regioner', en: 'Regions' },
  demand: { sv: 'Samlad efterfrågan', en: 'Aggregated demand' },
  attachments: { sv: 'Bilagor', en: 'Attachments' },
  contact: { sv: 'Kontaktperson', en: 'Contact person' },
  outcome: { sv: 'Utfall', en: 'Outcome' },
};

const STAGES: Record<string, { sv: string; en: string }> = {
  need_analysis: { sv: 'behovsanalys', en: 'need analysis' },
  market_dialogue: { sv: 'tidig dialog', en: 'market dialogue' },
  rfi: { sv: 'RFI', en: 'RFI' },
  procurement: { sv: 'upphandling', en: 'procurement' },
  awarded: { sv: 'tilldelad', en: 'awarded' },
  closed: { sv: 'avslutad', en: 'closed' },
};

const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short' });

function show(field: string, value: unknown, lang: 'sv' | 'en'): string {
  if (value === null || value === undefined || value === '') return lang === 'sv' ? '(inget)' : '(none)';
  if (value instanceof Date) return stockholmDate.format(value);
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value))
    return stockholmDate.format(new Date(value));
  if (field === 'stage' && typeof value === 'string') return STAGES[value]?.[lang] ?? value;
  if (field === 'cpvCodes' && Array.isArray(value))
    return value.map((c) => `${c} ${label(String(c), lang) ?? ''}`.trim()).join(', ');
  if (field === 'regions' && Array.isArray(value))
    return value.map((r) => regionName(String(r), lang) ?? String(r)).join(', ');
  if (Array.isArray(value))
    return value.length === 0 ? show(field, null, lang) : value.map((v) => show(field, v, lang)).join('; ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('start' in o || 'end' in o) return `${show(field, o.start, lang)} – ${show(field, o.end, lang)}`;
    return lang === 'sv' ? '(ändrad)' : '(changed)';
  }
  const text = String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** One line per changed field, "Deadline for questions: 2026-12-01 → 2026-12-15", sv and en. */
export function describeChange(
  fields: { field: string; before: unknown; after: unknown }[],
  note?: string,
): Lines {
  const out: Lines = { sv: [], en: [] };
  for (const lang of ['sv', 'en'] as const) {
    for (const f of fields) {
      const name = FIELD_LABELS[f.field]?.[lang] ?? f.field;
      const long = [
        'description',
        'summary',
        'desiredOutcomes',
        'requirements',
        'demand',
        'attachments',
        'contact',
        'outcome',
      ];
      out[lang].push(
        long.includes(f.field)
          ? `${name}: ${lang === 'sv' ? 'ändrad' : 'changed'}`
          : `${name}: ${show(f.field, f.before, lang)} → ${show(f.field, f.after, lang)}`,
      );
    }
    if (note) out[lang].push(`${lang === 'sv' ? 'Kommentar' : 'Note'}: ${note}`);
  }
  return out;
}
