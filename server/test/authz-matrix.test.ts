import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@jiuye/shared';
import { testApp, type TestApp } from './app.js';
import { signedIn } from './factories.js';

/**
 * Who may call what, written out by hand so that a change to the permission table or a new route
 * shows up here for review. A route missing from this table fails the test.
 * 'public': everyone, even anonymous; otherwise the roles allowed (plus 'token' for API tokens).
 */
type Caller = Role | 'anonymous' | 'token';
const ALL_USERS: Caller[] = [
  'seeker',
  'employer',
  'college',
  'agency',
  'staff',
  'admin',
  'partner',
  'auditor',
];
const EXPECTED: Record<string, 'public' | Caller[]> = {
  getHealth: 'public',
  register: 'public',
  login: 'public',
  logout: 'public',
  getMe: ALL_USERS,
  updateMe: ALL_USERS,
  changePassword: ALL_USERS,
  listUsers: ['admin'],
  createUser: ['admin'],
  disableUser: ['admin'],
  enableUser: ['admin'],
  resetUserPassword: ['admin'],
  listApiTokens: ['admin'],
  createApiToken: ['admin'],
  revokeApiToken: ['admin'],
  // Strong authentication (issue 9): the second-factor routes are for the roles that have one.
  verifyMfa: ['staff', 'admin', 'auditor'],
  startMfaEnrolment: ['staff', 'admin', 'auditor'],
  confirmMfaEnrolment: ['staff', 'admin', 'auditor'],
  reauthenticate: ALL_USERS,
  listMySessions: ALL_USERS,
  endMySession: ALL_USERS,
  endMyOtherSessions: ALL_USERS,
  listUserSessions: ['admin'],
  endUserSessions: ['admin'],
  resetUserMfa: ['admin'],
  listRegions: 'public',
  listOccupations: 'public',
  listIndustries: 'public',
  listEducationLevels: 'public',
  listReferenceVersions: 'public',
  // enterprises (issue 3)
  createEnterprise: ['employer'],
  listEnterprises: ['employer', 'staff'],
  getEnterprise: ALL_USERS,
  updateEnterprise: ['employer'],
  verifyEnterprise: ['staff'],
  uploadEnterpriseLicence: ['employer'],
  getEnterpriseLicence: ['employer', 'staff'],
  listEnterpriseMembers: ['employer', 'staff'],
  addEnterpriseMember: ['employer'],
  removeEnterpriseMember: ['employer'],
  // job postings (issue 3)
  createPosting: ['employer', 'staff'],
  checkPostingText: ['employer', 'staff'],
  listReviewQueue: ['staff'],
  getPosting: 'public',
  updatePosting: ['employer', 'staff'],
  reviewPosting: ['staff'],
  listEnterprisePostings: ['employer', 'staff'],
  getPostingImportTemplate: ['employer', 'staff'],
  importPostings: ['employer', 'staff'],
  // Search, résumés and matching: candidates then check the posting (enterprise member, staff district).
  searchPostings: 'public',
  suggestPostings: 'public',
  getMyResume: ['seeker'],
  putMyResume: ['seeker'],
  listMyRecommendations: ['seeker'],
  listPostingCandidates: ['employer', 'staff'],
  // Applications: the record check (own application, enterprise member, staff district) follows.
  applyToPosting: ['seeker'],
  listPostingApplications: ['employer', 'staff'],
  getApplication: ['seeker', 'employer', 'staff'],
  updateApplication: ['seeker', 'employer', 'staff'],
  listMyApplications: ['seeker'],
  // Job alerts and notifications
  createSavedSearch: ['seeker'],
  listSavedSearches: ['seeker'],
  deleteSavedSearch: ['seeker'],
  unsubscribeAlert: 'public',
  listMyNotifications: ALL_USERS,
  markNotificationRead: ALL_USERS,
  markAllNotificationsRead: ALL_USERS,
  // chartered buses (issue 4): the record check (own request or booking, enterprise member, staff
  // district, the trip's escort) follows.
  createTravelRequest: ['seeker', 'employer', 'staff'],
  listTravelRequests: ['seeker', 'employer', 'staff'],
  listMyTravelRequests: ['seeker'],
  getTravelRequest: ['seeker', 'employer', 'staff'],
  updateTravelRequest: ['seeker', 'employer', 'staff'],
  cancelTravelRequest: ['seeker', 'employer', 'staff'],
  getBusDemand: ['staff'],
  planBusTrips: ['staff'],
  confirmBusPlan: ['staff'],
  getBusTripStats: ['staff'],
  createBusTrip: ['staff'],
  listBusTrips: ['seeker', 'employer', 'staff'],
  getBusTrip: ['seeker', 'employer', 'staff'],
  updateBusTrip: ['staff'],
  bookBusSeat: ['seeker', 'staff'],
  listMyBusBookings: ['seeker'],
  getBusBooking: ['seeker', 'staff'],
  cancelBusBooking: ['seeker', 'staff'],
  moveBusBooking: ['staff'],
  getBusManifest: ['staff'],
  exportBusManifest: ['staff'],
  boardBusPassenger: ['staff'],
  listBusHandovers: ['employer', 'staff'],
  confirmBusHandovers: ['employer', 'staff'],
  // policy catalogue and applications (issue 5)
  listPolicies: 'public',
  getPolicy: 'public',
  listPolicyVersions: 'public',
  listPolicyFacts: 'public',
  createPolicy: ['staff'],
  updatePolicy: ['staff'],
  checkPolicyEligibility: ['seeker', 'employer', 'staff'],
  createPolicyApplication: ['seeker', 'employer', 'staff'],
  listPolicyApplications: ['seeker', 'employer', 'staff'],
  getPolicyApplication: ['seeker', 'employer', 'staff'],
  updatePolicyApplication: ['seeker', 'employer', 'staff'],
  decidePolicyApplication: ['seeker', 'employer', 'staff'],
  uploadPolicyDocument: ['seeker', 'employer', 'staff'],
  downloadPolicyDocument: ['seeker', 'employer', 'staff'],
  listPolicyNotices: 'public',
  createPolicyObjection: ALL_USERS,
  listPolicyObjections: ['staff'],
  resolvePolicyObjection: ['staff'],
  // payouts, entrepreneurship, proactive eligibility (issue 5)
  putPayeeAccount: ['seeker', 'employer', 'staff'],
  getPayeeAccount: ['seeker', 'employer', 'staff'],
  createPayoutBatch: ['staff'],
  listPayoutBatches: ['staff'],
  getPayoutBatch: ['staff'],
  exportPayoutBatch: ['staff'],
  getPayoutReconciliation: ['staff'],
  reconcilePayoutBankFile: ['staff'],
  recordPayoutResult: ['staff'],
  createStartup: ['seeker', 'staff'],
  listStartups: ['seeker', 'staff'],
  getStartup: ['seeker', 'staff'],
  updateStartup: ['seeker', 'staff'],
  requestGuaranteeLoan: ['seeker', 'staff'],
  listGuaranteeLoans: ['seeker', 'staff'],
  updateGuaranteeLoan: ['seeker', 'staff'],
  requestLoanDeferral: ['seeker', 'staff'],
  listLoanDeferrals: ['seeker', 'staff'],
  decideLoanDeferral: ['seeker', 'staff'],
  findEligibleSubjects: ['staff'],
  runPolicyOutreach: ['staff'],
  listOutreachRuns: ['staff'],
  // persons, registrations, key groups, cases (issue 7)
  createPerson: ['staff'],
  listPersons: ['staff'],
  lookupPersonByIdNumber: ['staff'],
  getPerson: ['seeker', 'staff'],
  updatePerson: ['staff'],
  linkPersonAccount: ['staff'],
  revealPersonIdNumber: ['staff'],
  getPersonTimeline: ['seeker', 'staff'],
  registerGraduate: ['seeker', 'college', 'staff'],
  listGraduates: ['seeker', 'college', 'staff'],
  createRegistration: ['seeker', 'employer', 'staff'],
  listRegistrations: ['seeker', 'employer', 'staff'],
  syncHireRegistrations: ['staff'],
  getRegistration: ['seeker', 'employer', 'staff'],
  deregisterRegistration: ['seeker', 'employer', 'staff'],
  getMyRegistration: ['seeker'],
  listKeyGroupRules: ['staff'],
  createKeyGroupRule: ['staff'],
  listPersonKeyGroups: ['seeker', 'staff'],
  confirmPersonKeyGroup: ['staff'],
  reclassifyPerson: ['staff'],
  listCases: ['staff'],
  listOverdueCases: ['staff'],
  getCaseWorkload: ['staff'],
  getCase: ['staff'],
  reassignCase: ['staff'],
  addCaseService: ['staff'],
  followUpCaseService: ['staff'],
  closeCase: ['staff'],
  // welfare posts, training, e-commerce (issue 7)
  // shortages, shared employment, colleges (issue 6)
  createShortage: ['employer'],
  listShortages: ['employer', 'staff'],
  getShortageBoard: ['staff'],
  getShortage: ['employer', 'staff'],
  updateShortage: ['employer', 'staff'],
  createIdleWorkforce: ['employer'],
  listIdleWorkforce: ['employer', 'staff'],
  getIdleWorkforce: ['employer', 'staff'],
  updateIdleWorkforce: ['employer'],
  listShortageMatches: ['employer', 'staff'],
  createSharingAgreement: ['employer', 'staff'],
  listSharingAgreements: ['employer', 'staff'],
  listMySharingAgreements: ['seeker'],
  getSharingAgreement: ['seeker', 'employer', 'staff'],
  signSharingAgreement: ['employer'],
  addSharingWorkers: ['employer', 'staff'],
  removeSharingWorker: ['employer', 'staff'],
  answerSharingConsent: ['seeker'],
  recordSharingPaperConsents: ['employer'],
  startSharingAgreement: ['employer', 'staff'],
  endSharingAgreement: ['employer', 'staff'],
  returnSharingWorkers: ['employer', 'staff'],
  cancelSharingAgreement: ['employer', 'staff'],
  uploadConsentFile: ['employer', 'college'],
  getMyCollege: ['college'],
  putMyCollege: ['college'],
  createCohort: ['college'],
  listCohorts: ['college', 'employer', 'staff'],
  getCohort: ['college', 'employer', 'staff'],
  updateCohort: ['college'],
  listCohortMatches: ['college', 'staff'],
  addCohortStudents: ['college'],
  listCohortStudents: ['college', 'employer', 'staff'],
  createEnterpriseDemand: ['employer'],
  listEnterpriseDemands: ['college', 'employer', 'staff'],
  getEnterpriseDemand: ['college', 'employer', 'staff'],
  updateEnterpriseDemand: ['employer'],
  listDemandMatches: ['employer', 'staff'],
  createCollegeAgreement: ['college', 'employer', 'staff'],
  listCollegeAgreements: ['college', 'employer', 'staff'],
  getCollegeAgreement: ['college', 'employer', 'staff'],
  signCollegeAgreement: ['college', 'employer'],
  updateCollegeAgreement: ['college', 'employer', 'staff'],
  // key enterprises (issue 6, item 4)
  listKeyEnterprises: ['staff'],
  putKeyEnterprise: ['staff'],
  unmarkKeyEnterprise: ['staff'],
  getKeyEnterprise: ['employer', 'staff'],
  createServiceLog: ['staff'],
  listServiceLogs: ['employer', 'staff'],
  listServiceProblems: ['staff'],
  updateServiceProblem: ['staff'],
  // partner regions, job fairs, key enterprises, agencies (issue 6)
  createPartnerRegion: ['staff'],
  listPartnerRegions: ['employer', 'staff', 'partner'],
  getPartnerRegion: ['employer', 'staff', 'partner'],
  updatePartnerRegion: ['staff'],
  attachPartnerOfficer: ['staff'],
  detachPartnerOfficer: ['staff'],
  getPostingPartnerRegions: ['employer', 'staff'],
  setPostingPartnerRegions: ['employer', 'staff'],
  listTargetedPostings: ['staff', 'partner'],
  listRegionSeekers: ['partner'],
  createReferral: ['partner'],
  listRegionReferrals: ['staff', 'partner'],
  getPartnerRegionStats: ['staff', 'partner'],
  listMyPartnerReferrals: ['seeker'],
  createJobFair: ['staff'],
  listJobFairs: 'public',
  getJobFair: 'public',
  updateJobFair: ['staff'],
  registerJobFairBooth: ['employer'],
  listJobFairBooths: 'public',
  reviewJobFairBooth: ['staff'],
  withdrawJobFairBooth: ['employer'],
  listMyJobFairBooths: ['employer'],
  visitJobFair: ['seeker'],
  getJobFairStats: 'public',
  getJobFairReport: ['staff'],
  registerForJobFair: ['seeker'],
  listMyFairRegistrations: ['seeker'],
  checkInAtJobFair: ['staff'],
  registerAgency: ['agency'],
  listAgencies: ['staff'],
  getMyAgency: ['agency'],
  getAgency: ['agency', 'staff'],
  reviewAgency: ['staff'],
  createServiceContract: ['staff'],
  listServiceContracts: ['agency', 'staff'],
  getServiceContract: ['agency', 'staff'],
  closeServiceContract: ['staff'],
  reportDeliverable: ['agency'],
  listDeliverables: ['agency', 'staff'],
  reviewDeliverable: ['staff'],
  createWelfarePost: ['employer', 'staff'],
  listWelfarePosts: ['employer', 'staff'],
  getWelfarePost: ['employer', 'staff'],
  updateWelfarePost: ['employer', 'staff'],
  placeOnWelfarePost: ['employer', 'staff'],
  listWelfarePlacements: ['employer', 'staff'],
  endWelfarePlacement: ['employer', 'staff'],
  putWelfareAttendance: ['employer', 'staff'],
  listWelfareSubsidies: ['employer', 'staff'],
  createTrainingProvider: ['college', 'agency', 'staff'],
  listTrainingProviders: ['college', 'agency', 'staff'],
  createTrainingCourse: ['college', 'agency', 'staff'],
  listTrainingCourses: ['seeker', 'college', 'agency', 'staff'],
  getTrainingCourse: ['seeker', 'college', 'agency', 'staff'],
  updateTrainingCourse: ['college', 'agency', 'staff'],
  enrollInTrainingCourse: ['seeker', 'college', 'agency', 'staff'],
  listTrainingEnrollments: ['college', 'agency', 'staff'],
  putTrainingAttendance: ['college', 'agency', 'staff'],
  getTrainingOutcomes: ['college', 'agency', 'staff'],
  withdrawTrainingEnrollment: ['seeker', 'college', 'agency', 'staff'],
  completeTrainingEnrollment: ['college', 'agency', 'staff'],
  listMyTrainingEnrollments: ['seeker'],
  createEcommerceProject: ['staff'],
  listEcommerceProjects: ['staff'],
  getEcommerceProject: ['staff'],
  updateEcommerceProject: ['staff'],
  addEcommerceParticipant: ['staff'],
  listEcommerceParticipants: ['staff'],
  updateEcommerceParticipant: ['staff'],
  // monitoring, statistics, early warning, open data (issue 8)
  designateMonitoringSample: ['staff'],
  listMonitoringSamples: ['staff'],
  listLateMonitoringReports: ['staff'],
  submitMonitoringReport: ['employer'],
  listMonitoringReports: ['employer', 'staff'],
  listWarningRules: ['staff'],
  listWarningAlerts: ['staff'],
  getWarningAlert: ['staff'],
  acknowledgeWarningAlert: ['staff'],
  resolveWarningAlert: ['staff'],
  createWarningRule: ['staff'],
  updateWarningRule: ['staff'],
  disableWarningRule: ['staff'],
  getIndicators: ['staff'],
  getSupplyDemand: ['staff'],
  getStatsDashboard: ['staff'],
  getStatsTrends: ['staff'],
  getStatsFunnel: ['staff'],
  getOpenLabourMarket: 'public',
  getMonthlyReportWorkbook: ['staff'],
  getMonthlyReportPdf: ['staff'],
  getJobPostingsFeed: 'public',
  // personal-information rights (issue 9): every signed-in account, about itself
  getPrivacyNotice: 'public',
  listMyConsents: ALL_USERS,
  grantMyConsent: ALL_USERS,
  withdrawMyConsent: ALL_USERS,
  exportMyData: ALL_USERS,
  getMyPersonalData: ALL_USERS,
  updateMyPersonalData: ALL_USERS,
  cancelMyAccount: ALL_USERS,
  listPersonConsents: ['staff'],
  recordPersonConsent: ['staff'],
  // audit trail (issue 9): the auditor only; admins do not read it (separation of duties)
  listAuditEntries: ['auditor'],
  verifyAuditChain: ['auditor'],
};

