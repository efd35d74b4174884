import { emailedLink, PASSWORD, uniqueEmail } from './accounts.js';
import { baseUrl } from './browser.js';

/**
 * The API as a journey's helper: data that is not what the journey is about (another supplier, a
 * verified buyer, an admin decision) is made through the same HTTP API the client uses, with
 * bearer tokens (`client: "api"`, no CSRF). Faster than clicking and still the real stack.
 */
export class ApiClient {
  constructor(private readonly token?: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T>(path: string, body: unknown) => this.request<T>('PUT', path, body);
}

export async function logInApi(email: string, password = PASSWORD): Promise<ApiClient> {
  const { token } = await new ApiClient().post<{ token: string }>('/api/auth/login', {
    email,
    password,
    client: 'api',
  });
  return new ApiClient(token);
}

export const adminApi = () => logInApi(process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!);

/** Registers a user, follows the emailed verification link (by API) and logs in. */
export async function newUser(prefix: string, name: string): Promise<{ email: string; api: ApiClient }> {
  const email = uniqueEmail(prefix);
  const anonymous = new ApiClient();
  await anonymous.post('/api/auth/register', { email, password: PASSWORD, name, language: 'sv' });
  const link = await emailedLink(email, '/verifiera-epost');
  const token = new URL(link, baseUrl()).searchParams.get('token');
  await anonymous.post('/api/auth/verify-email', { token });
  return { email, api: await logInApi(email) };
}

/** A valid Swedish organisation number from nine digits (Luhn check digit added). */
export function orgNumber(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

interface Page<T> {
  items: T[];
}

/** The admin verifies the pending organisation with this name. */
export async function verifyOrganisationNamed(admin: ApiClient, name: string): Promise<string> {
  const pending = await admin.get<Page<{ id: string; name: string }>>(
    '/api/admin/organisations?status=pending&pageSize=100',
  );
  const org = pending.items.find((o) => o.name === name);
  if (!org) throw new Error(`no pending organisation named ${name}`);
  await admin.post(`/api/admin/organisations/${org.id}/verify`);
  return org.id;
}

export async function verifiedBuyer(
  admin: ApiClient,
  {
    prefix,
    person,
    organisation,
    number,
  }: { prefix: string; person: string; organisation: string; number: string },
) {
  const user = await newUser(prefix, person);
  const created = await user.api.post<{ organisation: { id: string } }>('/api/organisations', {
    kind: 'buyer',
    buyerType: 'region',
    name: organisation,
    country: 'SE',
    orgNumber: orgNumber(number),
  });
  await admin.post(`/api/admin/organisations/${created.organisation.id}/verify`);
  return { ...user, organisationId: created.organisation.id };
}

/** A supplier with a verified organisation and an approved profile (CPV 72000000, all of Sweden). */
export async function approvedSupplier(
  admin: ApiClient,
  { prefix, person, name, number }: { prefix: string; person: string; name: string; number: string },
) {
  const user = await newUser(prefix, person);
  const created = await user.api.post<{ organisation: { id: string } }>('/api/organisations', {
    kind: 'supplier',
    name,
    country: 'SE',
    orgNumber: orgNumber(number),
  });
  const organisationId = created.organisation.id;
  await admin.post(`/api/admin/organisations/${organisationId}/verify`);
  await user.api.put(`/api/organisations/${organisationId}/profile`, {
    name,
    pitch: 'Vi utvecklar tillgängliga e-tjänster och digitala plattformar för offentlig sektor.',
    description: 'Användarcentrerad utveckling, drift och förvaltning av digitala tjänster.',
    offerings: [{ type: 'service', name: 'Utveckling av e-tjänster' }],
    cpvCodes: ['72000000'],
    regions: ['SE'],
    companySize: 'small',
    references: [{ buyerName: 'Region Skåne', year: 2025 }],
    contacts: [],
    publicProfile: true,
  });
  await admin.post(`/api/admin/moderation/suppliers/${organisationId}/approve`);
  return { ...user, organisationId };
}

/** "2027-03-04T10:00" in Swedish time, `days` days from now (for datetime-local inputs). */
export function stockholmLocal(days: number, hour: number, minute = 0): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short' }).format(
    date,
  );
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * A published need with a published information meeting, made through the API: a verified
 * buyer creates and approves-by-admin a network, drafts, submits and gets the need published.
 */
export async function publishedNeedWithMeeting(
  admin: ApiClient,
  { title, number }: { title: string; number: string },
) {
  const buyer = await verifiedBuyer(admin, {
    prefix: 'samordnare-api',
    person: 'Sam Samordnare',
    organisation: `Region ${title.split(' ')[0]}`,
    number,
  });
  const network = await buyer.api.post<{ id: string }>('/api/networks', {
    name: `Nätverket för ${title.toLowerCase()}`,
    subjectArea: 'Digitala tjänster',
    description: 'Ett nätverk för gemensamma digitala tjänster i offentlig sektor.',
    contact: { name: 'Nätverkets kansli', email: 'kansli@e2e.behovstorget.se' },
  });
  await admin.post(`/api/admin/networks/${network.id}/approve`);
  const need = await buyer.api.post<{ id: string }>('/api/needs', {
    networkId: network.id,
    title,
    summary: 'Invånare behöver kunna boka och omboka tider digitalt, dygnet runt.',
    description:
      'I dag bokas tider per telefon under kontorstid. Det ger långa köer och många missade besök. Vi söker lösningar.',
    requirements: [
      'Invånaren kan boka, omboka och avboka en tid digitalt.',
      'Tjänsten uppfyller WCAG 2.1 AA.',
    ],
    cpvCodes: ['72000000'],
    regions: ['SE'],
    innovationType: 'new_service',
    stage: 'market_dialogue',
    questionsDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    contact: { name: 'Behovsägaren', email: 'behov@e2e.behovstorget.se' },
    demand: [{ organisationId: buyer.organisationId, value: { amount: 750_000, currency: 'SEK' } }],
  });
  await buyer.api.post(`/api/needs/${need.id}/submit`);
  await admin.post(`/api/admin/moderation/needs/${need.id}/approve`, {});
  const start = new Date(Date.now() + 3 * 86_400_000);
  const meeting = await buyer.api.post<{ id: string }>(`/api/needs/${need.id}/meetings`, {
    kind: 'information_meeting',
    title: 'Informationsmöte om digital tidsbokning',
    agenda: 'Nätverket presenterar behovet, sedan frågor.',
    format: 'online',
    onlineUrl: 'https://meet.e2e.behovstorget.se/tidsbokning',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
    capacity: 10,
  });
  return { buyer, networkId: network.id, needId: need.id, meetingId: meeting.id };
}
