import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import { layout } from '../notifications/templates/layout.js';

/**
 * The invitation into an organisation. It goes to the invited address, which may not have an
 * account yet: then it says how to get one with that address. Links point at client routes
 * `/konto/inbjudningar` and `/registrera`.
 */
export const membershipTemplateNames = {
  invitation: 'organisations.member-invitation',
} as const;

const invitationData = z.object({
  invitationId: z.string().regex(/^[0-9a-f]{24}$/),
  organisationName: z.string(),
  kind: z.enum(['buyer', 'supplier']),
  verified: z.boolean(),
  role: z.enum(['owner', 'member']),
  inviterName: z.string(),
  hasAccount: z.boolean(),
});

const invitation: Template = (data, locale, ctx) => {
  const d = invitationData.parse(data);
  const url = `${ctx.baseUrl}${d.hasAccount ? '/konto/inbjudningar' : '/registrera'}`;
  if (locale === 'sv') {
    const by = d.inviterName ? `${d.inviterName} har` : 'En ägare har';
    return layout(
      {
        locale,
        subject: `Inbjudan till ${d.organisationName} på Behovstorget`,
        heading: `Du är inbjuden till ${d.organisationName}`,
        paragraphs: [
          `${by} bjudit in dig att bli ${d.role === 'owner' ? 'ägare' : 'medlem'} i ${d.organisationName} på Behovstorget.`,
          ...(d.role === 'owner'
            ? ['Som ägare hanterar du organisationens medlemmar och svarar för organisationen.']
            : []),
          ...(d.verified ? [] : ['Organisationen är ännu inte verifierad av Behovstorget.']),
          d.hasAccount
            ? 'Logga in och tacka ja eller nej under Inbjudningar. Inget ändras förrän du har svarat.'
            : 'Skapa ett konto med just den här e-postadressen, så hittar du inbjudan under Inbjudningar. Inget ändras förrän du har svarat.',
          'Inbjudan gäller i 14 dagar. Känner du inte igen den kan du bortse från mejlet.',
        ],
        action: { label: d.hasAccount ? 'Visa inbjudan' : 'Skapa konto', url },
        footer: ['Du får det här mejlet eftersom någon bjöd in den här adressen på Behovstorget.'],
      },
      ctx,
    );
  }
  const by = d.inviterName ? `${d.inviterName} has` : 'An owner has';
  return layout(
    {
      locale,
      subject: `Invitation to ${d.organisationName} on Behovstorget`,
      heading: `You are invited to ${d.organisationName}`,
      paragraphs: [
        `${by} invited you to become ${d.role === 'owner' ? 'an owner' : 'a member'} of ${d.organisationName} on Behovstorget.`,
        ...(d.role === 'owner'
          ? ["As an owner you manage the organisation's members and answer for the organisation."]
          : []),
        ...(d.verified ? [] : ['The organisation has not yet been verified by Behovstorget.']),
        d.hasAccount
          ? 'Log in and accept or decline it under Invitations. Nothing changes until you answer.'
          : 'Create an account with this very email address and you will find the invitation under Invitations. Nothing changes until you answer.',
        'The invitation is valid for 14 days. If you do not recognise it, you can ignore this email.',
      ],
      action: { label: d.hasAccount ? 'See the invitation' : 'Create an account', url },
      footer: ['You get this email because someone invited this address on Behovstorget.'],
    },
    ctx,
  );
};

export const membershipTemplates: Record<string, Template> = {
  [membershipTemplateNames.invitation]: invitation,
};
