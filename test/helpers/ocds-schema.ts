import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

/**
 * Validators for the official OCDS 1.1.5 schemas in `test/fixtures/ocds/` (JSON Schema
 * draft-04), offline: the release schema is registered under its own `id`, so the package
 * schema's `$ref` to it resolves without the network. Ajv 6 speaks draft-04 natively (with its
 * bundled meta-schema) and checks `date-time` and `uri` in `format: 'full'`; the OCDS keywords
 * (`codelist`, `openCodelist`, `omitWhenMerged`, `wholeListMerge`, …) are ignored as unknown.
 */
export const OCDS_DIR = fileURLToPath(new URL('../fixtures/ocds/', import.meta.url));

export interface OcdsValidators {
  /** Errors of one release against release-schema.json ([] when valid). */
  release(value: unknown): string[];
  /** Errors of a release package against release-package-schema.json ([] when valid). */
  releasePackage(value: unknown): string[];
}

export function ocdsValidators(): OcdsValidators {
  const require = createRequire(import.meta.url);
  const read = (file: string) => JSON.parse(readFileSync(path.join(OCDS_DIR, file), 'utf8')) as object;
  const ajv = new Ajv({ schemaId: 'id', meta: false, format: 'full', allErrors: true, logger: false });
  const draft04 = require('ajv/lib/refs/json-schema-draft-04.json') as object & { id: string };
  ajv.addMetaSchema(draft04);
  (ajv as unknown as { _opts: { defaultMeta: string } })._opts.defaultMeta = draft04.id;
  const releaseSchema = read('release-schema.json') as { id: string };
  ajv.addSchema(releaseSchema);
  const release = ajv.getSchema(releaseSchema.id)!;
  const pkg = ajv.compile(read('release-package-schema.json'));
  const problems = (validate: typeof release, value: unknown) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath || '(root)'} ${e.message}`);
  return {
    release: (value) => problems(release, value),
    releasePackage: (value) => problems(pkg, value),
  };
}
