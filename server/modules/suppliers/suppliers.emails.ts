import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import { layout } from '../notifications/templates/layout.js';

/**
 * Moderation emails about a supplier profile, to the owners of the supplier organisation, in
 * each owner's language. The link opens the profile editor (`/konto/organisationer/:id/profil`).
 */
export const supplierTemplateNames = {
  profileApproved: 'suppliers.profileApproved',
  profileRejected: 'suppliers.profileRejected',
  profileSuspended: 'suppliers.profileSuspended',
  profileHidden: 'suppliers.profileHidden',
} as const;

const data = z.object({
  supplierId: z.string().regex(/^[0-9a-f]{24}$/),
  name: z.string(),
  reason: z.string().optional(),
  stillListed: z.boolean().optional(),
});
const footer = {
  sv: ['Du får det här mejlet eftersom du är ägare av leverantörsorganisationen på Behovstorget.'],
  en: ['You receive this email because you own the supplier organisation on Behovstorget.'],
};
const editUrl = (baseUrl: string, id: string) => `${baseUrl}/konto/organisationer/${id}/profil`;

const profileApproved: Template = (raw, locale, ctx) => {
  const d = data.parse(raw);
  const url = editUrl(ctx.baseUrl, d.supplierId);
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Leverantörsprofilen för ${d.name} är godkänd`,
          heading: 'Din profil är godkänd',
          paragraphs: [
            `En administratör har godkänt profilen för ${d.name}. Verifierade beställare kan nu hitta ditt företag i leverantörssökningen och i matchningar mot publicerade behov.`,
          ],
          action: { label: 'Öppna profilen', url },
          footer: footer.sv,
        }
      : {
          locale,
          subject: `The supplier profile of ${d.name} is approved`,
          heading: 'Your profile is approved',
          paragraphs: [
            `An administrator approved the profile of ${d.name}. Verified buyers can now find you in the supplier search and in matches to published needs.`,
          ],
          action: { label: 'Open the profile', url },
          footer: footer.en,
        },
    ctx,
  );
};

const profileRejected: Template = (raw, locale, ctx) => {
  const d = data.parse(raw);
  const url = editUrl(ctx.baseUrl, d.supplierId);
  const reason = d.reason ?? '';
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Ändringarna i profilen för ${d.name} godkändes inte`,
          heading: 'Profilen behöver ändras',
          paragraphs: [
            `En administratör har inte godkänt den senaste versionen av profilen för ${d.name}.`,
            `Motivering: ${reason}`,
            d.stillListed
              ? 'Beställarna ser fortfarande den tidigare godkända versionen. Ändra profilen och spara den igen för en ny granskning.'
              : 'Ändra profilen och spara den igen för en ny granskning.',
          ],
          action: { label: 'Ändra profilen', url },
          footer: footer.sv,
        }
      : {
          locale,
          subject: `The changes to the profile of ${d.name} were not approved`,
          heading: 'The profile needs changes',
          paragraphs: [
            `An administrator did not approve the latest version of the profile of ${d.name}.`,
            `Reason: ${reason}`,
            d.stillListed
              ? 'Buyers still see the previously approved version. Edit the profile and save it again for a new review.'
              : 'Edit the profile and save it again for a new review.',
          ],
          action: { label: 'Edit the profile', url },
          footer: footer.en,
        },
    ctx,
  );
};

const profileSuspended: Template = (raw, locale, ctx) => {
  const d = data.parse(raw);
  const url = editUrl(ctx.baseUrl, d.supplierId);
  const reason = d.reason ?? '';
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Profilen för ${d.name} är avstängd`,
          heading: 'Din profil är avstängd',
          paragraphs: [
            `En administratör har stängt av profilen för ${d.name}. Den visas inte längre för beställare och matchas inte mot behov.`,
            `Motivering: ${reason}`,
            'Svara på det här mejlet om du har frågor eller vill att beslutet omprövas.',
          ],
          action: { label: 'Öppna profilen', url },
          footer: footer.sv,
        }
      : {
          locale,
          subject: `The profile of ${d.name} is suspended`,
          heading: 'Your profile is suspended',
          paragraphs: [
            `An administrator suspended the profile of ${d.name}. Buyers no longer see it and it is not matched to needs.`,
            `Reason: ${reason}`,
            'Reply to this email if you have questions or want the decision reconsidered.',
          ],
          action: { label: 'Open the profile', url },
          footer: footer.en,
        },
    ctx,
  );
};

const profileHidden: Template = (raw, locale, ctx) => {
  const d = data.parse(raw);
  const url = editUrl(ctx.baseUrl, d.supplierId);
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Profilen för ${d.name} är dold i väntan på granskning`,
          heading: 'Din profil är tillfälligt dold',
          paragraphs: [
            `Flera beställare har anmält profilen för ${d.name}. Den visas inte för beställare förrän en administratör har granskat anmälningarna.`,
            'Du får ett nytt mejl när beslutet är fattat. Kontrollera gärna under tiden att uppgifterna i profilen stämmer.',
          ],
          action: { label: 'Öppna profilen', url },
          footer: footer.sv,
        }
      : {
          locale,
          subject: `The profile of ${d.name} is hidden pending review`,
          heading: 'Your profile is hidden for now',
          paragraphs: [
            `Several buyers reported the profile of ${d.name}. Buyers do not see it until an administrator has reviewed the reports.`,
            'You will get another email when the decision is made. Meanwhile, please check that the profile is correct.',
          ],
          action: { label: 'Open the profile', url },
          footer: footer.en,
        },
    ctx,
  );
};

export const supplierTemplates: Record<string, Template> = {
  [supplierTemplateNames.profileHidden]: profileHidden,
  [supplierTemplateNames.profileApproved]: profileApproved,
  [supplierTemplateNames.profileRejected]: profileRejected,
  [supplierTemplateNames.profileSuspended]: profileSuspended,
};
