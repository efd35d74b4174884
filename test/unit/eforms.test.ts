import {
  e1Problems,
  estimatedValue,
  fit,
  mainNature,
  noticeId,
  renderE1,
  type E1Input,
} from '../../server/modules/eforms/e1-notice.js';
import { el, ela, renderXml } from '../../server/modules/eforms/xml.js';
import { zonedDate, zonedTime } from '../../server/modules/eforms/zoned-time.js';
import type { Need } from '../../server/modules/needs/needs.types.js';

const need = (overrides: Partial<Need> = {}): Need =>
  ({
    id: '65a0c0ffee0000000000abcd',
    version: 3,
    title: 'Digital tillsyn',
    summary: 'Kommunerna söker lösningar.',
    description: '',
    requirements: [],
    desiredOutcomes: '',
    cpvCodes: ['72000000'],
    regions: ['SE110'],
    language: 'sv',
    questionsDeadline: new Date('2027-01-15T12:00:00Z'),
    demand: [],
    ...overrides,
  }) as Need;

describe('eForms E1 mapping', () => {
  it('when CPV codes are given, then the main nature follows the CPV divisions (45 works, up to 44 and 48 supplies, else services)', () => {
    expect(mainNature('45233141')).toBe('works');
    expect(mainNature('35120000')).toBe('supplies');
    expect(mainNature('48000000')).toBe('supplies');
    expect(mainNature('72000000')).toBe('services');
    expect(mainNature('50000000')).toBe('services');
  });

  it('when a notice id is made, then it has the version-4 UUID layout eForms requires and is the same for the same need version only', () => {
    const a = noticeId('65a0c0ffee0000000000abcd', 3);
    expect(a).toMatch(/^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/);
    expect(noticeId('65a0c0ffee0000000000abcd', 3)).toBe(a);
    expect(noticeId('65a0c0ffee0000000000abcd', 4)).not.toBe(a);
  });

  it('when demand values share one currency, then they are summed; several currencies give no estimate', () => {
    const row = (amount: number, currency: 'SEK' | 'EUR') => ({
      organisationId: 'x',
      value: { amount, currency },
    });
    expect(estimatedValue(need({ demand: [row(100, 'SEK'), row(50, 'SEK')] }))).toEqual({
      amount: 150,
      currency: 'SEK',
    });
    expect(estimatedValue(need({ demand: [row(100, 'SEK'), row(50, 'EUR')] }))).toBeUndefined();
    expect(estimatedValue(need({ demand: [] }))).toBeUndefined();
  });

  it('when a need lacks CPV codes, a deadline and any text, then each problem names the field and the business term', () => {
    const problems = e1Problems({
      need: need({ cpvCodes: [], questionsDeadline: undefined, summary: ' ', description: '' }),
    });
    expect(problems.map((p) => [p.path, p.bt])).toEqual([
      ['description', 'BT-24'],
      ['cpvCodes', 'BT-262'],
      ['questionsDeadline', 'BT-800'],
    ]);
    expect(e1Problems({ need: need() })).toEqual([]);
  });

  it('when a text is longer than E1 allows, then it is cut to the limit and points to the full text', () => {
    const sv = { fullText: 'hela texten:' } as Parameters<typeof fit>[3];
    const cut = fit('a'.repeat(7000), 6000, 'https://x.se/behov/1', sv);
    expect(cut).toHaveLength(6000);
    expect(cut.endsWith('… (hela texten: https://x.se/behov/1)')).toBe(true);
    expect(fit('kort', 6000, 'https://x.se/behov/1', sv)).toBe('kort');
  });

  it('when dates are written, then they carry the Stockholm offset of that moment (winter +01:00, summer +02:00)', () => {
    expect(zonedDate(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05+01:00');
    expect(zonedTime(new Date('2026-12-04T23:30:00Z'))).toBe('00:30:00+01:00');
    expect(zonedDate(new Date('2027-06-01T10:00:00Z'))).toBe('2027-06-01+02:00');
    expect(zonedTime(new Date('2027-06-01T10:00:00Z'))).toBe('12:00:00+02:00');
  });

  it('when text holds markup characters or control characters, then the XML escapes or drops them', () => {
    const xml = renderXml(el('root', ela('cbc:Name', { languageID: 'a"b' }, 'x < y & "z"\u0001')));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<root>\n  <cbc:Name languageID="a&quot;b">x &lt; y &amp; "z"</cbc:Name>\n</root>\n',
    );
  });

  it('when meetings are listed in BT-300, then online links never appear and cancelled meetings are marked', () => {
    const input: E1Input = {
      need: need({ regions: [] }),
      network: {} as E1Input['network'],
      buyer: { name: 'Växjö kommun', country: 'SE', orgNumber: '2120000662' } as E1Input['buyer'],
      meetings: [
        {
          title: 'Informationsmöte',
          status: 'cancelled',
          format: 'online',
          onlineUrl: 'https://meet.example/secret',
          startsAt: new Date('2027-01-10T09:00:00Z'),
          endsAt: new Date('2027-01-10T10:00:00Z'),
        } as E1Input['meetings'][number],
      ],
      baseUrl: 'https://behovstorget.se/',
      now: new Date('2026-12-04T10:00:00Z'),
    };
    const xml = renderE1(input);
    expect(xml).not.toContain('secret');
    expect(xml).toContain('- Informationsmöte: 10 januari 2027 kl. 10:00–11:00, digitalt (inställt)');
    expect(xml).toContain('<cbc:Region>anyw-eea</cbc:Region>');
    expect(xml).toContain('https://behovstorget.se/behov/65a0c0ffee0000000000abcd');
    const nordic = renderE1({ ...input, need: need({ regions: ['NORDICS', 'SE1'], language: 'en' }) });
    expect(nordic).toContain('<cbc:Region>anyw-eea</cbc:Region>');
    expect(nordic).toContain('<cbc:Description languageID="ENG">Eastern Sweden (SE1)</cbc:Description>');
    expect(nordic.match(/anyw-cou/g)).toHaveLength(2); // SE1 in the procedure and in the lot, not Norden
  });
});
