import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@jiuye/shared';
import { useMe } from './use-me';
import { ForbiddenPage } from './pages/forbidden-page';
import { LoadingPage, LoadErrorPage } from './pages/status-pages';
import { HOME_PATH } from './roles';

function useCurrentPath(): string {
  const location = useLocation();
  return `${location.pathname}${location.search}`;
}

/**
 * Areas behind sign-in. Signed out → /login?next=…; an initial password not yet changed →
 * /change-password first (the API refuses other calls with password_change_required anyway);
 * another role's area → 403 page, at the same address so the user sees what they asked for.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const me = useMe();
  const path = useCurrentPath();
  if (me.isPending) return <LoadingPage />;
  if (me.isError) return <LoadErrorPage error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(path)}`} replace />;
  // Issue 9: a second factor still due comes first (the API refuses everything else: mfa_required).
  if (me.data.mfa === 'required' || me.data.mfa === 'enrol') {
    return <Navigate to={`/login/verify?next=${encodeURIComponent(path)}`} replace />;
  }
  if (me.data.mustChangePassword) {
    return <Navigate to={`/change-password?next=${encodeURIComponent(path)}`} replace />;
  }
  if (!roles.includes(me.data.role)) return <ForbiddenPage homePath={HOME_PATH[me.data.role]} />;
  return children ?? <Outlet />;
}

/** Any signed-in user (the change-password page). */
export function RequireSignedIn({ children }: { children?: ReactNode }) {
  const me = useMe();
  const path = useCurrentPath();
  if (me.isPending) return <LoadingPage />;
  if (me.isError) return <LoadErrorPage error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(path)}`} replace />;
  if (me.data.mfa === 'required' || me.data.mfa === 'enrol') {
    return <Navigate to={`/login/verify?next=${encodeURIComponent(path)}`} replace />;
  }
  return children ?? <Outlet />;
}
