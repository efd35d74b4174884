import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiLinks, paths } from './paths';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="bt-footer">
      <div className="bt-container bt-footer__inner">
        <div className="bt-footer__about">
          <p className="bt-footer__name">{t('app.name')}</p>
          <Paragraph data-size="sm">{t('footer.description')}</Paragraph>
          <Paragraph data-size="sm">{t('footer.license')}</Paragraph>
        </div>
        <nav aria-label={t('footer.label')}>
          <ul className="bt-footer__links">
            <li>
              <Link to={paths.about}>{t('footer.about')}</Link>
            </li>
            <li>
              <Link to={paths.accessibility}>{t('footer.accessibility')}</Link>
            </li>
            <li>
              <Link to={paths.openData}>{t('footer.openData')}</Link>
            </li>
            <li>
              <a href={apiLinks.openApi}>{t('footer.api')}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
