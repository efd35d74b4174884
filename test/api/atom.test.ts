import { loginAs } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation } from '../helpers/factories.js';
import { ensureFeedParser, parseFeed } from '../helpers/feed-parser.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { eventually, needsWorld, publishedNeed, searchable, type NeedsWorld } from './needs.fixtures.js';

/** Atom feeds of need searches and networks, read back with a real feed parser (Python feedparser). */
describe('Atom feeds', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;
  let charging: string;
  let software: string;
  let elsewhere: string;
  const contact = {
    name: 'Karin Kontaktperson',
    email: 'karin.kontakt@kommun.example',
    phone: '0470-999999',
  };

  /** Waits until the need has `n` OCDS releases (the workers relay its public changes). */
  const releases = (id: string, n: number) =>
    eventually(
      async () => (await ctx.http().get(`/api/ocds/needs/${id}/releases`)).body.releases?.length === n,
      60_000,
      `${n} releases of ${id}`,
    );

  beforeAll(async () => {
    ensureFeedParser();
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx, { networkName: 'Laddnätverket' });
    charging = await publishedNeed(world, { contact, title: 'Laddinfrastruktur för fordonsflottor' });
    software = await publishedNeed(world, {
      contact,
      title: 'Digital vårdplanering för hemtjänsten',
      summary: 'Hemtjänsten behöver planera besök digitalt tillsammans med regionens vårdcentraler.',
      cpvCodes: ['72000000'],
      regions: ['SE212'],
    });
    await releases(charging, 1);
    // An edit after publication: the entry's <updated> moves past its <published>.
    const edit = await world.coordinatorAgent
      .patch(`/api/needs/${charging}`)
      .send({ summary: 'Kommunerna behöver ladda 400 tjänstebilar vid depåerna, styrt efter effekttoppar.' });
    expect(edit.status).toBe(200);
    await releases(charging, 2);
    const kommun = await createOrganisation(ctx, { name: 'Umeå kommun' });
    const other = await createNetwork(ctx, { coordinator: kommun, name: 'Norrländska nätverket' });
    const { agent } = await loginAs(ctx, kommun.owner);
    const otherWorld: NeedsWorld = {
      ...world,
      network: other,
      coordinator: kommun,
      member: kommun,
      coordinatorAgent: agent,
    };
    elsewhere = await publishedNeed(otherWorld, {
      contact,
      title: 'Snöröjning med eldrivna maskiner',
      demand: [],
    });
    await searchable(ctx.http, software, { q: 'vårdplanering' }, true, 60_000);
    await searchable(ctx.http, elsewhere, { q: 'snöröjning' }, true, 60_000);
    await searchable(ctx.http, charging, { q: 'tjänstebilar' }, true, 60_000);
  }, 240_000);
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  const atom = async (url: string, query: Record<string, string> = {}) => {
    const res = await ctx.http().get(url).query(query).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    return { xml: res.text, feed: parseFeed(res.text) };
  };

  it('when a search is followed as Atom, then the feed is well-formed Atom 1.0 with the same needs as GET /api/needs, each linking to its page', async () => {
    const query = { q: 'laddning' };
    const { feed } = await atom('/api/needs.atom', query);
    const json = await ctx.http().get('/api/needs').query(query);

    expect(feed.bozo).toBe(0);
    expect(feed.version).toBe('atom10');
    expect(feed.feed.title).toContain('laddning');
    expect(feed.feed.links).toEqual(
      expect.arrayContaining([
        {
          rel: 'self',
          type: 'application/atom+xml',
          href: 'http://localhost:3000/api/needs.atom?q=laddning',
        },
        { rel: 'alternate', type: 'text/html', href: 'http://localhost:3000/behov?q=laddning' },
      ]),
    );
    expect(feed.entries.map((e) => e.id)).toEqual(
      json.body.items.map((i: { id: string }) => `http://localhost:3000/behov/${i.id}`),
    );
    expect(feed.entries.length).toBeGreaterThan(0);
    const entry = feed.entries.find((e) => e.link === `http://localhost:3000/behov/${charging}`)!;
    expect(entry).toMatchObject({
      title: 'Laddinfrastruktur för fordonsflottor',
      summary: expect.stringContaining('400 tjänstebilar'),
      author: 'Laddnätverket',
    });
    expect(Date.parse(entry.updated)).toBeGreaterThan(Date.parse(entry.published));
    expect(entry.tags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ term: '31158100', scheme: 'urn:cpv:2008' }),
        expect.objectContaining({ term: 'SE110', scheme: 'urn:nuts' }),
      ]),
    );
  });

  it('when the search has filters, then the feed applies them exactly as GET /api/needs does', async () => {
    const queries: Record<string, string>[] = [
      { cpv: '72000000' },
      { region: 'SE212' },
      { network: world.network.id },
      {},
    ];
    for (const query of queries) {
      const { feed } = await atom('/api/needs.atom', query);
      const json = await ctx.http().get('/api/needs').query(query);
      expect(feed.bozo).toBe(0);
      expect(feed.entries.map((e) => e.id.split('/').at(-1))).toEqual(
        json.body.items.map((i: { id: string }) => i.id),
      );
    }
    const { feed: cpv } = await atom('/api/needs.atom', { cpv: '72000000' });
    expect(cpv.entries.map((e) => e.id.split('/').at(-1))).toEqual([software]);
  });

  it("when a network's feed is read, then it lists that network's published needs only, newest first", async () => {
    const { feed } = await atom(`/api/networks/${world.network.id}/needs.atom`);

    expect(feed.bozo).toBe(0);
    expect(feed.feed.title).toBe('Behovstorget – Laddnätverket');
    expect(feed.entries.map((e) => e.id.split('/').at(-1))).toEqual([software, charging]);
    expect(feed.feed.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rel: 'alternate',
          href: `http://localhost:3000/natverk/${world.network.id}`,
        }),
      ]),
    );
  });

  it('when feeds are served, then they carry no contact person, email or phone', async () => {
    const feeds = [
      await atom('/api/needs.atom'),
      await atom(`/api/networks/${world.network.id}/needs.atom`),
      await atom('/api/needs.atom', { q: 'snöröjning' }),
    ];
    for (const { xml } of feeds) {
      for (const secret of [contact.name, contact.email, contact.phone, '@'])
        expect(xml).not.toContain(secret);
    }
    expect(feeds[2]!.feed.entries.map((e) => e.id)).toEqual([`http://localhost:3000/behov/${elsewhere}`]);
  });

  it('when feed parameters are malformed or name nothing, then 400 or 404 with the error contract', async () => {
    const badSize = await ctx.http().get('/api/needs.atom').query({ pageSize: 1000, stage: 'nonsense' });
    const badId = await ctx.http().get('/api/networks/nope/needs.atom');
    const missing = await ctx.http().get('/api/networks/65f000000000000000000000/needs.atom');
    const pendingCoordinator = await createOrganisation(ctx, { name: 'Väntande kommun' });
    const pending = await createNetwork(ctx, { coordinator: pendingCoordinator, approved: false });
    const unapproved = await ctx.http().get(`/api/networks/${pending.id}/needs.atom`);

    expect(badSize.status).toBe(400);
    expect(badSize.body.error.code).toBe('validation_failed');
    const paths = badSize.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('pageSize');
    expect(paths.some((p: string) => p.startsWith('stage'))).toBe(true);
    expect(badId.status).toBe(400);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect(unapproved.status).toBe(404);
  });
});
