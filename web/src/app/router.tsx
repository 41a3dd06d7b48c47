import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { RequireRole, RequireSignedIn } from './guards';
import { PublicLayout } from './layouts/public-layout';
import { LoadingPage, NotFoundPage } from './pages/status-pages';
import { RouteErrorPage } from './pages/route-error-page';
import { LandingPage } from '../features/home/landing-page';
import { LoginPage } from '../features/auth/login-page';
import { RegisterPage } from '../features/auth/register-page';
import { ChangePasswordPage } from '../features/auth/change-password-page';

// Role areas are lazy: a seeker on a phone downloads neither the admin tables nor the staff
// console. Each `lazy` import becomes its own chunk; pages shared by areas (account) are one chunk.
const account: RouteObject = {
  path: 'account',
  lazy: async () => ({ Component: (await import('../features/account/account-page')).AccountPage }),
};

export const routes: RouteObject[] = [
  {
    element: <Outlet />,
    hydrateFallbackElement: <LoadingPage />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <LandingPage /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'register', element: <RegisterPage /> },
        ],
      },
      {
        path: 'change-password',
        element: (
          <RequireSignedIn>
            <PublicLayout />
          </RequireSignedIn>
        ),
        children: [{ index: true, element: <ChangePasswordPage /> }],
      },
      {
        path: 'seeker',
        element: <RequireRole roles={['seeker']} />,
        children: [
          {
            lazy: async () => ({ Component: (await import('./layouts/seeker-layout')).SeekerLayout }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('../features/seeker/seeker-home-page')).SeekerHomePage,
                }),
              },
              {
                path: 'jobs',
                lazy: async () => ({
                  Component: (await import('../features/seeker/seeker-jobs-page')).SeekerJobsPage,
                }),
              },
              account,
            ],
          },
        ],
      },
      {
        path: 'employer',
        element: <RequireRole roles={['employer']} />,
        children: [
          {
            lazy: async () => ({ Component: (await import('./layouts/employer-layout')).EmployerLayout }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('../features/employer/employer-home-page')).EmployerHomePage,
                }),
              },
              account,
            ],
          },
        ],
      },
      {
        path: 'partner',
        element: <RequireRole roles={['college', 'agency']} />,
        children: [
          {
            lazy: async () => ({ Component: (await import('./layouts/partner-layout')).PartnerLayout }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('../features/partner/partner-home-page')).PartnerHomePage,
                }),
              },
              account,
            ],
          },
        ],
      },
      {
        path: 'staff',
        element: <RequireRole roles={['staff']} />,
        children: [
          {
            lazy: async () => ({ Component: (await import('./layouts/staff-layout')).StaffLayout }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('../features/staff/staff-home-page')).StaffHomePage,
                }),
              },
              account,
            ],
          },
        ],
      },
      {
        path: 'admin',
        element: <RequireRole roles={['admin']} />,
        children: [
          {
            lazy: async () => ({ Component: (await import('./layouts/admin-layout')).AdminLayout }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('../features/admin/admin-home-page')).AdminHomePage,
                }),
              },
              {
                path: 'users',
                lazy: async () => ({ Component: (await import('../features/admin/users-page')).UsersPage }),
              },
              {
                path: 'api-tokens',
                lazy: async () => ({
                  Component: (await import('../features/admin/api-tokens-page')).ApiTokensPage,
                }),
              },
              account,
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
