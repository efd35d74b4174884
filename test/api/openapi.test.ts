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

  it('when the docs page is opened, then Swagger UI is served', async () => {
    const res = await ctx.http().get('/api/docs/');

    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});
