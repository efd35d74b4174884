import { cell, type Field } from '../../server/modules/open-data/fields.js';

describe('open data cells', () => {
  const field = (type: Field<unknown>['type'], v: unknown): Field<unknown> => ({
    name: 'x',
    type,
    description: { sv: '', en: '' },
    value: () => v as string,
  });

  it('when values are written, then times are ISO 8601 UTC, dates YYYY-MM-DD, numbers plain and missing values empty', () => {
    const at = new Date('2026-12-04T08:30:00.000Z');
    expect(cell(field('datetime', at), {})).toBe('2026-12-04T08:30:00.000Z');
    expect(cell(field('date', at), {})).toBe('2026-12-04');
    expect(cell(field('decimal', 1500000.5), {})).toBe('1500000.5');
    expect(cell(field('integer', 0), {})).toBe('0');
    expect(cell(field('text', undefined), {})).toBe('');
    expect(cell(field('text', null), {})).toBe('');
  });

  it('when a text would run as a spreadsheet formula, then it gets a leading apostrophe; codes and numbers are left alone', () => {
    expect(cell(field('text', '=HYPERLINK("x")'), {})).toBe(`'=HYPERLINK("x")`);
    expect(cell(field('text', '@SUM(A1)'), {})).toBe(`'@SUM(A1)`);
    expect(cell(field('text', 'Vanlig text'), {})).toBe('Vanlig text');
    expect(cell(field('codes', '-1'), {})).toBe('-1');
  });
});
