import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { RequireRole, RequireSignedIn } from './guards';
import { PublicLayout } from './layouts/public-layout';
import { LoadingPage, NotFoundPage } from './pages/status-pages';
import { RouteErrorPage } from './pages/route-error-page';
import { LandingPage } from '../features/home/landing-page';
import { LoginPage } from '../features/auth/login-page';
import { RegisterPage } from '../features/auth/register-page';
import { ChangePasswordPage } from '../features/auth/change-password-page';
import { SecondFactorPage } from '../features/auth/second-factor-page';
// Resolving labour shortages (issue 6): the route lists live with the feature.
import {
  employerLabourRoutes,
  partnerLabourRoutes,
  seekerLabourRoutes,
  staffLabourRoutes,
} from '../features/shortages/routes';
// Registration and assistance, welfare posts, training, e-commerce (issue 7).
import {
  employerAssistanceRoutes,
  partnerAssistanceRoutes,
  seekerAssistanceRoutes,
  staffAssistanceRoutes,
} from '../features/assistance/routes';
// Statistics dashboards, monthly reports and open data (issue 8).
import { publicDashboardRoutes, staffDashboardRoutes } from '../features/dashboards/routes';
// Enterprise employment monitoring and early warning (issue 8).
import { employerMonitoringRoutes, staffMonitoringRoutes } from '../features/monitoring/routes';
import { staffWarningsRoutes } from '../features/warnings/routes';

// Role areas are lazy: a seeker on a phone downloads neither the admin tables nor the staff
// console. Each `lazy` import becomes its own chunk; pages shared by areas (account) are one chunk.
const account: RouteObject = {
  path: 'account',
  lazy: async () => ({ Component: (await import('../features/account/account-page')).AccountPage }),
};
// 个人信息与隐私 (issue 9): consents, data export, correction, cancellation — every area.
const privacy: RouteObject = {
  path: 'privacy',
  lazy: async () => ({ Component: (await import('../features/privacy/privacy-page')).PrivacyPage }),
};

// Support policies (issue 5): the catalogue and the notice are public; applicants reach the same
// catalogue inside their area, with their applications; staff have the review chain and payouts.
const policyPage = {
  catalogue: async () => ({
    Component: (await import('../features/policies/catalogue-page')).CataloguePage,
  }),
  policy: async () => ({ Component: (await import('../features/policies/policy-page')).PolicyPage }),
};
const publicPolicyRoutes: RouteObject[] = [
  { path: 'policies', lazy: policyPage.catalogue },
  { path: 'policies/:code', lazy: policyPage.policy },
  {
    path: 'notices',
    lazy: async () => ({ Component: (await import('../features/policies/notice-page')).NoticePage }),
  },
];
const applicantPolicyRoutes: RouteObject[] = [
  {
    path: 'policies',
    lazy: async () => ({
      Component: (await import('../features/policy-applications/my-applications-page'))
        .MyPolicyApplicationsPage,
    }),
  },
  { path: 'policies/catalogue', lazy: policyPage.catalogue },
  { path: 'policies/catalogue/:code', lazy: policyPage.policy },
  {
    path: 'policies/apply/:code',
    lazy: async () => ({
      Component: (await import('../features/policy-applications/apply-page')).ApplyPage,
    }),
  },
  {
    path: 'policies/:id',
    lazy: async () => ({
      Component: (await import('../features/policy-applications/application-page')).PolicyApplicationPage,
    }),
  },
];
const staffPolicyRoutes: RouteObject[] = [
  {
    path: 'policy-review',
    lazy: async () => ({
      Component: (await import('../features/policy-applications/review-queue-page')).DistrictQueuePage,
    }),
  },
  {
    path: 'policy-approval',
    lazy: async () => ({
      Component: (await import('../features/policy-applications/review-queue-page')).BureauQueuePage,
    }),
  },
  {
    path: 'policy-applications/:id',
    lazy: async () => ({
      Component: (await import('../features/policy-applications/staff-application-page'))
        .StaffPolicyApplicationPage,
    }),
  },
  {
    path: 'policy-notices',
    lazy: async () => ({
      Component: (await import('../features/policies/staff-notices-page')).StaffNoticesPage,
    }),
  },
  {
    path: 'payouts',
    lazy: async () => ({ Component: (await import('../features/payouts/batches-page')).BatchesPage }),
  },
  {
    path: 'payouts/:id',
    lazy: async () => ({ Component: (await import('../features/payouts/batch-page')).BatchPage }),
  },
  {
    path: 'proactive',
    lazy: async () => ({ Component: (await import('../features/payouts/proactive-page')).ProactivePage }),
  },
  {
    path: 'policies',
    lazy: async () => ({
      Component: (await import('../features/policies/manage-list-page')).ManagePoliciesPage,
    }),
  },
  {
    path: 'policies/new',
    lazy: async () => ({
      Component: (await import('../features/policies/policy-editor-page')).PolicyEditorPage,
    }),
  },
  {
    path: 'policies/:code',
    lazy: async () => ({
      Component: (await import('../features/policies/policy-editor-page')).PolicyEditorPage,
    }),
  },
];

