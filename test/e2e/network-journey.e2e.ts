import type { Browser, Page } from 'playwright-core';
import { logIn, registerAndVerify, uniqueEmail } from './support/accounts.js';
import {
  adminApi,
  approvedSupplier,
  orgNumber,
  stockholmLocal,
  verifiedBuyer,
  verifyOrganisationNamed,
  type ApiClient,
} from './support/api.js';
import { checkPage, launchBrowser, newSession, open, settled, type Session } from './support/browser.js';

let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.close();
  await browser?.close();
  expect(sessions.flatMap((s) => s.pageErrors)).toEqual([]);
});

async function session(): Promise<Page> {
  const s = await newSession(browser);
  sessions.push(s);
  return s.page;
}

/** Reloads until `text` shows (background work: matching, search indexing). */
async function reloadUntil(page: Page, text: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.getByText(text).first().isVisible()) return;
    if (Date.now() > deadline) throw new Error(`"${text}" did not show on ${page.url()}`);
    await page.waitForTimeout(500);
    await page.reload();
    await settled(page);
  }
}

const ids = (url: string, pattern: RegExp) => pattern.exec(new URL(url).pathname)?.[1] ?? '';

describe('journey 2: a network coordinator posts a need, an admin approves it, matches and a meeting', () => {
  test('when a coordinator builds a network and a need, then it is reviewed, matched and a meeting is scheduled', async () => {
    // What this journey is not about is made through the API, at the same time as the UI work.
    const admin: ApiClient = await adminApi();
    const helpers = Promise.all([
      approvedSupplier(admin, {
        prefix: 'matchad',
        person: 'Mats Matchad',
        name: 'Matchande Konsult AB',
        number: '559012345',
      }),
      verifiedBuyer(admin, {
        prefix: 'region',
        person: 'Rut Region',
        organisation: 'Region Testland',
        number: '232100001',
      }),
    ]);

    // The coordinator signs up and registers the municipality.
    const page = await session();
    const email = uniqueEmail('samordnare');
    await registerAndVerify(page, 'Sara Samordnare', email);
    await logIn(page, email);
    await open(page, '/bestallare');
    await page.getByLabel('Organisationens namn').fill('Testby kommun');
    await page.getByLabel('Kommun', { exact: true }).check();
    await page.getByLabel('Organisationsnummer').fill(orgNumber('212000111'));
    await page.getByRole('button', { name: 'Registrera organisationen' }).click();
    await page.getByRole('link', { name: 'Testby kommun' }).waitFor();
    await page.getByText('Väntar på verifiering').waitFor();
    await checkPage(page, 'buyer-home');
    await verifyOrganisationNamed(admin, 'Testby kommun');

    // Create the network; an admin approves it.
    await open(page, '/bestallare');
    await page.getByRole('link', { name: 'Skapa ett beställarnätverk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Skapa ett beställarnätverk' }).waitFor();
    await checkPage(page, 'network-create');
    await page.getByLabel('Nätverkets namn').fill('Digitala välfärdstjänster i Testland');
    await page.getByLabel('Ämnesområde').fill('Välfärdsteknik');
    await page
      .getByLabel('Beskrivning')
      .fill('Kommuner och regioner som tillsammans utvecklar digitala välfärdstjänster.');
    await page.getByLabel('Kontaktperson eller funktion').fill('Nätverkets kansli');
    await page.getByLabel('E-postadress').fill('kansli@testby.e2e.behovstorget.se');
    await page.getByRole('button', { name: 'Skapa nätverket' }).click();
    await page.getByText('Nätverket är skapat').waitFor();
    const networkId = ids(page.url(), /\/natverk\/([^/]+)\/hantera/);
    await admin.post(`/api/admin/networks/${networkId}/approve`);
    await page.reload();
    await settled(page);
    await page.getByText('Godkänt').first().waitFor();
    await checkPage(page, 'network-dashboard');

    // The coordinator lowers the network's threshold for strong matches (a bad value is explained).
    await page.getByText('Ändra nätverkets uppgifter').click();
    const threshold = page.getByLabel('Gräns för starka matchningar');
    expect(await threshold.inputValue()).toBe('55');
    await threshold.fill('95');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    await page.getByText('Ange en gräns mellan 10 och 90 %, i hela procent.').first().waitFor();
    await threshold.fill('40');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    await page.getByText('Nätverkets uppgifter är sparade.').waitFor();

    // Invite another buyer organisation; its owner accepts.
    const [supplier, region] = await helpers;
    await page
      .getByRole('navigation', { name: /Nätverket/ })
      .getByRole('link', { name: 'Medlemmar och inbjudningar' })
      .click();
    await page
      .getByLabel('Organisationens id eller adress')
      .fill(`${process.env.E2E_BASE_URL}/konto/organisationer/${region.organisationId}`);
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await page.getByText('Inbjudan är skickad till Region Testland.').waitFor();
    await checkPage(page, 'network-members');

    const invitee = await session();
    await logIn(invitee, region.email);
    await open(invitee, '/konto/inbjudningar');
    await invitee.getByRole('heading', { level: 3, name: 'Digitala välfärdstjänster i Testland' }).waitFor();
    await checkPage(invitee, 'invitations');
    await invitee.getByRole('button', { name: 'Acceptera' }).click();
    await invitee.getByText('Region Testland är nu medlem i Digitala välfärdstjänster i Testland.').waitFor();

    // A buyer group of both organisations.
    await open(page, `/natverk/${networkId}/hantera/grupper`);
    await page.getByLabel('Gruppens namn').fill('Upphandling av digital tidsbokning');
    await page.getByLabel('Syfte').fill('Gemensam innovationsupphandling av digital tidsbokning.');
    await page.getByLabel('Testby kommun').check();
    await page.getByLabel('Region Testland').check();
    await page.getByLabel('Slutdatum').fill(stockholmLocal(365, 0).slice(0, 10));
    await page.getByRole('button', { name: 'Bilda gruppen' }).click();
    await page.getByText('Beställargruppen Upphandling av digital tidsbokning är bildad.').waitFor();
    await checkPage(page, 'network-groups');

    // The guided need form: an empty submit explains every missing field at the field.
    await open(page, `/natverk/${networkId}/nytt-behov`);
    await page.getByRole('button', { name: 'Spara och skicka för granskning' }).click();
    await page.locator('ds-error-summary').waitFor();
    await page.getByRole('link', { name: 'Lägg till minst ett funktionskrav.' }).waitFor();
    await checkPage(page, 'need-form-errors');

    await page.getByLabel('Rubrik').fill('Digital tidsbokning för vård och omsorg');
    await page
      .getByLabel('Sammanfattning')
      .fill('Invånare ska kunna boka, omboka och avboka tider digitalt dygnet runt.');
    await page
      .getByLabel('Problemet')
      .fill(
        'I dag bokas tider per telefon under kontorstid. Det ger långa köer, missade besök och merarbete.',
      );
    await page.getByLabel('Funktionskrav 1').fill('Invånaren kan boka, omboka och avboka en tid digitalt.');
    await page.getByRole('button', { name: 'Lägg till funktionskrav' }).click();
    await page.getByLabel('Funktionskrav 2').fill('Tjänsten uppfyller WCAG 2.1 nivå AA.');
    await page.getByRole('button', { name: 'Flytta upp Funktionskrav 2' }).click();
    expect(await page.getByLabel('Funktionskrav 1').inputValue()).toBe(
      'Tjänsten uppfyller WCAG 2.1 nivå AA.',
    );
    await page.getByLabel('Sök CPV-kod eller ord').fill('72000000');
    await page
      .getByRole('list', { name: 'Sökträffar' })
      .getByRole('button', { name: 'Lägg till' })
      .first()
      .click();
    await page.getByRole('button', { name: 'Ta bort 72000000' }).waitFor();
    await page.getByLabel('Sverige', { exact: true }).check();
    await page.getByLabel('Ny tjänst').check();
    await page.getByLabel('Sista dag för frågor').fill(stockholmLocal(30, 16));
    await page.getByRole('button', { name: 'Lägg till organisationen' }).click();
    await page
      .getByRole('group', { name: 'Testby kommun' })
      .getByLabel('Uppskattat värde (valfritt)')
      .fill('500000');
    await page.getByRole('button', { name: 'Lägg till organisationen' }).click();
    await page
      .getByRole('group', { name: 'Region Testland' })
      .getByLabel('Uppskattat värde (valfritt)')
      .fill('250 000');
    await page
      .locator('.bt-demand__totals')
      .getByText(/750\s000\skr/)
      .waitFor();
    await page.getByLabel('Namn eller funktion').fill('Behovsägaren i Testby');
    await page
      .getByRole('group', { name: 'Kontaktpunkt' })
      .getByLabel('E-postadress')
      .fill('behov@testby.e2e.behovstorget.se');
    await page.getByRole('button', { name: 'Spara och skicka för granskning' }).click();
    await page.getByText('Behovet är skickat för granskning.').waitFor();
    const needId = ids(page.url(), /\/behov\/([^/]+)\/hantera/);
    await checkPage(page, 'need-overview-submitted');

    // The first review sends it back with a reason; the coordinator sees it and submits again.
    await admin.post(`/api/admin/moderation/needs/${needId}/reject`, {
      reason: 'Ange vilka verksamheter som ska använda tidsbokningen.',
    });
    await page.reload();
    await settled(page);
    await page.getByText('Behovet har avvisats av en administratör').waitFor();
    await page.getByText('Motivering: Ange vilka verksamheter som ska använda tidsbokningen.').waitFor();
    await checkPage(page, 'need-overview-rejected');
    await page.getByRole('button', { name: 'Skicka för granskning' }).click();
    await page.getByText('Behovet är skickat för granskning.').waitFor();

    // An admin approves (publishes) the need.
    const moderator = await session();
    await logIn(moderator, process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!);
    await open(moderator, '/admin/behov');
    const item = moderator.locator('.bt-mod-item', {
      has: moderator.getByRole('heading', { level: 2, name: 'Digital tidsbokning för vård och omsorg' }),
    });
    await item.getByRole('button', { name: 'Godkänn och publicera' }).click();
    await moderator.getByText('Digital tidsbokning för vård och omsorg är godkänd.').waitFor();

    // Ranked, explained matches; the supplier search; the supplier's profile.
    await open(page, `/behov/${needId}/hantera`);
    await page.getByText('Behovet är publicerat och syns för alla.').waitFor();
    await open(page, `/behov/${needId}/matchningar`);
    await reloadUntil(page, 'Matchande Konsult AB');
    await page.getByText('Därför passar leverantören').first().waitFor();
    await page
      .getByText(/gränsen? på 40 %/)
      .first()
      .waitFor();
    await checkPage(page, 'need-matches');
    await page.getByRole('link', { name: 'Sök bland alla leverantörer i stället' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sök leverantörer' }).waitFor();
    await settled(page);
    await page.getByRole('link', { name: 'Matchande Konsult AB' }).waitFor();
    await checkPage(page, 'supplier-search');
    await page.getByRole('link', { name: 'Matchande Konsult AB' }).click();
    await page.getByRole('heading', { level: 1, name: 'Matchande Konsult AB' }).waitFor();
    await checkPage(page, 'supplier-profile');

    // Schedule an information meeting.
    await open(page, `/behov/${needId}/moten`);
    await page.getByText('Inga möten är inplanerade ännu.').waitFor();
    await checkPage(page, 'need-meetings');
    await page.getByRole('link', { name: 'Planera ett möte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planera ett dialogmöte' }).waitFor();
    await page.getByLabel('Rubrik').fill('Informationsmöte om digital tidsbokning');
    await page
      .getByLabel('Dagordning')
      .fill('Nätverket presenterar behovet. Därefter frågor från leverantörerna.');
    await page.getByLabel('Länk till det digitala mötet').fill('https://meet.e2e.behovstorget.se/testby');
    await page.getByLabel('Börjar').fill(stockholmLocal(7, 10));
    await page.getByLabel('Slutar').fill(stockholmLocal(7, 11, 30));
    await page.getByLabel('Antal platser').fill('12');
    await checkPage(page, 'meeting-form');
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await page.getByText('Mötet är publicerat.').waitFor();
    await page.getByText('Ingen har anmält sig ännu.').waitFor();
    await checkPage(page, 'meeting-manage');
    await page.getByRole('button', { name: 'Ändra eller flytta mötet' }).click();
    await page.getByLabel('Antal platser').fill('15');
    await page.getByLabel('Börjar').fill(stockholmLocal(8, 9));
    await page.getByLabel('Slutar').fill(stockholmLocal(8, 10, 30));
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
    await page.getByText('0 av 15 platser bokade').waitFor();

    // A supplier asks; the network answers for everyone.
    await supplier.api.post(`/api/needs/${needId}/questions`, {
      question: 'Ska tjänsten kunna integreras med befintliga journalsystem?',
    });
    await open(page, `/behov/${needId}/fragor`);
    await page.getByText('Från Matchande Konsult AB').waitFor();
    await page.getByRole('button', { name: 'Svara' }).click();
    await page.getByRole('textbox', { name: 'Svar', exact: true }).fill('Ja, via öppna standarder som FHIR.');
    await page.getByRole('button', { name: 'Publicera svaret' }).click();
    await page.getByText('Svaret är publicerat.').waitFor();
    await checkPage(page, 'need-questions');

    // A network member downloads the dialogue invitation as an eForms E1 notice from the need's page.
    await open(page, `/behov/${needId}`);
    const e1 = page.getByRole('link', { name: 'Ladda ner eForms-annons (E1)' });
    const notice = await page.request.get(new URL((await e1.getAttribute('href'))!, page.url()).toString());
    expect(notice.status()).toBe(200);
    expect(await notice.text()).toContain('<cbc:SubTypeCode listName="notice-subtype">E1</cbc:SubTypeCode>');
    await checkPage(page, 'need-page-member');

    await open(page, '/bestallare');
    await page.getByRole('link', { name: 'Testby kommun' }).click();
    await page.getByRole('heading', { level: 1, name: 'Testby kommun' }).waitFor();
    await page.getByText('Sara Samordnare (du)').waitFor();
    await checkPage(page, 'organisation');

    // The published need can still be edited (the change log says what changed), and closed.
    await open(page, `/behov/${needId}/redigera`);
    await page.getByText('Behovet är publicerat. Varje ändring').waitFor();
    await checkPage(page, 'need-edit');
    await open(page, `/behov/${needId}/hantera`);
    await page.getByText('Avsluta och publicera resultatet').click();
    await page.getByLabel('Upphandlat', { exact: true }).check();
    await page.getByLabel('Vad blev resultatet?').fill('Ett innovationspartnerskap med två leverantörer.');
    await page.getByLabel('Lärdomar (valfritt)').fill('Tidig dialog gav bättre funktionskrav.');
    await page.getByRole('button', { name: 'Avsluta behovet' }).click();
    await page.getByText('Behovet är avslutat.').waitFor();
    await checkPage(page, 'need-overview-closed');
  });
});
