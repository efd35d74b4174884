/** Licence URLs of the SPDX ids a deployment is likely to publish its open data under. */
export const LICENCE_URLS: Readonly<Record<string, string>> = Object.freeze({
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'ODbL-1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
  'NLOD-2.0': 'https://data.norge.no/nlod/en/2.0',
});

/**
 * The open data's licence as a URL (OCDS packages and Atom feeds name it by URL): the explicit
 * OPEN_DATA_LICENSE_URL, else the URL of the SPDX id in OPEN_DATA_LICENSE (config refuses an
 * unknown id without a URL).
 */
export function licenceUrl(config: {
  OPEN_DATA_LICENSE: string;
  OPEN_DATA_LICENSE_URL?: string | undefined;
}): string {
  return config.OPEN_DATA_LICENSE_URL ?? LICENCE_URLS[config.OPEN_DATA_LICENSE] ?? '';
}
