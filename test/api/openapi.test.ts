import { createTestContext, type TestContext } from '../helpers/context.js';

describe('OpenAPI document', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when fetched, then it is OpenAPI 3.1 and lists every route the app serves', async () => {
    const res = await ctx.http().get('/api/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) documented.add(`${method} ${path}`);
    }
    const { buildEndpoints } = await import('../../server/routes.js');
    const served = buildEndpoints(ctx.deps)
      .filter((e) => !e.spec.hidden)
      .map((e) => `${e.spec.method} ${e.spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(0);
    for (const route of served) expect(documented).toContain(route);
    expect(res.body.components.schemas.Error).toBeDefined();
  });

  it('when a supplier has no approved version, then the schema allows the null the API sends', async () => {
    const res = await ctx.http().get('/api/openapi.json');

    const field = res.body.components.schemas.OwnSupplierProfile.properties.approvedVersion;
    const variants = (field.anyOf ?? field.oneOf ?? [field]) as Record<string, unknown>[];
    expect(variants).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'null' })]));
  });

  it('when answers are limited by size or rate, then the document says so', async () => {
    const res = await ctx.http().get('/api/openapi.json');

    expect(res.body.paths['/api/meetings/{id}/summary'].post.responses['413']).toBeDefined();
    expect(res.body.paths['/api/me'].delete.responses['429']).toBeDefined();
    expect(res.body.paths['/api/needs/{id}/reports'].post.responses['429']).toBeDefined();
  });

  it('when the docs page is opened, then Swagger UI is served', async () => {
    const res = await ctx.http().get('/api/docs/');

    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});
