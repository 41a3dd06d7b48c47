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
const ALL_USERS: Caller[] = ['seeker', 'employer', 'college', 'agency', 'staff', 'admin'];
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
  listMyConsents: ['seeker'],
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
  // chartered buses (issue 4)
  // policy catalogue and applications (issue 5)
  // payouts, entrepreneurship, proactive eligibility (issue 5)
  // persons, registrations, key groups, cases (issue 7)
  // welfare posts, training, e-commerce (issue 7)
};

const CALLERS: Caller[] = ['anonymous', 'seeker', 'employer', 'college', 'agency', 'staff', 'admin', 'token'];

let t: TestApp;
const headersOf = new Map<Caller, Record<string, string>>();

beforeAll(async () => {
  t = await testApp();
  headersOf.set('anonymous', {});
  for (const role of ['seeker', 'employer', 'college', 'agency', 'staff', 'admin'] as const) {
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

  it('lets exactly the expected callers through', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeTable) {
      if (!route.operationId) continue;
      const expected = EXPECTED[route.operationId];
      const url = route.url.replace(/:(\w+)/g, () => randomUUID());
      for (const caller of CALLERS) {
        // Disabling or logging out would end the callers' sessions mid-matrix: use fresh ones.
        const destructive = ['disableUser', 'logout', 'changePassword', 'resetUserPassword'].includes(
          route.operationId,
        );
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
        const code = res.statusCode >= 400 ? (JSON.parse(res.body) as { code: string }).code : 'ok';
        const allowed = expected === 'public' || (expected?.includes(caller) ?? false);
        const denied = code === 'unauthenticated' || code === 'forbidden';
        if (allowed && denied)
          failures.push(`${caller} should reach ${route.operationId} but got ${res.statusCode} ${code}`);
        if (!allowed) {
          const want = caller === 'anonymous' ? 'unauthenticated' : 'forbidden';
          if (code !== want)
            failures.push(
              `${caller} on ${route.operationId}: expected ${want}, got ${res.statusCode} ${code}`,
            );
        }
        expect(res.statusCode, `${caller} ${route.method} ${route.url}`).toBeLessThan(500);
      }
    }
    expect(failures).toEqual([]);
  });
});
