import { z } from 'zod';
import type { Template } from '../notifications/templates/index.js';
import { layout, type Locale } from '../notifications/templates/layout.js';

/** Emails of the accounts module. Links point at client routes that call the API with the token. */
export const accountTemplateNames = {
  verifyEmail: 'accounts.verify-email',
  resetPassword: 'accounts.reset-password',
  alreadyRegistered: 'accounts.already-registered',
  passwordChanged: 'accounts.password-changed',
} as const;

const withToken = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
  name: z.string().optional(),
});
const plain = z.object({ name: z.string().optional() });

const greeting = (locale: Locale, name?: string) =>
  locale === 'sv' ? (name ? `Hej ${name}!` : 'Hej!') : name ? `Hello ${name},` : 'Hello,';

const verifyEmail: Template = (data, locale, ctx) => {
  const { token, name } = withToken.parse(data);
  const url = `${ctx.baseUrl}/verifiera-epost?token=${token}`;
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: 'Bekräfta din e-postadress på Behovstorget',
          heading: 'Bekräfta din e-postadress',
          paragraphs: [
            greeting(locale, name),
            'Du (eller någon som angav din adress) har skapat ett konto på Behovstorget. Bekräfta att adressen är din genom att öppna länken nedan.',
            'Länken gäller i 48 timmar och kan bara användas en gång.',
          ],
          action: { label: 'Bekräfta e-postadress', url },
          footer: ['Har du inte skapat något konto kan du bortse från det här mejlet.'],
        }
      : {
          locale,
          subject: 'Confirm your email address on Behovstorget',
          heading: 'Confirm your email address',
          paragraphs: [
            greeting(locale, name),
            'You (or someone who entered your address) created an account on Behovstorget. Confirm that the address is yours by opening the link below.',
            'The link is valid for 48 hours and works once.',
          ],
          action: { label: 'Confirm email address', url },
          footer: ['If you did not create an account, you can ignore this email.'],
        },
    ctx,
  );
};

const resetPassword: Template = (data, locale, ctx) => {
  const { token, name } = withToken.parse(data);
  const url = `${ctx.baseUrl}/aterstall-losenord?token=${token}`;
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: 'Återställ ditt lösenord på Behovstorget',
          heading: 'Återställ ditt lösenord',
          paragraphs: [
            greeting(locale, name),
            'Vi har fått en begäran om att återställa lösenordet till ditt konto. Välj ett nytt lösenord via länken nedan.',
            'Länken gäller i en timme och kan bara användas en gång. När du har bytt lösenord loggas alla dina inloggningar ut.',
          ],
          action: { label: 'Välj nytt lösenord', url },
          footer: ['Har du inte bett om detta kan du bortse från mejlet; ditt lösenord ändras inte.'],
        }
      : {
          locale,
          subject: 'Reset your password on Behovstorget',
          heading: 'Reset your password',
          paragraphs: [
            greeting(locale, name),
            'We received a request to reset the password of your account. Choose a new password with the link below.',
            'The link is valid for one hour and works once. Changing the password logs out all your sessions.',
          ],
          action: { label: 'Choose a new password', url },
          footer: ['If you did not ask for this, ignore this email; your password stays the same.'],
        },
    ctx,
  );
};

const alreadyRegistered: Template = (data, locale, ctx) => {
  const { name } = plain.parse(data);
  const url = `${ctx.baseUrl}/logga-in`;
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: 'Du har redan ett konto på Behovstorget',
          heading: 'Du har redan ett konto',
          paragraphs: [
            greeting(locale, name),
            'Någon försökte just skapa ett konto på Behovstorget med din e-postadress, men det finns redan ett konto med den adressen.',
            'Logga in som vanligt. Har du glömt lösenordet kan du återställa det från inloggningssidan.',
          ],
          action: { label: 'Logga in', url },
          footer: ['Var det inte du behöver du inte göra något.'],
        }
      : {
          locale,
          subject: 'You already have an account on Behovstorget',
          heading: 'You already have an account',
          paragraphs: [
            greeting(locale, name),
            'Someone just tried to create an account on Behovstorget with your email address, but an account with that address already exists.',
            'Log in as usual. If you forgot your password, you can reset it from the login page.',
          ],
          action: { label: 'Log in', url },
          footer: ['If this was not you, you need not do anything.'],
        },
    ctx,
  );
};

const passwordChanged: Template = (data, locale, ctx) => {
  const { name } = plain.parse(data);
  const url = `${ctx.baseUrl}/aterstall-losenord`;
  return layout(
    locale === 'sv'
      ? {
          locale,
          subject: 'Ditt lösenord på Behovstorget har ändrats',
          heading: 'Ditt lösenord har ändrats',
          paragraphs: [
            greeting(locale, name),
            'Lösenordet till ditt konto på Behovstorget har just ändrats, och dina andra inloggningar har loggats ut.',
            'Var det inte du? Återställ lösenordet direkt via länken nedan och kontakta oss.',
          ],
          action: { label: 'Återställ lösenordet', url },
        }
      : {
          locale,
          subject: 'Your password on Behovstorget was changed',
          heading: 'Your password was changed',
          paragraphs: [
            greeting(locale, name),
            'The password of your Behovstorget account was just changed, and your other sessions were logged out.',
            'Was this not you? Reset the password at once with the link below and contact us.',
          ],
          action: { label: 'Reset the password', url },
        },
    ctx,
  );
};

export const accountTemplates: Record<string, Template> = {
  [accountTemplateNames.verifyEmail]: verifyEmail,
  [accountTemplateNames.resetPassword]: resetPassword,
  [accountTemplateNames.alreadyRegistered]: alreadyRegistered,
  [accountTemplateNames.passwordChanged]: passwordChanged,
};
