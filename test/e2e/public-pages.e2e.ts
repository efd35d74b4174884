import type { Browser } from 'playwright-core';
import { checkPage, launchBrowser, newSession, open, type Session } from './support/browser.js';

let browser: Browser;
let session: Session;

beforeAll(async () => {
  browser = await launchBrowser();
  session = await newSession(browser);
});

afterAll(async () => {
  await session?.close();
  await browser?.close();
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
});

describe('public pages', () => {
  test('when anyone opens the start page, then it is in Swedish and passes axe in both languages', async () => {
    const { page } = session;
    await open(page, '/');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await checkPage(page, 'start');
  });

  test('when anyone searches from the start page, then the need search shows the query', async () => {
    const { page } = session;
    await open(page, '/');
    await page.getByLabel('Sök bland behoven').fill('digital');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForURL(/\/behov\?q=digital/);
    await checkPage(page, 'need-search');
  });

  test('when anyone opens Öppna data from the footer, then it explains the CSV files with their field descriptions and the feeds, and passes axe', async () => {
    const { page } = session;
    await open(page, '/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Öppna data', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Öppna data' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Publicerade behov' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Besvarade frågor' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Alla OCDS-releaser' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /eForms-annons E1/ }).waitFor();
    const readme = page.getByRole('link', { name: 'Beskrivning av fälten i Publicerade behov' });
    const csv = await page.request.get(new URL('/api/open-data/needs.csv', page.url()).toString());
    const fields = await page.request.get(
      new URL((await readme.getAttribute('href'))!, page.url()).toString(),
    );
    expect(csv.status()).toBe(200);
    expect(fields.status()).toBe(200);
    expect(await fields.text()).toContain('| `title` |');
    await checkPage(page, 'open-data');
  });

  test('when anyone reads about the service and its accessibility, then both pages pass axe', async () => {
    const { page } = session;
    await open(page, '/om');
    await checkPage(page, 'about');
    await open(page, '/tillganglighet');
    await checkPage(page, 'accessibility');
    await open(page, '/finns-inte');
    await checkPage(page, 'not-found');
  });
});
