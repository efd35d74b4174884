import type { Browser, Page } from 'playwright-core';
import { logIn } from './support/accounts.js';
import {
  adminApi,
  approvedSupplier,
  newUser,
  orgNumber,
  publishedNeedWithMeeting,
  verifyOrganisationNamed,
} from './support/api.js';
import {
  checkPage,
  expectReflow,
  launchBrowser,
  newSession,
  open,
  settled,
  switchLanguage,
  type Session,
} from './support/browser.js';

/**
 * What real users stumbled on (issue #17): the meeting registration dead end, phones (filters and
 * the header menu), reflow at 320 px, the need's language, and focus after an action.
 */
let browser: Browser;
const sessions: Session[] = [];
let fixture: Awaited<ReturnType<typeof publishedNeedWithMeeting>>;
const title = 'Snöröjning med sensorer i Jämtland';
const meetingTitle = 'Informationsmöte om digital tidsbokning';
const supplierName = `Sensorhuset ${Date.now().toString(36)} AB`;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await adminApi();
  fixture = await publishedNeedWithMeeting(admin, { title, number: '232100077' });
  await approvedSupplier(admin, {
    prefix: 'sensor',
    person: 'Siv Sensor',
    name: supplierName,
    number: `556${String(Date.now() + 1).slice(-6)}`,
  });
});

afterAll(async () => {
  const errors = sessions.flatMap((s) => s.pageErrors);
  for (const s of sessions) await s.close();
  await browser?.close();
  expect(errors).toEqual([]);
});

async function session(language: 'sv' | 'en'): Promise<Page> {
  const s = await newSession(browser, language);
  sessions.push(s);
  return s.page;
}

const meetingCard = (page: Page) =>
  page.locator('.bt-meeting', { has: page.getByRole('heading', { level: 3, name: meetingTitle }) });

/** The search index is filled by the workers: wait until the search finds what was just published. */
async function openUntilFound(page: Page, url: string, results: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await open(page, url);
    if ((await page.locator(results).count()) > 0) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`${url}: nothing found in ${results}`);
}

const activeText = (page: Page) =>
  page.evaluate(
    '(document.activeElement && document.activeElement.textContent || "").trim()',
  ) as Promise<string>;

