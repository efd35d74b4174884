import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import { layout } from '../notifications/templates/layout.js';

/**
 * Emails about organisations and buyer networks. They go to the owners of the organisation
 * concerned, in each owner's language. Links point at client routes:
 * `/konto/organisationer/:id`, `/konto/inbjudningar`, `/natverk/:id`.
 */
export const organisationTemplateNames = {
  organisationVerified: 'organisations.verified',
  organisationRejected: 'organisations.rejected',
  networkInvitation: 'networks.invitation',
  networkApproved: 'networks.approved',
  networkRejected: 'networks.rejected',
} as const;

const id = z.string().regex(/^[0-9a-f]{24}$/);
const organisationData = z.object({
  organisationId: id,
  organisationName: z.string(),
  kind: z.enum(['buyer', 'supplier']),
  reason: z.string().optional(),
});
const networkData = z.object({ networkId: id, networkName: z.string(), reason: z.string().optional() });
const invitationData = z.object({
  invitationId: id,
  networkId: id,
  networkName: z.string(),
  subjectArea: z.string(),
  coordinatorName: z.string(),
  organisationName: z.string(),
});

const organisationVerified: Template = (data, locale, ctx) => {
  const d = organisationData.parse(data);
  const url = `${ctx.baseUrl}/konto/organisationer/${d.organisationId}`;
  const buyer = d.kind === 'buyer';
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `${d.organisationName} är verifierad på Behovstorget`,
          heading: 'Din organisation är verifierad',
          paragraphs: [
            `En administratör har verifierat ${d.organisationName}.`,
            buyer
              ? 'Du kan nu skapa beställarnätverk, gå med i nätverk som bjuder in din organisation och publicera behov tillsammans med andra beställare.'
              : 'Din leverantörsprofil kan nu visas för beställarna.',
          ],
          action: { label: 'Öppna organisationen', url },
          footer: ['Du får det här mejlet eftersom du är ägare av organisationen på Behovstorget.'],
        }
      : {
          locale,
          subject: `${d.organisationName} is verified on Behovstorget`,
          heading: 'Your organisation is verified',
          paragraphs: [
            `An administrator has verified ${d.organisationName}.`,
            buyer
              ? 'You can now create buyer networks, join networks that invite you and publish needs together with other buyers.'
              : 'Your supplier profile can now be shown to buyers.',
          ],
          action: { label: 'Open the organisation', url },
          footer: ['You get this email because you are an owner of the organisation on Behovstorget.'],
        },
    ctx,
  );
};

const organisationRejected: Template = (data, locale, ctx) => {
  const d = organisationData.parse(data);
  const url = `${ctx.baseUrl}/konto/organisationer/${d.organisationId}`;
  const reason = d.reason ?? '';
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `${d.organisationName} kunde inte verifieras`,
          heading: 'Din organisation är inte verifierad',
          paragraphs: [
            `En administratör har inte godkänt ${d.organisationName}.`,
            `Motivering: ${reason}`,
            'Svara på det här mejlet eller kontakta oss om du vill att vi tittar på saken igen.',
          ],
          action: { label: 'Öppna organisationen', url },
          footer: ['Du får det här mejlet eftersom du är ägare av organisationen på Behovstorget.'],
        }
      : {
          locale,
          subject: `${d.organisationName} could not be verified`,
          heading: 'Your organisation is not verified',
          paragraphs: [
            `An administrator did not approve ${d.organisationName}.`,
            `Reason: ${reason}`,
            'Reply to this email or contact us if you would like us to look at it again.',
          ],
          action: { label: 'Open the organisation', url },
          footer: ['You get this email because you are an owner of the organisation on Behovstorget.'],
        },
    ctx,
  );
};

