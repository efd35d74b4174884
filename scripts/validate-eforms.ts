/**
 * `npm run validate:eforms -- notice.xml [more.xml …]`: checks eForms E1 notices offline against
 * the SDK 1.15.1 XSD and Schematron rules (phase eforms-E1). Exit 0 when all pass.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { validateNotices } from './eforms/validator.js';

const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  console.error('usage: npm run validate:eforms -- <notice.xml> [more.xml …]');
  process.exit(2);
}
const notices = await Promise.all(
  files.map(async (f) => ({ name: path.basename(f), xml: await fs.readFile(f, 'utf8') })),
);
const results = await validateNotices(notices);
let failed = 0;
for (const r of results) {
  const ok = r.xsdValid && r.failed.length === 0 && !r.error;
  if (!ok) failed += 1;
  console.log(
    `${ok ? 'PASS' : 'FAIL'} ${r.file}: XSD ${r.xsdValid ? 'valid' : 'invalid'}, ${r.failed.length} failed asserts, ` +
      `${r.firedRules} rules fired (${r.ms.xsd} + ${r.ms.schematron} ms)`,
  );
  for (const e of r.xsdErrors) console.log(`  XSD ${e}`);
  for (const f of r.failed) console.log(`  ${f.role} ${f.id} at ${f.location}`);
  if (r.error) console.log(`  error: ${r.error}`);
}
process.exit(failed === 0 ? 0 : 1);
