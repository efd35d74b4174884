import { Types } from 'mongoose';
import { changedFields, contactsOf, contentOf } from '../../server/modules/suppliers/suppliers.content.js';
import { csvRecordToRow } from '../../server/modules/suppliers/suppliers-import.parse.js';
import { buildFilter } from '../../server/modules/suppliers/suppliers-search.js';
import {
  cpvFilterSchema,
  profileInputSchema,
  searchQuerySchema,
} from '../../server/modules/suppliers/suppliers.schemas.js';
import { generateSuppliers } from '../../scripts/seed/suppliers-generator.js';
import { importRowSchema, rowHash } from '../../server/modules/suppliers/suppliers-import.js';
import { profileBody } from '../fixtures/suppliers.js';

const input = (overrides: Record<string, unknown> = {}) => profileInputSchema.parse(profileBody(overrides));

describe('supplier profile content', () => {
  it('when a profile is parsed, then codes are canonical, lists sorted and unique, keywords lower case', () => {
    const parsed = input({
      cpvCodes: ['72212100', '48814000-7', '48814000'],
      regions: ['se121', 'SE110', 'SE110'],
      keywords: ['E-hälsa', 'e-hälsa', '  Distansvård '],
      languages: ['EN', 'sv'],
    });

    expect(parsed.cpvCodes).toEqual(['48814000', '72212100']);
    expect(parsed.regions).toEqual(['SE110', 'SE121']);
    expect(parsed.keywords).toEqual(['distansvård', 'e-hälsa']);
    expect(parsed.languages).toEqual(['en', 'sv']);
  });

  it('when stored, then CPV codes and regions carry all their ancestors for matching', () => {
    const content = contentOf(input({ cpvCodes: ['48814000'], regions: ['SE110'] }));

    expect(content.cpvAll).toEqual(['48000000', '48800000', '48810000', '48814000']);
    expect(content.regionsAll).toEqual(['NORDICS', 'SE', 'SE1', 'SE11', 'SE110']);
  });

  it('when only facts or contacts change, then no reviewed field changed; a new pitch is one', () => {
    const before = contentOf(input());

    expect(changedFields(before, contentOf(input({ companySize: 'large', contacts: [] })))).toEqual([]);
    expect(changedFields(before, contentOf(input({ pitch: 'En helt ny mening om vad vi gör.' })))).toEqual([
      'pitch',
    ]);
    expect(changedFields(null, before)).toContain('cpvCodes');
  });

  it('when a contact person stays on the profile, then the consent recorded first is kept', () => {
    const first = new Date('2025-01-01T00:00:00Z');
    const later = new Date('2026-01-01T00:00:00Z');
    const by = new Types.ObjectId();
    const existing = contactsOf(input().contacts, [], { at: first, by, source: 'profile' });

    const again = contactsOf(
      input({
        contacts: [
          { name: 'Karin Lund', email: 'karin.lund@vardappen.example.se', consent: true },
          { name: 'Ny Person', email: 'ny@vardappen.example.se', consent: true },
        ],
      }).contacts,
      existing,
      { at: later, source: 'import' },
    );

    expect(again.map((c) => [c.email, c.consentAt, c.consentSource])).toEqual([
      ['karin.lund@vardappen.example.se', first, 'profile'],
      ['ny@vardappen.example.se', later, 'import'],
    ]);
  });

  it('when the same row comes with its keys in another order, then its import hash is the same', () => {
    const [row] = [...generateSuppliers({ count: 1, seed: 7 })].map((r) => r.data);
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const parse = (v: unknown) => importRowSchema.parse(v);
    expect(Object.keys(reversed(row) as object)[0]).not.toBe(Object.keys(row!)[0]);
    expect(rowHash(parse(reversed(row)), 'approved')).toBe(rowHash(parse(row), 'approved'));
    expect(rowHash(parse({ ...row, pitch: `${String(row!.pitch)} Nu.` }), 'approved')).not.toBe(
      rowHash(parse(row), 'approved'),
    );
    expect(rowHash(parse(row), 'pending_review')).not.toBe(rowHash(parse(row), 'approved'));
  });
});

describe('supplier search input', () => {
  it('when a CPV filter is a prefix, then it names the code it stands for', () => {
    expect(cpvFilterSchema.parse('48')).toBe('48000000');
    expect(cpvFilterSchema.parse('482')).toBe('48200000');
    expect(cpvFilterSchema.parse('48200000-6')).toBe('48200000');
    expect(cpvFilterSchema.safeParse('4').success).toBe(false);
    expect(cpvFilterSchema.safeParse('12345678').success).toBe(false);
  });

  it('when filters are given, then the Meilisearch filter ANDs them and ORs values, with region coverage', () => {
    const query = searchQuerySchema.parse({
      cpv: '48,72',
      region: 'SE110',
      size: ['micro'],
      certification: 'ISO "9001"',
    });

    expect(buildFilter(query, true)).toEqual([
      'status = "approved"',
      'public = true',
      'cpvAll IN ["48000000", "72000000"]',
      '(regionsAll IN ["SE110"] OR regions IN ["SE11", "SE1", "SE", "NORDICS"])',
      'size IN ["micro"]',
      'certifications IN ["ISO \\"9001\\""]',
    ]);
  });
});

describe('supplier import parsing', () => {
  it('when a CSV record has list cells, then they become the JSON shape of the API', () => {
    const row = csvRecordToRow(
      {
        orgNumber: '556677-8899',
        country: 'se',
        offerings: 'service:Drift|Rådgivning|product:Sensor',
        cpvCodes: '48814000, 72212100',
        regions: 'SE110|SE121',
        references: 'Region Skåne (2021)|Umeå kommun 2019',
        foundedYear: '2004',
        publicProfile: 'ja',
        contactName: 'Anna',
        contactEmail: 'anna@example.se',
        contactConsent: 'yes',
        website: '',
      },
      /[|;]/,
    );

    expect(row).toEqual({
      orgNumber: '556677-8899',
      country: 'SE',
      offerings: [
        { type: 'service', name: 'Drift' },
        { type: 'service', name: 'Rådgivning' },
        { type: 'product', name: 'Sensor' },
      ],
      cpvCodes: ['48814000', '72212100'],
      regions: ['SE110', 'SE121'],
      references: [
        { buyerName: 'Region Skåne', year: 2021 },
        { buyerName: 'Umeå kommun', year: 2019 },
      ],
      foundedYear: 2004,
      publicProfile: true,
      contacts: [{ name: 'Anna', email: 'anna@example.se', consent: true }],
    });
  });

  it('when suppliers are generated, then every row passes the import schema and org numbers are unique', () => {
    const rows = [...generateSuppliers({ count: 2_000, seed: 7 })];
    const parsed = rows.map((r) => importRowSchema.safeParse(r.data));

    expect(parsed.filter((p) => !p.success)).toEqual([]);
    expect(new Set(rows.map((r) => r.data.orgNumber)).size).toBe(2_000);
    const divisions = new Set(
      parsed.flatMap((p) => (p.success ? p.data.cpvCodes.map((c) => c.slice(0, 2)) : [])),
    );
    expect(divisions.size).toBeGreaterThan(30);
  });
});
