import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { OcdsService } from './ocds.service.js';

/** `ocds-releases-2026-12-04.jsonl.gz`: the only names the dumps endpoint serves. */
export const DUMP_FILE = /^ocds-releases-(\d{4}-\d{2}-\d{2})\.jsonl\.gz$/;

export interface DumpFile {
  file: string;
  /** The day (Europe/Stockholm) the dump was written. */
  date: string;
  bytes: number;
  modified: Date;
}

/** The Stockholm calendar day of `at` as YYYY-MM-DD. */
export function stockholmDay(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Dumps in `dir`, newest first (a missing directory has none). */
export async function listDumps(dir: string): Promise<DumpFile[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const files = await Promise.all(
    names
      .map((name) => ({ name, m: DUMP_FILE.exec(name) }))
      .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
      .map(async ({ name, m }) => {
        const s = await stat(path.join(dir, name));
        return { file: name, date: m[1]!, bytes: s.size, modified: s.mtime };
      }),
  );
  return files.sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * Writes every served release, one JSON object a line, gzipped, to a temporary file that is
 * renamed into place only when complete: a reader never sees half a dump, and a crashed run
 * leaves only a `.partial` file that the next run overwrites. Keeps the newest `keep` dumps.
 */
export async function writeDump(
  service: Pick<OcdsService, 'allReleases'>,
  options: { dir: string; at: Date; keep: number },
): Promise<{ file: string; releases: number; bytes: number; ms: number }> {
  const started = performance.now();
  await mkdir(options.dir, { recursive: true });
  const file = `ocds-releases-${stockholmDay(options.at)}.jsonl.gz`;
  const target = path.join(options.dir, file);
  const partial = `${target}.partial`;
  let releases = 0;
  async function* lines() {
    for await (const batch of service.allReleases(1_000)) {
      releases += batch.length;
      yield batch.map((json) => `${json}\n`).join('');
    }
  }
  await pipeline(Readable.from(lines()), createGzip({ level: 6 }), createWriteStream(partial));
  await rename(partial, target);
  const old = (await listDumps(options.dir)).slice(options.keep);
  await Promise.all(old.map((d) => rm(path.join(options.dir, d.file), { force: true })));
  const { size } = await stat(target);
  return { file, releases, bytes: size, ms: Math.round(performance.now() - started) };
}
