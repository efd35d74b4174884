import { z } from 'zod';
import { DUMP_FILE } from './ocds.dump.js';

const queryInt = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

export const releasesQuery = z.object({
  since: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional()
    .meta({
      description: 'Only releases dated at or after this moment (ISO 8601).',
      example: '2026-12-01T00:00:00Z',
    }),
  page: queryInt(1, 100_000, 1).meta({
    description: 'Pages of 100 releases, oldest first; `links.next` names the next.',
  }),
});

export const dumpParams = z.object({
  file: z
    .string()
    .regex(DUMP_FILE, 'must be a dump file name such as ocds-releases-2026-12-04.jsonl.gz')
    .meta({ example: 'ocds-releases-2026-12-04.jsonl.gz' }),
});

const release = z.record(z.string(), z.unknown()).meta({
  description: 'An OCDS 1.1.5 release (https://standard.open-contracting.org/1.1/en/schema/reference/)',
});

const envelope = {
  uri: z.string(),
  version: z.literal('1.1'),
  extensions: z.array(z.string()),
  publishedDate: z.string(),
  publisher: z.object({ name: z.string(), uri: z.string().optional() }),
  license: z.string(),
};

export const releasePackageDto = z
  .object({
    ...envelope,
    releases: z.array(release),
    links: z.object({ next: z.string().optional(), prev: z.string().optional() }).optional(),
  })
  .meta({ id: 'OcdsReleasePackage' });

export const recordPackageDto = z
  .object({
    ...envelope,
    packages: z.array(z.string()),
    records: z.array(z.object({ ocid: z.string(), releases: z.array(release), compiledRelease: release })),
  })
  .meta({ id: 'OcdsRecordPackage' });

export const dumpListDto = z
  .object({
    license: z.string(),
    publisher: z.object({ name: z.string(), uri: z.string().optional() }),
    items: z.array(
      z.object({
        file: z.string(),
        date: z.string().meta({ description: 'Day written (Europe/Stockholm)', example: '2026-12-04' }),
        bytes: z.number().int(),
        url: z.string(),
        format: z.literal('application/x-ndjson+gzip'),
      }),
    ),
  })
  .meta({ id: 'OcdsDumpList' });
