import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Endpoint } from './endpoint.js';
import { toRouteConfig } from './endpoint.js';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Builds the OpenAPI 3.1 document from the same endpoint specs that serve the requests. */
export function buildOpenApiDocument(endpoints: Endpoint[], info: { version: string; serverUrl: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'bt_session',
    description: 'Browser session cookie; unsafe methods also need the X-CSRF-Token header.',
  });
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const { spec } of endpoints) {
    if (spec.hidden) continue;
    const config = toRouteConfig(spec);
    // Every route may fail validation or internally; document the shared error body once per route.
    config.responses['400'] ??= {
      description: 'Invalid input',
      content: { 'application/json': { schema: errorBodySchema } },
    };
    config.responses['500'] ??= {
      description: 'Unexpected error',
      content: { 'application/json': { schema: errorBodySchema } },
    };
    registry.registerPath(config);
  }
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Behovstorget API',
      version: info.version,
      description:
        'Open API of Behovstorget, the needs marketplace for Nordic public-sector buyer networks. ' +
        'Errors always have the shape `{ "error": { "code", "message", "details" } }`.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: info.serverUrl }],
  });
  return nullableRefsAsAnyOf(document);
}

/**
 * zod-to-openapi writes a nullable named schema as `allOf: [{ $ref }, { type: [..., "null"] }]`,
 * which no null satisfies (allOf needs the $ref too). Rewrite it as `anyOf: [{ $ref }, { type: "null" }]`.
 */
export function nullableRefsAsAnyOf<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n: unknown) => nullableRefsAsAnyOf(n)) as T;
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node as Record<string, unknown>).map(([k, v]) => [
    k,
    nullableRefsAsAnyOf(v),
  ]);
  const out = Object.fromEntries(entries) as Record<string, unknown>;
  const allOf = out.allOf;
  if (Array.isArray(allOf) && allOf.length === 2) {
    const [ref, extra] = allOf as Record<string, unknown>[];
    const types = extra?.type;
    const nullOnly =
      extra && Object.keys(extra).length === 1 && Array.isArray(types) && types.includes('null');
    if (ref && typeof ref.$ref === 'string' && nullOnly) {
      delete out.allOf;
      out.anyOf = [ref, { type: 'null' }];
    }
  }
  return out as T;
}