const CALLERS: Caller[] = [
  'anonymous',
  'seeker',
  'employer',
  'college',
  'agency',
  'staff',
  'admin',
  'partner',
  'auditor',
  'token',
];

let t: TestApp;
const headersOf = new Map<Caller, Record<string, string>>();

beforeAll(async () => {
  t = await testApp();
  headersOf.set('anonymous', {});
  for (const role of [
    'seeker',
    'employer',
    'college',
    'agency',
    'staff',
    'admin',
    'partner',
    'auditor',
  ] as const) {
    headersOf.set(role, (await signedIn(t.app, t.db, role)).headers);
  }
  const admin = headersOf.get('admin') ?? {};
  const tok = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/api-tokens',
    headers: admin,
    payload: { name: 'matrix', scopes: ['reference:read'] },
  });
  headersOf.set('token', { authorization: `Bearer ${(JSON.parse(tok.body) as { token: string }).token}` });
});
afterAll(async () => {
  await t.close();
});

describe('role × route authorization matrix', () => {
  it('has an expectation for every declared route', () => {
    const missing = t.app.routeTable
      .filter((r) => r.operationId && !(r.operationId in EXPECTED))
      .map((r) => r.operationId);
    expect(missing).toEqual([]);
  });

  // Hundreds of routes × nine callers: the callers of one route run concurrently.
  it('lets exactly the expected callers through', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    for (const route of t.app.routeTable) {
      if (!route.operationId) continue;
      const operationId = route.operationId;
      const expected = EXPECTED[operationId];
      const url = route.url.replace(/:(\w+)/g, () => randomUUID());
      // Disabling or logging out would end the callers' sessions mid-matrix: use fresh ones.
      const destructive = ['disableUser', 'logout', 'changePassword', 'resetUserPassword'].includes(
        operationId,
      );
      await Promise.all(
        CALLERS.map(async (caller) => {
          const headers =
            destructive && caller !== 'anonymous' && caller !== 'token'
              ? (await signedIn(t.app, t.db, caller)).headers
              : (headersOf.get(caller) ?? {});
          const res = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          });
          if (res.statusCode >= 500)
            failures.push(`${caller} ${route.method} ${route.url}: ${res.statusCode}`);
          const code = res.statusCode >= 400 ? (JSON.parse(res.body) as { code: string }).code : 'ok';
          const allowed = expected === 'public' || (expected?.includes(caller) ?? false);
          const denied = code === 'unauthenticated' || code === 'forbidden';
          if (allowed && denied)
            failures.push(`${caller} should reach ${operationId} but got ${res.statusCode} ${code}`);
          if (!allowed) {
            const want = caller === 'anonymous' ? 'unauthenticated' : 'forbidden';
            if (code !== want)
              failures.push(`${caller} on ${operationId}: expected ${want}, got ${res.statusCode} ${code}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
  });
});
