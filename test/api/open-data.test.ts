import { parse } from 'csv-parse/sync';
import { runSeed } from '../../scripts/seed/run.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

const DATASETS = ['needs', 'meetings', 'questions', 'outcomes'] as const;

/** The field names of a README's tables (one per language): the first column of each row. */
function readmeFields(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    const m = /^\| `([^`]+)` \|/.exec(line);
    if (m) {
      current ??= [];
      current.push(m[1]!);
    } else if (current) {
      tables.push(current);
      current = null;
    }
  }
  if (current) tables.push(current);
  return tables;
}

describe('open data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await runSeed(ctx.deps);
  }, 120_000);
  afterAll(async () => {
    await ctx.close();
  });

  async function csvOf(dataset: string) {
    const res = await ctx
      .http()
      .get(`/api/open-data/${dataset}.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return { res, bytes: res.body as Buffer };
  }

  it.each(DATASETS)(
    'when %s.csv is downloaded, then a real CSV parser reads it (UTF-8 with BOM, CRLF) and its README lists exactly the header, in Swedish and English',
    async (dataset) => {
      // Act
      const { res, bytes } = await csvOf(dataset);
      const readme = await ctx.http().get(`/api/open-data/${dataset}.md`);

      // Assert
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // CRLF between records is required: with only CRLF as the record delimiter, a file using
      // LF would come out as one ragged record.
      const records = parse(bytes, { bom: true, record_delimiter: '\r\n' }) as string[][];
      const [header, ...rows] = records;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.length === header!.length)).toBe(true);
      expect(readme.status).toBe(200);
      expect(readme.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(readmeFields(readme.text)).toEqual([header, header]);
      expect(header).toContain('language');
      const languages = new Set(rows.map((r) => r[header!.indexOf('language')]));
      expect([...languages].every((l) => l === 'sv' || l === 'en')).toBe(true);
    },
  );

  it('when every CSV is read, then no contact person, email, online-meeting link, asker or registered or invited supplier appears', async () => {
    // Arrange: every piece of personal or non-public data the demo holds.
    const db = ctx.deps.mongo.db!;
    const secrets = new Set<string>();
    for (const u of await db
      .collection('users')
      .find({}, { projection: { email: 1, name: 1 } })
      .toArray()) {
      if (u.email) secrets.add(String(u.email));
      if (u.name && String(u.name).length > 5) secrets.add(String(u.name));
    }
    for (const n of await db
      .collection('needs')
      .find({}, { projection: { contact: 1 } })
      .toArray()) {
      if (n.contact?.name) secrets.add(String(n.contact.name));
      if (n.contact?.email) secrets.add(String(n.contact.email));
      if (n.contact?.phone) secrets.add(String(n.contact.phone));
    }
    for (const n of await db
      .collection('networks')
      .find({}, { projection: { contact: 1 } })
      .toArray()) {
      if (n.contact?.name) secrets.add(String(n.contact.name));
      if (n.contact?.email) secrets.add(String(n.contact.email));
    }
    for (const m of await db
      .collection('meetings')
      .find({}, { projection: { onlineUrl: 1 } })
      .toArray()) {
      if (m.onlineUrl) secrets.add(String(m.onlineUrl));
    }
    const supplierIds = [
      ...(await db.collection('registrations').distinct('organisationId')),
      ...(await db.collection('questions').distinct('askedByOrgId')),
      ...(await db.collection('matches').distinct('supplierId')),
    ].filter(Boolean);
    for (const o of await db
      .collection('organisations')
      .find({ _id: { $in: supplierIds }, kind: 'supplier' }, { projection: { name: 1, orgNumber: 1 } })
      .toArray()) {
      secrets.add(String(o.name));
      secrets.add(String(o.orgNumber));
    }
    for (const q of await db
      .collection('questions')
      .find({}, { projection: { originalText: 1, text: 1 } })
      .toArray()) {
      if (q.originalText && q.originalText !== q.text) secrets.add(String(q.originalText));
    }

    // Act
    const files = await Promise.all(DATASETS.map(async (d) => (await csvOf(d)).bytes.toString('utf8')));

    // Assert
    expect(secrets.size).toBeGreaterThan(20);
    const found = [...secrets].filter((s) => files.some((f) => f.includes(s)));
    expect(found).toEqual([]);
    for (const f of files) expect(f).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/);
  });

  it('when the catalogue is read, then it lists every CSV with its README, the OCDS endpoints and dumps, the Atom and iCal feeds and the E1 notice, each with the licence', async () => {
    // Act
    const res = await ctx.http().get('/api/open-data');

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.license).toBe('CC0-1.0');
    const base = 'http://localhost:3000';
    const urls = res.body.datasets.map((d: { url: string }) => d.url.replace(base, ''));
    expect(urls).toEqual(
      expect.arrayContaining([
        ...DATASETS.map((d) => `/api/open-data/${d}.csv`),
        '/api/ocds/needs/{id}/releases',
        '/api/ocds/needs/{id}/record',
        '/api/ocds/releases?since=&page=',
        '/api/ocds/dumps',
        '/api/needs.atom',
        '/api/networks/{id}/needs.atom',
        '/api/needs/{id}/calendar.ics',
        '/api/networks/{id}/calendar.ics',
        '/api/needs/{id}/eforms-e1.xml',
      ]),
    );
    for (const d of res.body.datasets) {
      expect(d.license).toBe('CC0-1.0');
      expect(d.title.sv && d.title.en && d.description.sv && d.description.en && d.format).toBeTruthy();
    }
    const csv = res.body.datasets.filter((d: { format: string }) => d.format === 'CSV');
    expect(csv.map((d: { documentation: string }) => d.documentation.replace(base, ''))).toEqual(
      DATASETS.map((d) => `/api/open-data/${d}.md`),
    );
  });

  it('when an unknown dataset is asked for, then 400 names the parameter', async () => {
    // Act
    const res = await ctx.http().get('/api/open-data/suppliers.csv');

    // Assert
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].path).toBe('dataset');
  });
});
