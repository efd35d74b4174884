import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import { layout } from '../notifications/templates/layout.js';

/** Emails of the needs module, to the owners of the coordinating organisation of a network. */
export const needTemplateNames = {
  approved: 'needs.approved',
  rejected: 'needs.rejected',
  hidden: 'needs.hidden',
} as const;

const needData = z.object({
  needId: z.string().regex(/^[0-9a-f]{24}$/),
  title: z.string().min(1),
  networkName: z.string(),
});
const withReason = needData.extend({ reason: z.string().min(1) });
const withCount = needData.extend({ reports: z.number().int().min(1) });

const needUrl = (baseUrl: string, id: string) => `${baseUrl}/behov/${id}`;
const footer = {
  sv: 'Du får det här mejlet som ägare av organisationen som samordnar nätverket.',
  en: 'You receive this email as an owner of the organisation that coordinates the network.',
};

const approved: Template = (data, locale, ctx) => {
  const d = needData.parse(data);
  const url = needUrl(ctx.baseUrl, d.needId);
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Behovet ”${d.title}” är publicerat`,
          heading: 'Ditt behov är publicerat',
          paragraphs: [
            `Behovet ”${d.title}” från ${d.networkName} har granskats och är nu publicerat på Behovstorget.`,
            'Leverantörer kan nu hitta behovet, följa det och ställa frågor. Ändringar du gör från och med nu visas i behovets ändringslogg.',
          ],
          action: { label: 'Visa behovet', url },
          footer: [footer.sv],
        }
      : {
          locale,
          subject: `The need "${d.title}" is published`,
          heading: 'Your need is published',
          paragraphs: [
            `The need "${d.title}" from ${d.networkName} has been reviewed and is now published on Behovstorget.`,
            'Suppliers can now find it, follow it and ask questions. Changes you make from now on are shown in the need’s change log.',
          ],
          action: { label: 'View the need', url },
          footer: [footer.en],
        },
    ctx,
  );
};

const rejected: Template = (data, locale, ctx) => {
  const d = withReason.parse(data);
  const url = needUrl(ctx.baseUrl, d.needId);
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Behovet ”${d.title}” behöver ändras innan publicering`,
          heading: 'Behovet publicerades inte',
          paragraphs: [
            `Behovet ”${d.title}” från ${d.networkName} har granskats men kan inte publiceras i sin nuvarande form.`,
            `Motivering: ${d.reason}`,
            'Du kan ändra behovet och skicka in det för granskning igen.',
          ],
          action: { label: 'Ändra behovet', url },
          footer: [footer.sv],
        }
      : {
          locale,
          subject: `The need "${d.title}" needs changes before publication`,
          heading: 'The need was not published',
          paragraphs: [
            `The need "${d.title}" from ${d.networkName} has been reviewed but cannot be published as it is.`,
            `Reason: ${d.reason}`,
            'You can edit the need and submit it for review again.',
          ],
          action: { label: 'Edit the need', url },
          footer: [footer.en],
        },
    ctx,
  );
};

const hidden: Template = (data, locale, ctx) => {
  const d = withCount.parse(data);
  const url = needUrl(ctx.baseUrl, d.needId);
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Behovet ”${d.title}” är dolt i väntan på granskning`,
          heading: 'Behovet är tillfälligt dolt',
          paragraphs: [
            `Behovet ”${d.title}” från ${d.networkName} har anmälts av ${d.reports} användare och är därför dolt för allmänheten tills en administratör har granskat anmälningarna.`,
            'Du ser fortfarande behovet när du är inloggad. Du behöver inte göra något; vi hör av oss om något behöver ändras.',
          ],
          action: { label: 'Visa behovet', url },
          footer: [footer.sv],
        }
      : {
          locale,
          subject: `The need "${d.title}" is hidden pending review`,
          heading: 'The need is temporarily hidden',
          paragraphs: [
            `The need "${d.title}" from ${d.networkName} was reported by ${d.reports} users and is hidden from the public until an administrator has reviewed the reports.`,
            'You still see the need when logged in. You need not do anything; we will be in touch if something must change.',
          ],
          action: { label: 'View the need', url },
          footer: [footer.en],
        },
    ctx,
  );
};

export const needTemplates: Record<string, Template> = {
  [needTemplateNames.approved]: approved,
  [needTemplateNames.rejected]: rejected,
  [needTemplateNames.hidden]: hidden,
};
