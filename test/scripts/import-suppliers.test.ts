import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importSuppliers } from '../../server/modules/suppliers/suppliers-import.js';
import { readImportFile } from '../../server/modules/suppliers/suppliers-import.parse.js';
import { suppliersIndex } from '../../server/modules/suppliers/suppliers-search.js';
import { createSuppliersRepository } from '../../server/modules/suppliers/suppliers.repository.js';
import { rebuildSearchIndex } from '../../server/platform/search/search-index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createOrganisation } from '../helpers/factories.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { settleSearch } from '../fixtures/suppliers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const csvFile = path.join(root, 'test/fixtures/suppliers-import.csv');
const ndjsonFile = path.join(root, 'test/fixtures/suppliers-import.ndjson');
const run = promisify(execFile);

const importFile = (ctx: TestContext, file: string) =>
  importSuppliers(ctx.deps, readImportFile(file), { batchSize: 3 });

describe('supplier import', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let tmp: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bt-import-'));
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
    await rm(tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await workers.drain(30_000);
    await settleSearch(ctx);
    await ctx.reset();
  });

  it('when a CSV file mixes good and bad rows, then good rows are imported and bad ones reported with line and reason', async () => {
    const summary = await importFile(ctx, csvFile);

    expect(summary).toMatchObject({ read: 8, created: 4, updated: 0, unchanged: 0, rejected: 4 });
    const byLine = Object.fromEntries(summary.rejectedRows.map((r) => [r.line, r.reasons.join(' | ')]));
    expect(Object.keys(byLine).map(Number)).toEqual([4, 5, 8, 9]);
    expect(byLine[4]).toContain('orgNumber: Invalid Swedish organisation number (check digit)');
    expect(byLine[5]).toMatch(/cpvCodes\.0: Unknown CPV code.*companySize/);
    expect(byLine[8]).toContain('contacts.0.consent');
    expect(byLine[9]).toContain('also on line 2');
    const org = await ctx.deps.mongo.collection('organisations').findOne({ orgNumber: '557217-5130' });
    expect(org).toMatchObject({
      kind: 'supplier',
      name: 'Skolplattan AB',
      status: 'verified',
      country: 'SE',
    });
    const profile = await ctx.deps.mongo.collection('supplier_profiles').findOne({ _id: org!._id });
    expect(profile).toMatchObject({
      status: 'approved',
      listed: true,
      source: 'import',
      approved: expect.objectContaining({
        cpvCodes: ['48190000'],
        cpvAll: ['48000000', '48100000', '48190000'],
      }),
    });
    // One copy of the content is stored; the repository shows it as the current version too.
    expect(profile).not.toHaveProperty('current');
    const read = await createSuppliersRepository(ctx.deps.mongo).findById(String(org!._id));
    expect(read?.current).toEqual(read?.approved);
    expect(read?.current.name).toBe('Skolplattan');
  });

  it('when the same file is imported again, then nothing changes; when one row changes, then only it is written', async () => {
    await importFile(ctx, csvFile);
    const before = await ctx.deps.mongo.collection('supplier_profiles').find().sort({ _id: 1 }).toArray();

    const again = await importFile(ctx, csvFile);
    const after = await ctx.deps.mongo.collection('supplier_profiles').find().sort({ _id: 1 }).toArray();
    const changedFile = path.join(tmp, 'changed.csv');
    const text = await readFile(csvFile, 'utf8');
    await writeFile(
      changedFile,
      text.replace('Lärplattform och elevdatorer', 'Lärplattform, elevdatorer och utbildning'),
    );
    const changed = await importFile(ctx, changedFile);

    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 4 });
    expect(after.map((p) => [p._id, p.version, p.updatedAt])).toEqual(
      before.map((p) => [p._id, p.version, p.updatedAt]),
    );
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await ctx.deps.mongo.collection('organisations').countDocuments()).toBe(4);
  });

  it('when imported, then the workers bring the profiles into search', async () => {
    await importFile(ctx, csvFile);

    await workers.drain(30_000);
    await settleSearch(ctx);
    const res = await ctx.http().get('/api/suppliers?q=matsvinn');

    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ name: 'Matsvinnet', regions: ['NORDICS'] });
    expect((await ctx.http().get('/api/suppliers')).body.total).toBe(3); // Skolplattan is not public
  });

  it('when the index is rebuilt (npm run reindex), then it holds exactly the listed profiles', async () => {
    await importFile(ctx, csvFile);
    await ctx.deps.mongo
      .collection('supplier_profiles')
      .updateOne({ orgNumber: '557217-5130' }, { $set: { listed: false } });

    const done = await rebuildSearchIndex(ctx.deps, suppliersIndex);

    expect(done).toBe(3);
    const stats = await ctx.deps.search.client.index(ctx.deps.search.indexName('suppliers')).getStats();
    expect(stats.numberOfDocuments).toBe(3);
  });

  it('when an org number belongs to a buyer, then that row is rejected', async () => {
    const buyer = await createOrganisation(ctx, { kind: 'buyer', verified: true });
    const file = path.join(tmp, 'buyer.ndjson');
    await writeFile(
      file,
      JSON.stringify({
        orgNumber: buyer.orgNumber,
        name: 'Kapad',
        pitch: 'Ett försök att ta över en beställares organisationsnummer.',
        offerings: [{ type: 'service', name: 'X-tjänst' }],
        cpvCodes: ['79400000'],
        regions: ['SE'],
        companySize: 'micro',
      }) + '\n',
    );

    const summary = await importFile(ctx, file);

    expect(summary).toMatchObject({ created: 0, rejected: 1 });
    expect(summary.rejectedRows[0]!.reasons[0]).toContain('buyer organisation');
  });

  it('when a row is for a registered organisation not verified yet, then its profile goes to review, not live', async () => {
    const pending = await createOrganisation(ctx, { kind: 'supplier', verified: false });
    const file = path.join(tmp, 'pending.ndjson');
    await writeFile(
      file,
      JSON.stringify({
        orgNumber: pending.orgNumber,
        name: 'Väntande Leverantör',
        pitch: 'Ett bolag som har registrerat sig men ännu inte är verifierat.',
        offerings: [{ type: 'service', name: 'Rådgivning' }],
        cpvCodes: ['79400000'],
        regions: ['SE'],
        companySize: 'micro',
      }) + '\n',
    );

    const summary = await importFile(ctx, file);

    expect(summary).toMatchObject({ created: 1, rejected: 0 });
    const profile = await ctx.deps.mongo
      .collection('supplier_profiles')
      .findOne({ orgNumber: pending.orgNumber });
    expect(profile).toMatchObject({ status: 'pending_review', listed: false });
    const org = await ctx.deps.mongo.collection('organisations').findOne({ orgNumber: pending.orgNumber });
    expect(org).toMatchObject({ status: 'pending' });
  });

  it('when an NDJSON file has unreadable lines, then they are reported by line and the rest imported', async () => {
    const summary = await importFile(ctx, ndjsonFile);

    expect(summary).toMatchObject({ read: 3, created: 1, rejected: 2 });
    expect(summary.rejectedRows.map((r) => r.line)).toEqual([2, 3]);
    expect(summary.rejectedRows[0]!.reasons).toEqual(['The line is not valid JSON.']);
    const contacts = (await ctx.deps.mongo
      .collection('supplier_profiles')
      .findOne({ orgNumber: '517306-9583' }))!.contacts;
    expect(contacts[0]).toMatchObject({ email: 'karin@vardappen.example.se', consentSource: 'import' });
  });

  it('when run from the command line, then it prints a summary naming bad rows and exits 1; a re-run changes nothing', async () => {
    const file = path.join(tmp, 'cli.csv');
    await copyFile(csvFile, file);
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      MONGODB_DB: ctx.config.MONGODB_DB,
      MEILI_INDEX_PREFIX: ctx.config.MEILI_INDEX_PREFIX,
      QUEUE_PREFIX: ctx.config.QUEUE_PREFIX,
      SESSION_SECRET: ctx.config.SESSION_SECRET,
      PUBLIC_BASE_URL: ctx.config.PUBLIC_BASE_URL,
      LOG_LEVEL: 'silent',
    };
    const cli = (...args: string[]) =>
      run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/import-suppliers.ts', ...args], {
        cwd: root,
        env,
      }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
      );

    const first = await cli(file, '--index-now');
    const second = await cli(file);

    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/created:\s+4/);
    expect(first.stdout).toMatch(/rejected:\s+4/);
    expect(first.stdout).toContain('line 4 (526292-8112): orgNumber: Invalid Swedish organisation number');
    expect(second.stdout).toMatch(/unchanged:\s+4/);
    expect(second.stdout).toMatch(/created:\s+0/);
    await settleSearch(ctx);
    // One profile per organisation after the re-run, and it is the first hit (meaning-based hits
    // of other profiles may follow it).
    const found = (await ctx.http().get('/api/suppliers?q=hjälpmedel')).body as { items: { name: string }[] };
    expect(found.items[0]?.name).toBe('Hjälpmedelshuset');
    expect(found.items.filter((i) => i.name === 'Hjälpmedelshuset')).toHaveLength(1);
  }, 60_000);
});
