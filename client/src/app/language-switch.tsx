import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { updateMe } from '../api/accounts';
import { changeLanguage, isLanguage } from '../shared/i18n';
import { useSession } from '../shared/session/session';

/** One button that offers the other language, labelled in that language (with its own lang attribute). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = t('language.switchToLang');
  const session = useSession();
  return (
    <Button
      variant="tertiary"
      data-size="sm"
      lang={target}
      aria-label={t('language.switchLabel')}
      onClick={() => {
        if (!isLanguage(target)) return;
        void changeLanguage(target);
        // A logged-in person's emails follow the interface language too.
        if (session.user && session.user.language !== target)
          updateMe({ language: target }).then(session.setUser, () => undefined);
      }}
    >
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        width="1.25em"
        height="1.25em"
        className="bt-lang-icon"
      >
        <path
          fill="currentColor"
          d="M12 2.25a9.75 9.75 0 1 1 0 19.5 9.75 9.75 0 0 1 0-19.5m-2.2 10.5c.1 2.4.6 4.5 1.3 6 .4.8.7 1.2.9 1.4.2-.2.5-.6.9-1.4.7-1.5 1.2-3.6 1.3-6zm-4.5 0a8.3 8.3 0 0 0 5.2 6.8 17 17 0 0 1-1.2-6.8zm9.4 0a17 17 0 0 1-1.2 6.8 8.3 8.3 0 0 0 5.2-6.8zm-4.1-8.3a8.3 8.3 0 0 0-5.3 6.8h4a17 17 0 0 1 1.3-6.8m1.4.3c-.2.2-.5.6-.9 1.4a15 15 0 0 0-1.3 5.1h4.4a15 15 0 0 0-1.3-5.1c-.4-.8-.7-1.2-.9-1.4m1.4-.3a17 17 0 0 1 1.3 6.8h4a8.3 8.3 0 0 0-5.3-6.8"
        />
      </svg>
      {t('language.switchTo')}
    </Button>
  );
}
