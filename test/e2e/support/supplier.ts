import type { Page } from 'playwright-core';
import { checkPage, open, settled } from './browser.js';

/** Registers the supplier company on /leverantor (the user is logged in and verified). */
export async function registerCompany(page: Page, name: string, orgNumber: string): Promise<void> {
  await open(page, '/leverantor');
  await page.getByRole('heading', { level: 2, name: 'Registrera ditt företag' }).waitFor();
  await checkPage(page, 'supplier-register-company');
  await page.getByLabel('Företagets namn').fill(name);
  await page.getByLabel('Organisationsnummer').fill(orgNumber);
  await page.getByRole('button', { name: 'Registrera företaget' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await settled(page);
}

/** Fills in and saves the supplier profile, showing the field errors of an empty save first. */
export async function buildProfile(page: Page, name: string): Promise<void> {
  await open(page, '/leverantor/profil');
  await page.getByRole('button', { name: 'Spara och skicka för granskning' }).click();
  await page.locator('ds-error-summary').waitFor();
  await page.getByRole('link', { name: 'Lägg till minst en CPV-kod.' }).waitFor();
  await checkPage(page, 'supplier-profile-editor');

  await page.getByLabel('Visningsnamn').fill(name);
  await page
    .getByLabel('Kort beskrivning')
    .fill('Vi bygger tillgängliga digitala tjänster för kommuner och regioner.');
  await page
    .getByLabel('Utförlig beskrivning (valfritt)')
    .fill('Användarcentrerad utveckling, drift och förvaltning.');
  await page.getByLabel('Litet företag (10–49)').check();
  await page.getByLabel('Namn på erbjudande 1').fill('Utveckling av e-tjänster');

  await page.getByLabel('Sök CPV-kod eller ord').fill('72000000');
  await page
    .getByRole('list', { name: 'Sökträffar' })
    .getByRole('button', { name: 'Lägg till' })
    .first()
    .click();
  await page.getByRole('button', { name: 'Ta bort 72000000' }).waitFor();

  await page.getByLabel('Sverige', { exact: true }).check();

  await page.getByRole('button', { name: 'Lägg till referens' }).click();
  await page.getByLabel('Kund i referens 1').fill('Region Skåne');
  await page.getByLabel('År', { exact: true }).fill('2025');

  await page.getByRole('button', { name: 'Lägg till kontaktperson' }).click();
  await page.getByLabel('Namn på kontaktperson 1').fill('Sara Säljare');
  await page.getByLabel('E-postadress').fill('sara@example.se');
  await page.getByRole('button', { name: 'Spara och skicka för granskning' }).click();
  // Consent is required: the error names the contact person and the field.
  await page.getByRole('link', { name: 'Kontaktperson 1 måste ha samtyckt för att kunna visas.' }).click();
  await page.getByLabel('Personen har samtyckt till att visas för verifierade beställare').check();

  await page.getByRole('button', { name: 'Spara och skicka för granskning' }).click();
  await page.getByRole('heading', { level: 1, name: 'Förhandsgranskning av profilen' }).waitFor();
  await page.getByText('Väntar på granskning').first().waitFor();
  await checkPage(page, 'supplier-profile-preview');
}
