import type { Browser } from 'playwright-core';
import { logIn, registerAndVerify, uniqueEmail } from './support/accounts.js';
import { adminApi, publishedNeedWithMeeting, verifyOrganisationNamed } from './support/api.js';
import { checkPage, launchBrowser, newSession, open, type Session } from './support/browser.js';
import { buildProfile, registerCompany } from './support/supplier.js';

let browser: Browser;
let session: Session;

beforeAll(async () => {
  browser = await launchBrowser();
  session = await newSession(browser);
});

afterAll(async () => {
  const errors = session?.pageErrors ?? [];
  await session?.close();
  await browser?.close();
  expect(errors).toEqual([]);
});

describe('journey 1: a supplier registers, builds a profile, searches, subscribes and registers for a meeting', () => {
  test('when a supplier signs up through the emailed link, then profile, search, subscription, questions and meeting registration work', async () => {
    const { page } = session;
    // A published need with an information meeting, made by a buyer network through the API meanwhile.
    const admin = await adminApi();
    const published = publishedNeedWithMeeting(admin, {
      title: 'Digital tidsbokning i Norrland',
      number: '232100002',
    });
    const email = uniqueEmail('leverantor');
    await registerAndVerify(page, 'Lena Leverantör', email);
    await logIn(page, email);
    await registerCompany(page, 'Lenas Digitala AB', '556123-4567');
    await buildProfile(page, 'Lenas Digitala');

    await open(page, '/behov?q=e-tj%C3%A4nster');
    await page.getByRole('button', { name: 'Bevaka sökningen' }).click();
    await page.getByText('Sökningen är sparad som bevakning.').waitFor();
    await checkPage(page, 'need-search-logged-in');

    await open(page, '/bevakningar');
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.getByLabel('E-post').selectOption('weekly');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ändringen är sparad.').waitFor();
    await checkPage(page, 'subscriptions');

    await open(page, '/leverantor/matchningar');
    await checkPage(page, 'supplier-matches');

    // The company is verified (journey 3 shows the admin's side); it registers for the meeting and asks.
    await verifyOrganisationNamed(admin, 'Lenas Digitala AB');
    const { needId } = await published;
    await open(page, `/behov/${needId}`);
    const meeting = page.locator('.bt-meeting', {
      has: page.getByRole('heading', { level: 3, name: 'Informationsmöte om digital tidsbokning' }),
    });
    await meeting.getByRole('button', { name: 'Anmäl oss till mötet' }).click();
    await meeting.locator('.ds-tag', { hasText: 'Ditt företag är anmält' }).waitFor();
    await page.getByLabel('Din fråga').fill('Finns det krav på integration med befintliga journalsystem?');
    await page.getByRole('button', { name: 'Skicka frågan' }).click();
    await page.getByText('Frågan är skickad.').waitFor();
    await page.getByText('Väntar på svar').waitFor();
    await checkPage(page, 'need-page-supplier');

    await open(page, '/leverantor/moten');
    await page.getByRole('link', { name: 'Informationsmöte om digital tidsbokning' }).waitFor();
    await checkPage(page, 'supplier-meetings');

    await open(page, '/bevakningar');
    await page.getByRole('button', { name: 'Avsluta bevakningen' }).click();
    await page.getByText('Bevakningen är avslutad.').waitFor();
  });
});