// Chartered buses (issue 4): the seeker's request and seat, the staff planner, trips, boarding and
// statistics, the enterprise's handover. Each page its own chunk (ECharts only with statistics).
const busPage =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });
const seekerBusRoutes: RouteObject[] = [
  {
    path: 'bus',
    lazy: busPage(
      () => import('../features/buses/seeker-bus-page'),
      (m) => m.SeekerBusPage,
    ),
  },
];
const staffBusRoutes: RouteObject[] = [
  {
    path: 'buses',
    lazy: busPage(
      () => import('../features/buses/planner-page'),
      (m) => m.PlannerPage,
    ),
  },
  {
    path: 'buses/trips',
    lazy: busPage(
      () => import('../features/buses/trips-page'),
      (m) => m.TripsPage,
    ),
  },
  {
    path: 'buses/trips/new',
    lazy: busPage(
      () => import('../features/buses/trip-detail-page'),
      (m) => m.NewTripPage,
    ),
  },
  {
    path: 'buses/trips/:id',
    lazy: busPage(
      () => import('../features/buses/trip-detail-page'),
      (m) => m.TripDetailPage,
    ),
  },
  {
    path: 'buses/trips/:id/boarding',
    lazy: busPage(
      () => import('../features/buses/boarding-page'),
      (m) => m.BoardingPage,
    ),
  },
  {
    path: 'buses/boarding',
    lazy: busPage(
      () => import('../features/buses/boarding-page'),
      (m) => m.BoardingListPage,
    ),
  },
  {
    path: 'buses/stats',
    lazy: busPage(
      () => import('../features/buses/stats-page'),
      (m) => m.BusStatsPage,
    ),
  },
];
const employerBusRoutes: RouteObject[] = [
  {
    path: 'buses',
    lazy: busPage(
      () => import('../features/buses/handover-pages'),
      (m) => m.HandoverListPage,
    ),
  },
  {
    path: 'buses/:id',
    lazy: busPage(
      () => import('../features/buses/handover-pages'),
      (m) => m.HandoverPage,
    ),
  },
];

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
          { path: 'login/verify', element: <SecondFactorPage /> },
          { path: 'register', element: <RegisterPage /> },
          ...publicPolicyRoutes,
          ...publicDashboardRoutes,
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
              ...applicantPolicyRoutes,
              ...seekerBusRoutes,
              ...seekerLabourRoutes,
              ...seekerAssistanceRoutes,
              {
                path: 'startup',
                lazy: async () => ({
                  Component: (await import('../features/payouts/startup-page')).StartupPage,
                }),
              },
              account,
              privacy,
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
              ...applicantPolicyRoutes,
              ...employerBusRoutes,
              ...employerLabourRoutes,
              ...employerAssistanceRoutes,
              ...employerMonitoringRoutes,
              account,
              privacy,
            ],
          },
        ],
      },
      {
        path: 'partner',
        element: <RequireRole roles={['college', 'agency', 'partner']} />,
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
              ...partnerLabourRoutes,
              ...partnerAssistanceRoutes,
              account,
              privacy,
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
              ...staffPolicyRoutes,
              ...staffBusRoutes,
              ...staffLabourRoutes,
              ...staffAssistanceRoutes,
              ...staffDashboardRoutes,
              ...staffMonitoringRoutes,
              ...staffWarningsRoutes,
              account,
              privacy,
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
              privacy,
            ],
          },
        ],
      },
      // The auditor (issue 9): reads and verifies the audit trail, changes nothing.
      {
        path: 'audit',
        element: <RequireRole roles={['auditor']} />,
        children: [
          {
            lazy: async () => ({ Component: (await import('../features/audit/audit-layout')).AuditLayout }),
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import('../features/audit/audit-page')).AuditPage }),
              },
              account,
              privacy,
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
