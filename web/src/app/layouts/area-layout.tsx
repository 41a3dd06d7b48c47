import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from './app-shell';
import { NavLinks, type NavItem } from './nav-links';

/**
 * Seeker, employer and partner areas: phone-first. The same nav is a bottom tab bar on phones
 * (thumb reach) and a row under the header from 768px up (CSS in styles.css).
 */
export function AreaLayout({ nav }: { nav: NavItem[] }) {
  const { t } = useTranslation();
  return (
    <AppShell
      className="with-tab-bar"
      beforeMain={<NavLinks items={nav} className="tab-bar" label={t('header.mainNav')} />}
    >
      <Outlet />
    </AppShell>
  );
}
