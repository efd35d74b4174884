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
    // Other journeys may run at the same time: count only that something waits.
    await admin
      .getByText(/\d+ väntar/)
      .first()
      .waitFor();
    await checkPage(admin, 'admin-home');

    await admin.getByRole('link', { name: 'Organisationer att verifiera' }).first().click();
    const company = admin.locator('.bt-mod-item', {
      has: admin.getByRole('heading', { level: 2, name: 'Granskade Tjänster AB', exact: true }),
    });
    await company.waitFor();
    await checkPage(admin, 'admin-queue-organisations');
    await company.getByRole('button', { name: 'Verifiera' }).click();
    await admin.getByText('Granskade Tjänster AB är godkänd.').waitFor();

    await admin.getByRole('link', { name: 'Leverantörsprofiler' }).first().click();
    const profile = admin.locator('.bt-mod-item', {
      has: admin.getByRole('heading', { level: 2, name: 'Granskade Tjänster', exact: true }),
    });
    await profile.waitFor();
    // The reason is required and explained at the field.
    await profile.getByRole('button', { name: 'Avvisa' }).click();
    await profile.getByRole('button', { name: 'Skicka avvisning' }).click();
    await profile.getByRole('link', { name: 'Skriv en motivering med minst 5 tecken.' }).waitFor();
    await profile.getByText('Visa profilen').click();
    await profile.getByText('Sara Säljare').waitFor();
    await checkPage(admin, 'admin-queue-profiles');
    await profile.getByRole('button', { name: 'Avbryt' }).click();
    // The form is gone: focus is back on the button that opened it, not lost to <body>.
    await profile.getByRole('button', { name: 'Avvisa' }).waitFor();
    expect(await admin.evaluate('document.activeElement && document.activeElement.textContent.trim()')).toBe(
      'Avvisa',
    );
    await profile.getByRole('button', { name: 'Godkänn' }).click();
    await admin.getByText('Granskade Tjänster är godkänd.').waitFor();

    await open(admin, '/admin/anmalningar');
    await admin.getByRole('heading', { level: 2, name: /Anmälda leverantörsprofiler/ }).waitFor();
    await checkPage(admin, 'admin-reports');

    await open(admin, '/admin/logg');
    await admin.getByText('organisation.verified').first().waitFor();
    await checkPage(admin, 'admin-audit-log');

    await open(supplier, '/leverantor');
    await supplier.getByText('Verifierad').waitFor();
    await supplier.getByText('Godkänd').waitFor();
    await checkPage(supplier, 'supplier-home');
  });
});
