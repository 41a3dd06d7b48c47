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
                  Component: (await import('../features/search/job-search-page')).JobSearchPage,
                }),
              },
              {
                path: 'jobs/:id',
                lazy: async () => ({
                  Component: (await import('../features/postings/posting-detail-page')).PostingDetailPage,
                }),
              },
              {
                path: 'recommendations',
                lazy: async () => ({
                  Component: (await import('../features/matching/recommendations-page')).RecommendationsPage,
                }),
              },
              {
                path: 'applications',
                lazy: async () => ({
                  Component: (await import('../features/applications/my-applications-page'))
                    .MyApplicationsPage,
                }),
              },
              {
                path: 'resume',
                lazy: async () => ({
                  Component: (await import('../features/resumes/resume-page')).ResumePage,
                }),
              },
              {
                path: 'me',
                lazy: async () => ({
                  Component: (await import('../features/seeker/seeker-me-page')).SeekerMePage,
                }),
              },
              {
                path: 'notifications',
                lazy: async () => ({
                  Component: (await import('../features/alerts/notifications-page')).NotificationsPage,
                }),
              },
              {
                path: 'saved-searches',
                lazy: async () => ({
                  Component: (await import('../features/alerts/saved-searches-page')).SavedSearchesPage,
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
              {
                path: 'enterprise',
                lazy: async () => ({
                  Component: (await import('../features/enterprises/enterprise-page')).EnterprisePage,
                }),
              },
              {
                path: 'enterprise/new',
                lazy: async () => ({
                  Component: (await import('../features/enterprises/enterprise-page')).NewEnterprisePage,
                }),
              },
              {
                path: 'postings',
                lazy: async () => ({
                  Component: (await import('../features/postings/my-postings-page')).MyPostingsPage,
                }),
              },
              {
                path: 'postings/new',
                lazy: async () => ({
                  Component: (await import('../features/postings/posting-form-page')).NewPostingPage,
                }),
              },
              {
                path: 'postings/import',
                lazy: async () => ({
                  Component: (await import('../features/postings/import-page')).ImportPage,
                }),
              },
              {
                path: 'postings/:id',
                lazy: async () => ({
                  Component: (await import('../features/postings/employer-posting-page')).EmployerPostingPage,
                }),
              },
              {
                path: 'postings/:id/edit',
                lazy: async () => ({
                  Component: (await import('../features/postings/posting-form-page')).EditPostingPage,
                }),
              },
              {
                path: 'postings/:id/applicants',
                lazy: async () => ({
                  Component: (await import('../features/applications/pipeline-page')).PipelinePage,
                }),
              },
              {
                path: 'postings/:id/candidates',
                lazy: async () => ({
                  Component: (await import('../features/matching/candidates-page')).CandidatesPage,
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
              {
                path: 'review',
                lazy: async () => ({
                  Component: (await import('../features/postings/review-queue-page')).ReviewQueuePage,
                }),
              },
              {
                path: 'review/:id',
                lazy: async () => ({
                  Component: (await import('../features/postings/review-detail-page')).ReviewDetailPage,
                }),
              },
              {
                path: 'enterprises',
                lazy: async () => ({
                  Component: (await import('../features/enterprises/verification-list-page'))
                    .VerificationListPage,
                }),
              },
              {
                path: 'enterprises/:id',
                lazy: async () => ({
                  Component: (await import('../features/enterprises/verification-detail-page'))
                    .VerificationDetailPage,
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
