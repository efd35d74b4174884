/**
 * Offline validation of eForms notices against the SDK's XSD and Schematron rules
 * (`scripts/eforms/validate.py` on Saxon-HE and lxml), in a venv under `.cache/` that this
 * module creates on first use from `requirements.txt` (pinned with hashes).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVenv } from '../fuzz/python-venv.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const EFORMS_SDK_DIR = path.join(here, 'sdk');
export const E1_XSD = path.join(EFORMS_SDK_DIR, 'schemas/maindoc/UBL-PriorInformationNotice-2.3.xsd');
export const E1_SCHEMATRON = path.join(EFORMS_SDK_DIR, 'schematrons/static/e1-validation.sch');

export interface NoticeValidation {
  file: string;
  xsdValid: boolean;
  xsdErrors: string[];
  /** Failed Schematron asserts (and fired reports): rule id, role (ERROR/WARN), node path. */
  failed: Array<{ id: string; role: string; location: string }>;
  /** How many rule contexts matched: shows the rules ran at all. */
  firedRules: number;
  ms: { xsd: number; schematron: number };
  error?: string;
}

/** The venv's python, installed if missing (pip, ~45 MB of wheels, once). */
export function ensureEformsValidator(log: (m: string) => void = console.log): string {
  const bin = ensureVenv({
    dir: path.join(root, '.cache', 'eforms-validator'),
    requirements: path.join(here, 'requirements.txt'),
    check: {
      bin: 'python',
      args: ['-c', 'import saxonche, lxml; print("saxonche-ok", lxml.__version__)'],
      expect: 'saxonche-ok 6.0.2',
    },
    log,
  });
  return path.join(bin, 'python');
}

/**
 * Validates notices in one run of the validator (the rules are compiled once, a few seconds;
 * then each notice takes milliseconds). Rejects only when the validator itself cannot run.
 */
export async function validateNotices(
  notices: Array<{ name: string; xml: string }>,
  options: { python?: string; xsd?: string; schematron?: string } = {},
): Promise<NoticeValidation[]> {
  const python = options.python ?? ensureEformsValidator();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eforms-'));
  try {
    const files: string[] = [];
    for (const [i, n] of notices.entries()) {
      const file = path.join(dir, `${i}-${n.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`);
      await fs.writeFile(file, n.xml, 'utf8');
      files.push(file);
    }
    const args = [
      path.join(here, 'validate.py'),
      '--xsd',
      options.xsd ?? E1_XSD,
      '--sch',
      options.schematron ?? E1_SCHEMATRON,
      ...files,
    ];
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    if (code !== 0 && code !== 1) throw new Error(`the eForms validator failed (exit ${code}): ${stderr}`);
    const results = stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as NoticeValidation);
    if (results.length !== notices.length) {
      throw new Error(`the eForms validator answered ${results.length} of ${notices.length}: ${stderr}`);
    }
    return results.map((r, i) => ({ ...r, file: notices[i]!.name }));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
