import type { Browser } from 'playwright-core';
import { logIn, registerAndVerify, uniqueEmail } from './support/accounts.js';
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

describe('journey 1: a supplier registers, builds a profile, searches and subscribes', () => {
  test('when a supplier signs up through the emailed link, then the profile, search and subscription work', async () => {
    const { page } = session;
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
    await open(page, '/leverantor/moten');
    await checkPage(page, 'supplier-meetings');

    await open(page, '/bevakningar');
    await page.getByRole('button', { name: 'Avsluta bevakningen' }).click();
    await page.getByText('Bevakningen är avslutad.').waitFor();
  });
});
