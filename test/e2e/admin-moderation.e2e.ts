import type { Browser } from 'playwright-core';
import { logIn, registerAndVerify, uniqueEmail } from './support/accounts.js';
import { checkPage, launchBrowser, newSession, open, type Session } from './support/browser.js';
import { buildProfile, registerCompany } from './support/supplier.js';

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

async function session(): Promise<Session> {
  const s = await newSession(browser);
  sessions.push(s);
  return s;
}

describe('journey 3: an admin moderates a supplier profile', () => {
  test('when a supplier submits a profile, then the admin verifies the company and approves the profile', async () => {
    const supplier = (await session()).page;
    const email = uniqueEmail('granskad');
    await registerAndVerify(supplier, 'Gustav Granskad', email);
    await logIn(supplier, email);
    await registerCompany(supplier, 'Granskade Tjänster AB', '556677-8899');
    await buildProfile(supplier, 'Granskade Tjänster');

    const admin = (await session()).page;
    await logIn(admin, process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!);
    await open(admin, '/admin');
    await admin.getByText('1 väntar').first().waitFor();
    await checkPage(admin, 'admin-home');

    await admin.getByRole('link', { name: 'Organisationer att verifiera' }).first().click();
    await admin.getByRole('heading', { level: 2, name: 'Granskade Tjänster AB' }).waitFor();
    await checkPage(admin, 'admin-queue-organisations');
    await admin.getByRole('button', { name: 'Verifiera' }).click();
    await admin.getByText('Granskade Tjänster AB är godkänd.').waitFor();

    await admin.getByRole('link', { name: 'Leverantörsprofiler' }).first().click();
    await admin.getByRole('heading', { level: 2, name: 'Granskade Tjänster' }).waitFor();
    // The reason is required and explained at the field.
    await admin.getByRole('button', { name: 'Avvisa' }).click();
    await admin.getByRole('button', { name: 'Skicka avvisning' }).click();
    await admin.getByRole('link', { name: 'Skriv en motivering med minst 5 tecken.' }).waitFor();
    await admin.getByText('Visa profilen').click();
    await admin.getByText('Sara Säljare').waitFor();
    await checkPage(admin, 'admin-queue-profiles');
    await admin.getByRole('button', { name: 'Avbryt' }).click();
    await admin.getByRole('button', { name: 'Godkänn' }).click();
    await admin.getByText('Granskade Tjänster är godkänd.').waitFor();

    await open(admin, '/admin/logg');
    await admin.getByText('organisation.verified').first().waitFor();
    await checkPage(admin, 'admin-audit-log');

    await open(supplier, '/leverantor');
    await supplier.getByText('Verifierad').waitFor();
    await supplier.getByText('Godkänd').waitFor();
    await checkPage(supplier, 'supplier-home');
  });
});
