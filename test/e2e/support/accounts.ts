import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { linkIn, waitForMessages } from '../../helpers/mail.js';
import { baseUrl, open, settled } from './browser.js';

export const PASSWORD = 'Kanelbulle-med-kardemumma-42';

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.behovstorget.se`;
}

/** The link of the newest email to `to` whose link starts with `path` (e.g. '/verifiera-epost'). */
export async function emailedLink(to: string, path: string, count = 1): Promise<string> {
  const prefix = `${baseUrl()}${path}`;
  const messages = await waitForMessages(to, {
    count,
    timeoutMs: 15_000,
    filter: (m) => m.text.includes(prefix),
  });
  const link = linkIn(messages[messages.length - 1]!, prefix);
  return link.slice(baseUrl().length);
}

/** Registers through /registrera and follows the emailed verification link. */
export async function registerAndVerify(page: Page, name: string, email: string): Promise<void> {
  await open(page, '/registrera');
  await page.getByLabel('Namn').fill(name);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Nytt lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kontrollera din e-post' }).waitFor();
  await open(page, await emailedLink(email, '/verifiera-epost'));
  await page.getByRole('heading', { level: 1, name: 'E-postadressen är bekräftad' }).waitFor();
}

export async function logIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await open(page, '/logga-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
  await settled(page);
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
  await page.getByRole('link', { name: 'Logga in' }).waitFor();
}
