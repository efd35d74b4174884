import fs from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { emailedLink, logIn, logOut, PASSWORD, registerAndVerify, uniqueEmail } from './support/accounts.js';
import { checkPage, launchBrowser, newSession, open, settled, type Session } from './support/browser.js';

let browser: Browser;
let session: Session;

beforeAll(async () => {
  browser = await launchBrowser();
});

beforeEach(async () => {
  session = await newSession(browser);
});

afterEach(async () => {
  const errors = session.pageErrors;
  await session.close();
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

describe('accounts', () => {
  test('when a form is sent empty, then the error summary takes focus and links to each field', async () => {
    const { page } = session;
    await open(page, '/registrera');
    await checkPage(page, 'register');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    const summary = page.locator('ds-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.getByRole('link', { name: 'Skriv din e-postadress.' }).click();
    expect(
      await page.getByLabel('E-postadress').evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    expect(await page.getByLabel('Nytt lösenord').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'register-errors');

    await open(page, '/logga-in');
    await page.getByLabel('E-postadress').fill('nobody@e2e.behovstorget.se');
    await page.getByLabel('Lösenord', { exact: true }).fill('fel-lösenord-helt-enkelt');
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByText('E-postadressen eller lösenordet stämmer inte.').waitFor();
    await checkPage(page, 'login');
  });

  test('when someone forgets the password, then the emailed link lets them choose a new one', async () => {
    const { page } = session;
    const email = uniqueEmail('glomsk');
    await registerAndVerify(page, 'Greta Glömsk', email);
    await checkPage(page, 'verify-email');

    await open(page, '/aterstall-losenord');
    await checkPage(page, 'reset-password-request');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByRole('button', { name: 'Skicka länk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kontrollera din e-post' }).waitFor();

    await open(page, await emailedLink(email, '/aterstall-losenord'));
    await checkPage(page, 'reset-password-choose');
    await page.getByLabel('Nytt lösenord').fill('Nytt-och-bättre-lösenord-9');
    await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lösenordet är bytt' }).waitFor();

    await logIn(page, email, 'Nytt-och-bättre-lösenord-9');
    expect(new URL(page.url()).pathname).toBe('/mitt-konto');
  });

  test('when a user manages the account, then name, sessions, export and deletion work', async () => {
    const { page } = session;
    const email = uniqueEmail('konto');
    await registerAndVerify(page, 'Karin Konto', email);
    await logIn(page, email);
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await page.getByText('Den här enheten').waitFor();
    await checkPage(page, 'my-account');

    await page.getByLabel('Namn', { exact: true }).fill('Karin Kontosson');
    await page.getByRole('button', { name: 'Spara namn och språk' }).click();
    await page.getByText('Ändringarna är sparade.').waitFor();
    await page.getByRole('link', { name: /Mitt konto, Karin Kontosson/ }).waitFor();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Hämta mina uppgifter' }).click();
    const download = await downloading;
    const exported = JSON.parse(await fs.readFile((await download.path())!, 'utf8')) as {
      user: { email: string };
    };
    expect(exported.user.email).toBe(email);

    await logOut(page);
    await logIn(page, email);
    await page.getByLabel('Skriv ditt lösenord för att bekräfta').fill(PASSWORD);
    await page.getByRole('button', { name: 'Radera mitt konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ditt konto är raderat' }).waitFor();
    await settled(page);

    await open(page, '/logga-in');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByText('E-postadressen eller lösenordet stämmer inte.').waitFor();
  });
});
