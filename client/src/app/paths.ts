/** Every client route in one place (Swedish paths). Keep in sync with client/README.md. */
export const paths = {
  home: '/',
  needs: '/behov',
  need: (id: string) => `/behov/${encodeURIComponent(id)}`,
  network: (id: string) => `/natverk/${encodeURIComponent(id)}`,
  about: '/om',
  accessibility: '/tillganglighet',
  login: '/logga-in',
} as const;

/** Served by the API, not by the client router: plain links with a full page load. */
export const apiLinks = {
  openApi: '/api/openapi.json',
} as const;
