import { Outlet } from 'react-router';
import { AppShell } from './app-shell';

export function PublicLayout() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}
