import type { Config } from '../../config.js';
import { OCDS_EXTENSIONS } from './ocds.mapping.js';
import type { JsonObject } from './ocds.merge.js';
import { licenceUrl } from '../../platform/licences.js';

export interface PackageMeta {
  /** PUBLIC_BASE_URL + /api. */
  apiUrl: string;
  publisher: JsonObject;
  license: string;
  releasePackage(uri: string, releases: JsonObject[], publishedDate: Date): JsonObject;
  /** The same package as JSON text around releases that are JSON text already (pages, no re-encoding). */
  releasePackageText(uri: string, releases: string[], publishedDate: Date, extra?: JsonObject): string;
  recordPackage(uri: string, releasesUri: string, publishedDate: Date, record: JsonObject): JsonObject;
}

/**
 * The envelope of every OCDS package we serve (1.1: `version`, `publisher`, `license`,
 * `extensions`). `publishedDate` is the newest release's date, so an unchanged package is
 * byte-for-byte the same on every request.
 */
export function packageMeta(
  config: Pick<
    Config,
    'PUBLIC_BASE_URL' | 'OPEN_DATA_PUBLISHER' | 'OPEN_DATA_LICENSE' | 'OPEN_DATA_LICENSE_URL'
  >,
): PackageMeta {
  const base = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const apiUrl = `${base}/api`;
  const publisher = { name: config.OPEN_DATA_PUBLISHER, uri: base };
  const common = {
    version: '1.1',
    extensions: OCDS_EXTENSIONS,
    publisher,
    license: licenceUrl(config),
  };
  return {
    apiUrl,
    publisher,
    license: licenceUrl(config),
    releasePackage: (uri, releases, publishedDate) => ({
      uri,
      ...common,
      publishedDate: publishedDate.toISOString(),
      releases,
    }),
    releasePackageText: (uri, releases, publishedDate, extra) => {
      const head = JSON.stringify({ uri, ...common, publishedDate: publishedDate.toISOString() });
      const tail = extra && Object.keys(extra).length > 0 ? `,${JSON.stringify(extra).slice(1, -1)}` : '';
      return `${head.slice(0, -1)},"releases":[${releases.join(',')}]${tail}}`;
    },
    recordPackage: (uri, releasesUri, publishedDate, record) => ({
      uri,
      ...common,
      publishedDate: publishedDate.toISOString(),
      packages: [releasesUri],
      records: [record],
    }),
  };
}
