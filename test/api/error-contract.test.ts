import { z } from 'zod';
import { endpoint } from '../../server/platform/http/endpoint.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

/** Endpoints that exist only in this test, to drive the shared validation and error path. */
const probeEndpoints = [
  endpoint(
    {
      method: 'post',
      path: '/api/__test/echo',
      summary: 'Echo (test only)',
      tags: ['Test'],
      request: {
        body: z.strictObject({
          name: z.string().min(2),
          count: z.number().int().min(1),
          tags: z.array(z.string()).max(3).optional(),
        }),
        query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
      },
      responses: { 200: { description: 'The validated body' } },
    },
    ({ body }) => body,
  ),
  endpoint(
    {
      method: 'get',
      path: '/api/__test/boom',
      summary: 'Throws (test only)',
      tags: ['Test'],
      responses: { 200: { description: 'never' } },
    },
    async () => {
      throw new Error('secret internal detail: database password is hunter2');
    },
  ),
];

describe('error contract', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ extraEndpoints: probeEndpoints, env: { BODY_LIMIT: '1kb' } });
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when the JSON body is malformed, then 400 invalid_json', async () => {
    const res = await ctx
      .http()
      .post('/api/__test/echo')
      .set('Content-Type', 'application/json')
      .send('{"name": "ab", ');

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
  });

  it('when the route is unknown, then 404 not_found in the error shape', async () => {
    const res = await ctx.http().get('/api/nothing-here');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.error.message).toContain('/api/nothing-here');
  });

  it('when fields fail validation, then 400 validation_failed naming each field path', async () => {
    const res = await ctx
      .http()
      .post('/api/__test/echo?dryRun=maybe')
      .send({ name: 'a', count: 'three', tags: ['a', 'b', 'c', 'd'], admin: true });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = (res.body.error.details as { location: string; path: string }[]).map(
      (d) => `${d.location}:${d.path}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining(['body:name', 'body:count', 'body:tags', 'body:admin', 'query:dryRun']),
    );
  });

  it('when a string field carries a NoSQL operator object, then 400 naming the field', async () => {
    const res = await ctx
      .http()
      .post('/api/__test/echo')
      .send({ name: { $gt: '' }, count: 1 });

    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ location: 'body', path: 'name' })]);
  });

  it('when the input is valid, then the handler gets the parsed values', async () => {
    const res = await ctx.http().post('/api/__test/echo').send({ name: 'Malmö', count: 2 });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'Malmö', count: 2 });
  });

  it('when the body is larger than the limit, then 413 payload_too_large', async () => {
    const res = await ctx
      .http()
      .post('/api/__test/echo')
      .send({ name: 'x'.repeat(5_000), count: 1 });

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it.each([
    '/api/needs/%ff',
    '/api/suppliers/%E0%A4%A',
    '/api/organisations/%zz',
    '/api/meetings/%ff/event.ics',
    '/api/cpv/%c0',
  ])('when a path parameter has a malformed percent-escape (%s), then 400 invalid_path', async (path) => {
    const res = await ctx.http().get(path);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'invalid_path', message: expect.any(String) } });
  });

  it.each(['gzip', 'deflate', 'br'])(
    'when a %s-encoded body does not decompress, then 400 bad_request',
    async (encoding) => {
      const res = await ctx
        .http()
        .post('/api/__test/echo')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(Buffer.from('this is not compressed at all'));

      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    },
  );

  it('when the body has an unknown Content-Encoding, then 415 unsupported_encoding', async () => {
    const res = await ctx
      .http()
      .post('/api/__test/echo')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{}');

    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_encoding');
  });

  it('when a form body has more than 1,000 fields, then 413 too_many_parameters', async () => {
    const res = await ctx
      .http()
      .post('/api/__test/echo')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('&'.repeat(1000));

    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'too_many_parameters', message: expect.any(String) } });
  });

  it('when a text field, a query value or a key holds NUL or another control character, then 400 naming each', async () => {
    const res = await ctx
      .http()
      .post('/api/__test/echo?dryRun=true%00')
      .send({ name: 'Anna\u0000', count: 1, tags: ['ok', 'bell\u0007'], ['k\u001b']: 'x' });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = (res.body.error.details as { location: string; path: string; code: string }[]).map(
      (d) => `${d.code} ${d.location}:${d.path}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'control_character body:name',
        'control_character body:tags.1',
        'control_character query:dryRun',
        'control_character body:k?',
      ]),
    );
  });

  it('when text has tabs and line breaks, then they are kept', async () => {
    const res = await ctx.http().post('/api/__test/echo').send({ name: 'Rad ett\r\n\tRad två', count: 1 });

    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Rad ett\r\n\tRad två');
  });

  it('when a handler throws unexpectedly, then 500 internal with the request id and no internals', async () => {
    const res = await ctx.http().get('/api/__test/boom').set('X-Request-Id', 'test-request-0001');

    expect(res.status).toBe(500);
    expect(res.headers['x-request-id']).toBe('test-request-0001');
    expect(res.body.error).toEqual({
      code: 'internal',
      message: expect.stringContaining('test-request-0001'),
      requestId: 'test-request-0001',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|Error:|at /);
  });

  it('when no request id is sent, then one is generated and echoed', async () => {
    const res = await ctx.http().get('/healthz');

    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