describe('guidance instead of dead ends', () => {
  test('when a signed-in person without a company opens a meeting, then the card leads to company registration, then to verification, then to booking with focus kept', async () => {
    const page = await session('sv');
    const { email } = await newUser('utan-foretag', 'Ulla Utanföretag');
    await logIn(page, email);
    await open(page, `/behov/${fixture.needId}`);
    // A Swedish need in the Swedish interface: marked sv, no note about its language.
    expect(await page.locator('main h1').getAttribute('lang')).toBe('sv');
    expect(await page.getByText('Behovet är skrivet på').count()).toBe(0);
    // Signed in, the header is still one row on a phone (it took 2–4 rows before the menu button).
    await page.setViewportSize({ width: 360, height: 740 });
    expect((await page.locator('header.bt-header').boundingBox())!.height).toBeLessThan(80);
    await page.setViewportSize({ width: 1280, height: 900 });
    const card = meetingCard(page);
    await card.getByText('Registrera ditt företag för att kunna anmäla dig').waitFor();
    expect(await card.getByRole('button', { name: 'Anmäl oss till mötet' }).count()).toBe(0);
    // Asking a question is guided the same way.
    await page.getByText('Registrera ditt företag för att kunna ställa frågor').waitFor();
    await checkPage(page, 'need-page-no-company');

    await card.getByRole('link', { name: 'Registrera ditt företag' }).click();
    await page.waitForURL(/\/leverantor$/);
    await page.getByRole('heading', { level: 2, name: 'Registrera ditt företag' }).waitFor();
    const company = `Ullas Snöteknik ${Date.now().toString(36)} AB`;
    await page.getByLabel('Företagets namn').fill(company);
    await page.getByLabel('Organisationsnummer').fill(orgNumber(`559${String(Date.now()).slice(-6)}`));
    await page.getByRole('button', { name: 'Registrera företaget' }).click();
    await page.getByRole('heading', { level: 1, name: company }).waitFor();
    await settled(page);

    await open(page, `/behov/${fixture.needId}`);
    await card.getByText(`Ditt företag ${company} väntar på verifiering`).waitFor();
    await card.getByRole('link', { name: 'Se ditt företags status' }).waitFor();
    await checkPage(page, 'need-page-company-pending');

    await verifyOrganisationNamed(await adminApi(), company);
    await open(page, `/behov/${fixture.needId}`);
    await card.getByRole('button', { name: 'Anmäl oss till mötet' }).click();
    await card.locator('.ds-tag', { hasText: 'Ditt företag är anmält' }).waitFor();
    // The pressed button is gone: focus is on the new status, not lost to <body>.
    expect(await activeText(page)).toBe('Ditt företag är anmält');

    await card.getByRole('button', { name: 'Avboka' }).click();
    await card.getByRole('button', { name: 'Anmäl oss till mötet' }).waitFor();
    expect(await activeText(page)).toBe(meetingTitle);
    await card.getByText('Anmälan är avbokad.').waitFor({ state: 'attached' });
  });

  test('when an anonymous visitor reads a Swedish need in English, then the need text is marked lang="sv" with a note, and the card offers log in and create account', async () => {
    const page = await session('en');
    await open(page, `/behov/${fixture.needId}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main h1').getAttribute('lang')).toBe('sv');
    await page.getByText('This need is written in Swedish.').waitFor();
    expect(await page.locator('[lang="sv"]', { hasText: 'Invånare behöver kunna boka' }).count()).toBe(1);
    expect(await page.locator('ol[lang="sv"] li').count()).toBe(2);
    const card = meetingCard(page);
    expect(await card.getByRole('heading', { level: 3 }).getAttribute('lang')).toBe('sv');
    await card.getByText('The dialogue meeting is for suppliers.').waitFor();
    await card.getByRole('link', { name: 'Log in' }).waitFor();
    await card.getByRole('link', { name: 'Create an account' }).waitFor();
    await checkPage(page, 'need-page-anonymous');
    // The network's page has the long contact address that used to widen phones (reflow at 320 px).
    await open(page, `/natverk/${fixture.networkId}`);
    await checkPage(page, 'network-page');
  });

  test('when a signed-in person without a company uses the English interface, then the card says to register the company', async () => {
    const page = await session('sv');
    const { email } = await newUser('no-company', 'Nora Nocompany');
    await logIn(page, email);
    await open(page, `/behov/${fixture.needId}`);
    await switchLanguage(page, 'en');
    const card = meetingCard(page);
    await card.getByText('Register your company to be able to register for meetings.').waitFor();
    await card.getByRole('link', { name: 'Register your company' }).click();
    await page.waitForURL(/\/leverantor$/);
  });
});

describe('phones', () => {
  for (const language of ['sv', 'en'] as const) {
    const words =
      language === 'sv'
        ? {
            filter: 'Filtrera',
            one: 'Filtrera (1 vald)',
            menu: 'Meny',
            needs: 'Sök behov',
            submit: 'Visa behov',
          }
        : {
            filter: 'Filter',
            one: 'Filter (1 selected)',
            menu: 'Menu',
            needs: 'Search needs',
            submit: 'Show needs',
          };

    test(`when a phone (360 × 740) searches needs and suppliers [${language}], then results come first and the filters open behind an accessible button`, async () => {
      const page = await session(language);
      await page.setViewportSize({ width: 360, height: 740 });
      await openUntilFound(page, `/behov?q=${encodeURIComponent('snöröjning')}`, '.bt-need-list li');
      const toggle = page.getByRole('button', { name: words.filter, exact: true });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      const panel = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
      expect(await page.locator('#filter-stage').isVisible()).toBe(false);
      // The first result's title (its link) is on the first screen, without scrolling.
      expect(await page.evaluate('window.scrollY')).toBe(0);
      const first = await page.locator('.bt-need-list li').first().getByRole('link').first().boundingBox();
      expect(first).not.toBeNull();
      expect(first!.y + first!.height).toBeLessThanOrEqual(740);
      // The card's title and summary are the need's own (Swedish) text in either interface.
      const firstCard = page.locator('.bt-need-list li').first();
      expect(await firstCard.getByRole('link').first().getAttribute('lang')).toBe('sv');
      expect(await firstCard.locator('.bt-need-card__summary').getAttribute('lang')).toBe('sv');
      await page.screenshot({ path: `test-results/e2e/need-search-phone.${language}.360.png` });

      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await panel.locator('#filter-stage').waitFor({ state: 'visible' });
      await page.locator('#filter-stage').selectOption('market_dialogue');
      await page.getByRole('button', { name: words.submit }).click();
      await page.waitForURL(/stage=market_dialogue/);
      await settled(page);
      await page.getByRole('button', { name: words.one, exact: true }).waitFor();
      await expectReflow(page, 'need-search-phone');

      await openUntilFound(page, `/leverantorer?q=${encodeURIComponent('Sensorhuset')}`, '.bt-match-list li');
      const supplierToggle = page.getByRole('button', { name: words.filter, exact: true });
      expect(await supplierToggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate('window.scrollY')).toBe(0);
      const hit = await page.locator('.bt-match-list li').first().getByRole('link').first().boundingBox();
      expect(hit).not.toBeNull();
      expect(hit!.y + hit!.height).toBeLessThanOrEqual(740);
      await page.screenshot({ path: `test-results/e2e/supplier-search-phone.${language}.360.png` });
    });

    test(`when a phone opens the header menu [${language}], then the header is one row and the menu is a disclosure that Escape closes`, async () => {
      const page = await session(language);
      await page.setViewportSize({ width: 360, height: 740 });
      await open(page, '/om');
      const header = await page.locator('header.bt-header').boundingBox();
      expect(header!.height).toBeLessThan(80);
      const menu = page.getByRole('button', { name: words.menu, exact: true });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await menu.getAttribute('aria-controls')).toBe('site-menu');
      const needsLink = page.locator('header').getByRole('link', { name: words.needs });
      expect(await needsLink.isVisible()).toBe(false);
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await needsLink.waitFor({ state: 'visible' });
      await page.screenshot({ path: `test-results/e2e/header-menu-open.${language}.360.png` });
      await needsLink.focus();
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await activeText(page)).toBe(words.menu);
      await menu.click();
      await needsLink.click();
      await page.waitForURL(/\/behov/);
      // A followed link closes the menu (once the new page has rendered).
      await page.locator('button[aria-controls="site-menu"][aria-expanded="false"]').waitFor();
      expect(await needsLink.isVisible()).toBe(false);
    });
  }
});