const networkInvitation: Template = (data, locale, ctx) => {
  const d = invitationData.parse(data);
  const url = `${ctx.baseUrl}/konto/inbjudningar`;
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `${d.organisationName} är inbjuden till beställarnätverket ${d.networkName}`,
          heading: 'Inbjudan till ett beställarnätverk',
          paragraphs: [
            `${d.coordinatorName} bjuder in ${d.organisationName} till beställarnätverket ${d.networkName} (ämnesområde: ${d.subjectArea}).`,
            'I ett beställarnätverk utreder upphandlande organisationer behov tillsammans, för tidig dialog med marknaden och samordnar sin köpkraft.',
            'Alla i din organisation kan tacka ja eller nej.',
          ],
          action: { label: 'Svara på inbjudan', url },
          footer: ['Du får det här mejlet eftersom du är ägare av organisationen på Behovstorget.'],
        }
      : {
          locale,
          subject: `${d.organisationName} is invited to the buyer network ${d.networkName}`,
          heading: 'Invitation to a buyer network',
          paragraphs: [
            `${d.coordinatorName} invites ${d.organisationName} to the buyer network ${d.networkName} (subject area: ${d.subjectArea}).`,
            'In a buyer network, contracting authorities investigate needs together, hold early dialogue with the market and pool their purchasing power.',
            'Anyone in your organisation can accept or decline.',
          ],
          action: { label: 'Answer the invitation', url },
          footer: ['You get this email because you are an owner of the organisation on Behovstorget.'],
        },
    ctx,
  );
};

const networkApproved: Template = (data, locale, ctx) => {
  const d = networkData.parse(data);
  const url = `${ctx.baseUrl}/natverk/${d.networkId}`;
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Beställarnätverket ${d.networkName} är godkänt`,
          heading: 'Nätverket är godkänt och publicerat',
          paragraphs: [
            `En administratör har godkänt ${d.networkName}. Nätverket syns nu för alla på Behovstorget.`,
          ],
          action: { label: 'Öppna nätverket', url },
          footer: ['Du får det här mejlet eftersom din organisation samordnar nätverket.'],
        }
      : {
          locale,
          subject: `The buyer network ${d.networkName} is approved`,
          heading: 'The network is approved and published',
          paragraphs: [`An administrator approved ${d.networkName}. The network is now visible to everyone.`],
          action: { label: 'Open the network', url },
          footer: ['You get this email because your organisation coordinates the network.'],
        },
    ctx,
  );
};

const networkRejected: Template = (data, locale, ctx) => {
  const d = networkData.parse(data);
  const url = `${ctx.baseUrl}/natverk/${d.networkId}`;
  const reason = d.reason ?? '';
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: `Beställarnätverket ${d.networkName} är inte godkänt`,
          heading: 'Nätverket är inte godkänt',
          paragraphs: [
            `En administratör har inte godkänt ${d.networkName}, så det visas inte för allmänheten.`,
            `Motivering: ${reason}`,
            'Ändra nätverkets uppgifter så granskas det på nytt.',
          ],
          action: { label: 'Öppna nätverket', url },
          footer: ['Du får det här mejlet eftersom din organisation samordnar nätverket.'],
        }
      : {
          locale,
          subject: `The buyer network ${d.networkName} is not approved`,
          heading: 'The network is not approved',
          paragraphs: [
            `An administrator did not approve ${d.networkName}, so it is not shown to the public.`,
            `Reason: ${reason}`,
            "Edit the network's details and it will be reviewed again.",
          ],
          action: { label: 'Open the network', url },
          footer: ['You get this email because your organisation coordinates the network.'],
        },
    ctx,
  );
};

export const organisationTemplates: Record<string, Template> = {
  [organisationTemplateNames.organisationVerified]: organisationVerified,
  [organisationTemplateNames.organisationRejected]: organisationRejected,
  [organisationTemplateNames.networkInvitation]: networkInvitation,
  [organisationTemplateNames.networkApproved]: networkApproved,
  [organisationTemplateNames.networkRejected]: networkRejected,
};
