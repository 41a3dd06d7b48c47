import { useState } from 'react';
import { Button, Drawer, Grid } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppShell } from './app-shell';
import { NavLinks, type NavItem } from './nav-links';

/**
 * Staff and admin consoles: desktop-first with a side nav; below 992px the nav moves into a
 * drawer opened from a labelled header button (antd's zero-width Sider trigger is not focusable).
 */
export function ConsoleLayout({ nav }: { nav: NavItem[] }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const [drawerPath, setDrawerPath] = useState(location.pathname);
  // Close the drawer after navigating (state adjusted during render, not in an effect).
  if (drawerPath !== location.pathname) {
    setDrawerPath(location.pathname);
    setDrawerOpen(false);
  }
  const label = t('header.mainNav');
  const menuButton = wide ? undefined : (
    <Button
      icon={<MenuOutlined aria-hidden />}
      aria-label={t('header.openMenu')}
      aria-expanded={drawerOpen}
      aria-controls="console-nav-drawer"
      onClick={() => setDrawerOpen(true)}
    />
  );
  return (
    <AppShell
      leading={menuButton}
      side={wide ? <NavLinks items={nav} className="side-nav side-nav--fixed" label={label} /> : undefined}
    >
      <Outlet />
      {!wide && (
        <Drawer
          id="console-nav-drawer"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          title={t('common.appName')}
          size={280}
        >
          <NavLinks items={nav} className="side-nav" label={label} />
        </Drawer>
      )}
    </AppShell>
  );
}
