import { broaderCodes } from '../../server/modules/needs/needs-search-index.js';
import { withAncestors } from '../../server/modules/reference/cpv.js';
import { analyzeQuery } from '../../server/platform/text/index.js';
import {
  divisionOf,
  markWords,
  meiliFilter,
  meiliSearchParams,
  queryWords,
  toSearchDoc,
} from '../../server/modules/needs/needs-search.js';
import {
  assertTransition,
  changedFields,
  demandTotals,
  missingForSubmission,
  transitions,
  type NeedAction,
} from '../../server/modules/needs/needs.lifecycle.js';
import type { Need, NeedStatus } from '../../server/modules/needs/needs.types.js';
import { AppError } from '../../server/platform/errors.js';

function aNeed(overrides: Partial<Need> = {}): Need {
  return {
    id: '65f000000000000000000001',
    networkId: '65f000000000000000000002',
    status: 'draft',
    hidden: false,
    openReports: 0,
    version: 1,
    title: 'Laddinfrastruktur',
    summary: 'Kommunerna behöver ladda sina bilar.',
    description: 'En lång beskrivning av problemet som nätverket vill lösa tillsammans med marknaden.',
    requirements: ['Styrd laddning'],
    desiredOutcomes: '',
    cpvCodes: ['31158100', '48000000'],
    cpvAll: ['31000000', '31100000', '31150000', '31158000', '31158100', '48000000'],
    regions: ['SE110'],
    regionsAll: ['NORDICS', 'SE', 'SE1', 'SE11', 'SE110'],
    innovationType: 'new_service',
    stage: 'market_dialogue',
    language: 'sv',
    contact: { name: 'Upphandling', email: 'upphandling@example.se' },
    attachments: [],
    demand: [],
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

describe('need lifecycle', () => {
  const statuses: NeedStatus[] = ['draft', 'submitted', 'published', 'rejected', 'closed'];
  const allowed: Record<NeedAction, NeedStatus[]> = {
    edit: ['draft', 'rejected', 'published'],
    submit: ['draft', 'rejected'],
    approve: ['submitted'],
    reject: ['submitted'],
    close: ['published'],
  };

  it.each(Object.keys(allowed) as NeedAction[])(
    'when %s is attempted, then exactly the listed statuses allow it',
    (action) => {
      for (const status of statuses) {
        const attempt = () => assertTransition(action, status);
        if (allowed[action].includes(status)) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(expect.objectContaining({ status: 409, code: 'invalid_transition' }));
      }
    },
  );

  it('when a transition is illegal, then the error names the action and the current status', () => {
    let error: unknown;
    try {
      assertTransition('close', 'draft');
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe('A need that is draft cannot be closed.');
    expect((error as AppError).details).toEqual({
      action: 'close',
      currentStatus: 'draft',
      allowedFrom: ['published'],
    });
  });

  it('when the table is read, then every action leads where the lifecycle says', () => {
    expect(transitions.submit.to).toBe('submitted');
    expect(transitions.approve.to).toBe('published');
    expect(transitions.reject.to).toBe('rejected');
    expect(transitions.close.to).toBe('closed');
    expect(transitions.edit.to).toBeNull();
  });

  it('when a need lacks content, then submission names every missing field', () => {
    const problems = missingForSubmission(
      aNeed({
        summary: '',
        description: 'kort',
        requirements: [],
        cpvCodes: [],
        regions: [],
        contact: undefined,
      }),
    );

    expect(problems.map((p) => p.path)).toEqual([
      'summary',
      'description',
      'requirements',
      'cpvCodes',
      'regions',
      'contact',
    ]);
    expect(problems.every((p) => p.code === 'required')).toBe(true);
    expect(missingForSubmission(aNeed())).toEqual([]);
  });
});

describe('aggregated demand', () => {
  it('when rows have values in several currencies and units in different case, then totals are per currency and unit', () => {
    const totals = demandTotals([
      {
        organisationId: 'a',
        value: { amount: 0.1, currency: 'SEK' },
        quantity: { amount: 2, unit: 'Licenser' },
      },
      {
        organisationId: 'b',
        value: { amount: 0.2, currency: 'SEK' },
        quantity: { amount: 3, unit: 'licenser ' },
      },
      { organisationId: 'c', value: { amount: 1000, currency: 'EUR' } },
      { organisationId: 'd', quantity: { amount: 1, unit: 'st' } },
    ]);

    expect(totals).toEqual({
      organisations: 4,
      value: [
        { currency: 'EUR', amount: 1000 },
        { currency: 'SEK', amount: 0.3 },
      ],
      quantity: [
        { unit: 'Licenser', amount: 5 },
        { unit: 'st', amount: 1 },
      ],
    });
  });

  it('when there is no demand, then the totals are empty', () => {
    expect(demandTotals([])).toEqual({ organisations: 0, value: [], quantity: [] });
  });
});

describe('change log entries', () => {
  it('when a patch repeats stored values, then only real changes are listed, dates as ISO strings', () => {
    const before = aNeed({ questionsDeadline: new Date('2026-05-01T12:00:00Z') });

    const fields = changedFields(before, {
      title: 'Laddinfrastruktur',
      stage: 'rfi',
      questionsDeadline: new Date('2026-06-01T12:00:00Z'),
      regions: ['SE110'],
    });

    expect(fields).toEqual([
      { field: 'stage', before: 'market_dialogue', after: 'rfi' },
      { field: 'questionsDeadline', before: '2026-05-01T12:00:00.000Z', after: '2026-06-01T12:00:00.000Z' },
    ]);
  });

  it('when an optional field is cleared, then the change shows it going to null', () => {
    const fields = changedFields(aNeed({ plannedProcurementStart: new Date('2027-01-01T00:00:00Z') }), {
      plannedProcurementStart: null,
    });

    expect(fields).toEqual([
      { field: 'plannedProcurementStart', before: '2027-01-01T00:00:00.000Z', after: null },
    ]);
  });
});

describe('need search documents and queries', () => {
  it('when a need is indexed, then codes, divisions and labels in both languages are there', () => {
    const doc = toSearchDoc(
      aNeed({ status: 'published', publishedAt: new Date('2026-02-01T00:00:00Z') }),
      'Nätverket',
    );

    expect(doc).toMatchObject({
      cpvCodes: ['31158100', '48000000'],
      cpvDivisions: ['31000000', '48000000'],
      regionsAll: ['NORDICS', 'SE', 'SE1', 'SE11', 'SE110'],
      networkName: 'Nätverket',
      publishedAt: Date.parse('2026-02-01T00:00:00Z'),
    });
    expect(doc.cpvLabelsEn.join(' ')).toMatch(/software/i);
    expect(doc.cpvLabelsSv.join(' ')).toMatch(/programvar/i);
    expect(doc).not.toHaveProperty('questionsDeadline');
    expect(divisionOf('03111000')).toBe('03000000');
  });

  it('when a need is indexed, then the labels of the codes above its own, short of the division, are among its terms', () => {
    const doc = toSearchDoc(
      aNeed({ status: 'published', cpvCodes: ['90511000'], cpvAll: withAncestors(['90511000']) }),
      'Nätverket',
    );
    const terms = doc.terms.split(' ');

    expect(broaderCodes(['90511000', '90510000'])).toEqual(['90500000']);
    expect(broaderCodes(['48000000'])).toEqual([]);
    // Sophämtning (own) < Avfallshantering < Avfallstjänster < division 90000000 (left out).
    expect(analyzeQuery('Avfallstjänster').terms.every((t) => terms.includes(t))).toBe(true);
    expect(analyzeQuery('refuse and waste related services').terms.every((t) => terms.includes(t))).toBe(
      true,
    );
    expect(analyzeQuery('sanering').terms.some((t) => terms.includes(t))).toBe(false);
  });

  it('when filters are given, then they become one AND-ed Meilisearch filter per facet, OR within it', () => {
    expect(
      meiliFilter({ page: 1, pageSize: 20, cpv: ['48000000', '72000000'], region: ['SE'], stage: ['rfi'] }),
    ).toEqual([
      'status IN ["published", "closed"]',
      'cpvAll IN ["48000000", "72000000"]',
      'regionsAll IN ["SE"]',
      'stage IN ["rfi"]',
    ]);
  });

  it('when no query and no sort are given, then the newest come first; with a query, relevance and highlights', () => {
    const browse = meiliSearchParams({ page: 2, pageSize: 10 });
    const text = meiliSearchParams({ q: 'laddning', page: 1, pageSize: 20 });

    expect(browse).toMatchObject({ page: 2, hitsPerPage: 10, sort: ['publishedAt:desc'] });
    expect(browse.attributesToHighlight).toBeUndefined();
    expect(text.sort).toBeUndefined();
    expect(text).toMatchObject({ attributesToHighlight: ['title', 'summary'], highlightPreTag: '<mark>' });
  });

  it('when the degraded search marks words, then every occurrence is wrapped, case kept', () => {
    expect(markWords('Laddning och laddinfrastruktur', queryWords('LADD'))).toBe(
      '<mark>Ladd</mark>ning och <mark>ladd</mark>infrastruktur',
    );
    expect(markWords('Avfall', ['ladd'])).toBeUndefined();
    expect(queryWords('  e-hälsa, AI  ai ')).toEqual(['e-hälsa', 'ai']);
  });
});
