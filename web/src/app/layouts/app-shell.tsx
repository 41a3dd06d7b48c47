import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './app-header';

/**
 * Skip link, header, optional side nav, main landmark. `main` takes focus from the skip link
 * (tabIndex -1), so the next Tab goes to the first control of the page, not back to the header.
 */
export function AppShell({
  children,
  leading,
  beforeMain,
  side,
  className,
}: {
  children: ReactNode;
  leading?: ReactNode;
  beforeMain?: ReactNode;
  side?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={className ? `shell ${className}` : 'shell'}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <AppHeader leading={leading} />
      {beforeMain}
      <div className="shell__body">
        {side}
        <main id="main" tabIndex={-1} className="shell__main">
          {children}
        </main>
      </div>
      <footer className="app-footer">
        {t('landing.footer')}
        {' · '}
        {/* Issue 8: the anonymised district figures are public, for researchers and the press. */}
        <Link to="/open-data">{t('landing.openData')}</Link>
      </footer>
    </div>
  );
}
