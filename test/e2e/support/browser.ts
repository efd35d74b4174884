import fs from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import playwright, { type Browser, type BrowserContext, type Page } from 'playwright-core';

export type Language = 'sv' | 'en';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
export const screenshotDir = path.join(root, 'test-results', 'e2e');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the journeys through `npm run test:e2e`');
  return url;
}

/** Debian's Chromium (scripts/ensure-chromium.mjs installs it), headless, with nothing phoning home. */
export function launchBrowser(): Promise<Browser> {
  return playwright.chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page (a failing journey names them). */
  pageErrors: string[];
  close(): Promise<void>;
}

let sessionCount = 0;

/** A fresh browser profile (no cookies) in Swedish time, with the interface in `language`. */
export async function newSession(browser: Browser, language: Language = 'sv'): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1280, height: 900 },
    locale: language === 'sv' ? 'sv-SE' : 'en-GB',
    timezoneId: 'Europe/Stockholm',
    acceptDownloads: true,
  });
  // A string script: this file is type-checked without the DOM library.
  await context.addInitScript({
    content: `if (!localStorage.getItem('bt.language')) localStorage.setItem('bt.language', '${language}');`,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const number = ++sessionCount;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  trackRequests(page);
  return {
    context,
    page,
    pageErrors,
    async close() {
      // What the page showed last: the first thing to look at when a journey fails.
      const name = (expect.getState().currentTestName ?? 'session').replace(/[^\w-]+/g, '-').slice(0, 80);
      await fs.mkdir(screenshotDir, { recursive: true });
      await page
        .screenshot({ path: path.join(screenshotDir, `last-${name}-${number}.png`), fullPage: true })
        .catch(() => undefined);
      await context.close();
    },
  };
}

const inFlight = new WeakMap<Page, { count: number; lastChange: number }>();

/** Counts the page's requests in flight: cheaper and sooner than Playwright's 500 ms `networkidle`. */
function trackRequests(page: Page): void {
  const state = { count: 0, lastChange: Date.now() };
  inFlight.set(page, state);
  const done = () => {
    state.count = Math.max(0, state.count - 1);
    state.lastChange = Date.now();
  };
  page.on('request', () => {
    state.count += 1;
    state.lastChange = Date.now();
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

async function networkQuiet(page: Page, quietMs = 120, timeoutMs = 10_000): Promise<void> {
  const state = inFlight.get(page);
  if (!state) return page.waitForLoadState('networkidle');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (state.count === 0 && Date.now() - state.lastChange >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the page has its h1 and is not loading data any more. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1:not([data-busy])').first().waitFor({ state: 'visible' });
  await networkQuiet(page);
  await page
    .locator('[aria-busy="true"], h1[data-busy], .ds-skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 });
}

export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await settled(page);
}

export async function currentLanguage(page: Page): Promise<Language> {
  return (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'sv';
}

/** Switches the interface language with the header button, as a person would. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  if ((await currentLanguage(page)) === language) return;
  await page.locator(`header button[lang="${language}"]`).click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  await settled(page);
}

export interface AxeProblem {
  page: string;
  language: Language;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function axe(page: Page, name: string, language: Language): Promise<AxeProblem[]> {
  const results = await new AxeBuilder({ page })
    .withTags(axeTags)
    .options({ resultTypes: ['violations'] })
    // Our pages have no iframes: legacy mode runs axe once in the page instead of opening a blank
    // page per check to merge frame results, which halves the time a check takes.
    .setLegacyMode(true)
    .analyze();
  return results.violations.flatMap((v) => ({
    page: name,
    language,
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}

function describe(problems: AxeProblem[]): string {
  return problems
    .map(
      (p) =>
        `  [${p.language}] ${p.page}: ${p.rule} (${p.impact}) ${p.help}\n      ${p.targets.join('\n      ')}`,
    )
    .join('\n');
}

/**
 * A main page: screenshots (desktop in both languages, 360 px wide in the current one), axe at
 * WCAG 2.1 A/AA and reflow at 320 px in Swedish and English. Throws on any violation. Leaves the page in the
 * language it was in.
 */
const timing = process.env.E2E_TIMING === '1';
const mark = (label: string, since: number) => {
  if (timing) process.stdout.write(`[e2e timing] ${label}: ${Date.now() - since} ms\n`);
  return Date.now();
};

export async function checkPage(page: Page, name: string): Promise<void> {
  let t0 = Date.now();
  await settled(page);
  t0 = mark(`${name} settled`, t0);
  await fs.mkdir(screenshotDir, { recursive: true });
  const start = await currentLanguage(page);
  const other: Language = start === 'sv' ? 'en' : 'sv';
  const problems: AxeProblem[] = [];
  for (const language of [start, other]) {
    await switchLanguage(page, language);
    t0 = mark(`${name} switch ${language}`, t0);
    await page.screenshot({ path: path.join(screenshotDir, `${name}.${language}.png`), fullPage: true });
    t0 = mark(`${name} screenshot ${language}`, t0);
    problems.push(...(await axe(page, name, language)));
    t0 = mark(`${name} axe ${language}`, t0);
    await expectReflow(page, name);
    await expectNoNorwegian(page, name);
  }
  await switchLanguage(page, start);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.${start}.360.png`), fullPage: true });
  t0 = mark(`${name} 360`, t0);
  if (viewport) await page.setViewportSize(viewport);
  if (problems.length > 0) {
    throw new Error(`axe found ${problems.length} WCAG 2.1 A/AA violation(s):\n${describe(problems)}`);
  }
}

/** What sticks out sideways: the widest elements past the right edge (named in a failing check). */
const overflowCulprits = `(() => {
  const width = document.documentElement.clientWidth;
  const wide = (e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.bt-table-scroll, .bt-visually-hidden');
  // The innermost: elements past the edge none of whose children are (what to fix, not its ancestors).
  return [...document.querySelectorAll('body *')]
    .filter((e) => wide(e) && ![...e.children].some(wide))
    .slice(0, 5)
    .map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px: ' + (e.textContent || '').trim().slice(0, 60));
})()`;

/**
 * Reflow (WCAG 1.4.10): at 320 CSS px nothing may scroll sideways, i.e. the document is no wider
 * than the viewport. Leaves the viewport as it was. Throws naming what sticks out.
 */
export async function expectReflow(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const sizes = (await page.evaluate(
      '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
    )) as { scrollWidth: number; clientWidth: number };
    if (sizes.scrollWidth > sizes.clientWidth) {
      const culprits = (await page.evaluate(overflowCulprits)) as string[];
      throw new Error(
        `${name} [${await currentLanguage(page)}]: the page scrolls sideways at 320 px (${sizes.scrollWidth} px wide for ${sizes.clientWidth} px):\n  ${culprits.join('\n  ')}`,
      );
    }
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

/**
 * Designsystemet's own Norwegian texts (its CSS custom properties and React defaults in
 * node_modules/@digdir/designsystemet-css and -react): none may reach a page in either language.
 */
export const norwegianDefaults = [
  /tegn igjen/,
  /tegn for mye/,
  /\bSøk\b/,
  /Lukk dialogvindu/,
  /\bLaster\b/,
  /Fjern alt/,
  /Slett /,
  /Du er her/,
  /Trykk for å fjerne/,
  /Bla i sider/,
  /Forrige side/,
  /Neste side/,
  /Ingen valgte/,
  /Ugyldig valg/,
  /\bFjernet\b/,
  /Fjern tekst/,
  /\bforslag\b/,
  /\bValg\b/,
  /Clear selection/,
];

/** Every text a person or a screen reader meets: visible text plus names, descriptions and labels. */
const renderedTexts = `(() => {
  const texts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt],[data-label],[aria-description]')) {
    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'data-label', 'aria-description']) {
      const v = el.getAttribute(a);
      if (v) texts.push(v);
    }
  }
  return texts.join('\\n');
})()`;

export async function expectNoNorwegian(page: Page, name: string): Promise<void> {
  const text = String(await page.evaluate(renderedTexts));
  const found = norwegianDefaults.filter((pattern) => pattern.test(text)).map(String);
  if (found.length > 0) {
    throw new Error(
      `${name} [${await currentLanguage(page)}]: Designsystemet's Norwegian defaults on the page: ${found.join(', ')}`,
    );
  }
}
