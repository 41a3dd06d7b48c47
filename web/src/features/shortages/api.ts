import {
  CohortMatchesSchema,
  CohortSchema,
  CohortStudentsPageSchema,
  CollegeAgreementSchema,
  CollegeSchema,
  DemandMatchesSchema,
  EnterpriseDemandSchema,
  IdleWorkforceSchema,
  KeyEnterpriseSchema,
  pageOf,
  ServiceLogSchema,
  ServiceProblemSchema,
  SharingAgreementSchema,
  SharingMatchesSchema,
  ShortageBoardSchema,
  ShortageSchema,
  type AddCohortStudentsBody,
  type CreateCohortBody,
  type CreateEnterpriseDemandBody,
  type CreateIdleWorkforceBody,
  type CreateServiceLogBody,
  type CreateSharingAgreementBody,
  type CreateShortageBody,
  type PutKeyEnterpriseBody,
  type PutMyCollegeBody,
  type UpdateServiceProblemBody,
  type UpdateShortageBody,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

/*
 * Calls of issue 6's shortages, shared employment, colleges and key enterprises. Paths follow the
 * issue's contract (`/shortages`, `/idle-workforce`, `/sharing-agreements`, `/cohorts`,
 * `/key-enterprises/{enterpriseId}/service-logs`) and the routes built around it.
 */

const id = (x: string) => encodeURIComponent(x);
type Query = Record<string, string | number | boolean | undefined>;

const ShortagePage = pageOf(ShortageSchema);
const IdlePage = pageOf(IdleWorkforceSchema);
const AgreementPage = pageOf(SharingAgreementSchema);
const CohortPage = pageOf(CohortSchema);
const DemandPage = pageOf(EnterpriseDemandSchema);
const CollegeAgreementPage = pageOf(CollegeAgreementSchema);
const KeyEnterprisePage = pageOf(KeyEnterpriseSchema);
const ServiceLogPage = pageOf(ServiceLogSchema);
const ProblemPage = pageOf(ServiceProblemSchema);

export const labourKeys = {
  all: ['labour'] as const,
  shortages: (q: object) => ['labour', 'shortages', q] as const,
  shortage: (shortageId: string) => ['labour', 'shortage', shortageId] as const,
  board: (q: object) => ['labour', 'board', q] as const,
  matches: (shortageId: string) => ['labour', 'matches', shortageId] as const,
  idle: (q: object) => ['labour', 'idle', q] as const,
  agreements: (q: object) => ['labour', 'agreements', q] as const,
  agreement: (agreementId: string) => ['labour', 'agreement', agreementId] as const,
  mySharing: ['labour', 'my-sharing'] as const,
  college: ['labour', 'college'] as const,
  cohorts: (q: object) => ['labour', 'cohorts', q] as const,
  cohort: (cohortId: string) => ['labour', 'cohort', cohortId] as const,
  cohortMatches: (cohortId: string) => ['labour', 'cohort-matches', cohortId] as const,
  students: (cohortId: string) => ['labour', 'students', cohortId] as const,
  demands: (q: object) => ['labour', 'demands', q] as const,
  demandMatches: (demandId: string) => ['labour', 'demand-matches', demandId] as const,
  collegeAgreements: (q: object) => ['labour', 'college-agreements', q] as const,
  keyEnterprises: (q: object) => ['labour', 'key-enterprises', q] as const,
  keyEnterprise: (enterpriseId: string) => ['labour', 'key-enterprise', enterpriseId] as const,
  serviceLogs: (enterpriseId: string) => ['labour', 'service-logs', enterpriseId] as const,
  problems: (q: object) => ['labour', 'problems', q] as const,
};

// ─── Shortages ───────────────────────────────────────────────────────────────────────────────────

export const listShortages = (q: Query) => apiRequest('/api/v1/shortages', { query: q }, ShortagePage);
export const getShortage = (shortageId: string) =>
  apiRequest(`/api/v1/shortages/${id(shortageId)}`, {}, ShortageSchema);
export const createShortage = (body: CreateShortageBody) =>
  apiRequest('/api/v1/shortages', { method: 'POST', body }, ShortageSchema);
export const updateShortage = (shortageId: string, body: UpdateShortageBody) =>
  apiRequest(`/api/v1/shortages/${id(shortageId)}`, { method: 'PATCH', body }, ShortageSchema);
export const getShortageBoard = (q: Query) =>
  apiRequest('/api/v1/shortages/board', { query: q }, ShortageBoardSchema);
export const getShortageMatches = (shortageId: string) =>
  apiRequest(`/api/v1/shortages/${id(shortageId)}/matches`, { query: { limit: 10 } }, SharingMatchesSchema);

// ─── Shared employment ───────────────────────────────────────────────────────────────────────────

export const listIdleWorkforce = (q: Query) => apiRequest('/api/v1/idle-workforce', { query: q }, IdlePage);
export const createIdleWorkforce = (body: CreateIdleWorkforceBody) =>
  apiRequest('/api/v1/idle-workforce', { method: 'POST', body }, IdleWorkforceSchema);

export const listSharingAgreements = (q: Query) =>
  apiRequest('/api/v1/sharing-agreements', { query: q }, AgreementPage);
export const getSharingAgreement = (agreementId: string) =>
  apiRequest(`/api/v1/sharing-agreements/${id(agreementId)}`, {}, SharingAgreementSchema);
export const createSharingAgreement = (body: CreateSharingAgreementBody) =>
  apiRequest('/api/v1/sharing-agreements', { method: 'POST', body }, SharingAgreementSchema);
export const signSharingAgreement = (agreementId: string, party: 'lender' | 'borrower') =>
  apiRequest(
    `/api/v1/sharing-agreements/${id(agreementId)}/sign`,
    { method: 'POST', body: { party } },
    SharingAgreementSchema,
  );
export const answerSharingConsent = (agreementId: string, decision: 'consent' | 'decline') =>
  apiRequest(
    `/api/v1/sharing-agreements/${id(agreementId)}/consent`,
    { method: 'POST', body: { decision } },
    SharingAgreementSchema,
  );
/** A worker's own agreements (their entry only). */
export const listMySharingAgreements = () =>
  apiRequest('/api/v1/me/sharing-agreements', { query: { page: 1, pageSize: 50 } }, AgreementPage);
export const recordSharingMilestone = (agreementId: string, step: 'start' | 'end' | 'return', on: string) =>
  apiRequest(
    `/api/v1/sharing-agreements/${id(agreementId)}/${step}`,
    { method: 'POST', body: { on } },
    SharingAgreementSchema,
  );

// ─── Colleges ────────────────────────────────────────────────────────────────────────────────────

export const getMyCollege = () => apiRequest('/api/v1/colleges/me', {}, CollegeSchema);
export const putMyCollege = (body: PutMyCollegeBody) =>
  apiRequest('/api/v1/colleges/me', { method: 'PUT', body }, CollegeSchema);
export const listCohorts = (q: Query) => apiRequest('/api/v1/cohorts', { query: q }, CohortPage);
export const getCohort = (cohortId: string) =>
  apiRequest(`/api/v1/cohorts/${id(cohortId)}`, {}, CohortSchema);
export const createCohort = (body: CreateCohortBody) =>
  apiRequest('/api/v1/cohorts', { method: 'POST', body }, CohortSchema);
export const getCohortMatches = (cohortId: string) =>
  apiRequest(`/api/v1/cohorts/${id(cohortId)}/matches`, { query: { limit: 10 } }, CohortMatchesSchema);
export const listCohortStudents = (cohortId: string) =>
  apiRequest(
    `/api/v1/cohorts/${id(cohortId)}/students`,
    { query: { page: 1, pageSize: 100 } },
    CohortStudentsPageSchema,
  );
export const addCohortStudents = (cohortId: string, body: AddCohortStudentsBody) =>
  apiRequest(`/api/v1/cohorts/${id(cohortId)}/students`, { method: 'POST', body });

export const listDemands = (q: Query) => apiRequest('/api/v1/enterprise-demands', { query: q }, DemandPage);
export const createDemand = (body: CreateEnterpriseDemandBody) =>
  apiRequest('/api/v1/enterprise-demands', { method: 'POST', body }, EnterpriseDemandSchema);
export const getDemandMatches = (demandId: string) =>
  apiRequest(
    `/api/v1/enterprise-demands/${id(demandId)}/matches`,
    { query: { limit: 10 } },
    DemandMatchesSchema,
  );

export const listCollegeAgreements = (q: Query) =>
  apiRequest('/api/v1/college-agreements', { query: q }, CollegeAgreementPage);
export const createCollegeAgreement = (body: { cohortId: string; demandId: string; studentCount: number }) =>
  apiRequest('/api/v1/college-agreements', { method: 'POST', body }, CollegeAgreementSchema);
export const signCollegeAgreement = (agreementId: string, party: 'college' | 'enterprise') =>
  apiRequest(
    `/api/v1/college-agreements/${id(agreementId)}/sign`,
    { method: 'POST', body: { party } },
    CollegeAgreementSchema,
  );

// ─── Key enterprises ─────────────────────────────────────────────────────────────────────────────

export const listKeyEnterprises = (q: Query) =>
  apiRequest('/api/v1/key-enterprises', { query: q }, KeyEnterprisePage);
export const getKeyEnterprise = (enterpriseId: string) =>
  apiRequest(`/api/v1/key-enterprises/${id(enterpriseId)}`, {}, KeyEnterpriseSchema);
export const putKeyEnterprise = (enterpriseId: string, body: PutKeyEnterpriseBody) =>
  apiRequest(`/api/v1/key-enterprises/${id(enterpriseId)}`, { method: 'PUT', body }, KeyEnterpriseSchema);
export const listServiceLogs = (enterpriseId: string) =>
  apiRequest(
    `/api/v1/key-enterprises/${id(enterpriseId)}/service-logs`,
    { query: { page: 1, pageSize: 50 } },
    ServiceLogPage,
  );
export const createServiceLog = (enterpriseId: string, body: CreateServiceLogBody) =>
  apiRequest(
    `/api/v1/key-enterprises/${id(enterpriseId)}/service-logs`,
    { method: 'POST', body },
    ServiceLogSchema,
  );
export const listServiceProblems = (q: Query) =>
  apiRequest('/api/v1/service-problems', { query: q }, ProblemPage);
export const updateServiceProblem = (problemId: string, body: UpdateServiceProblemBody) =>
  apiRequest(`/api/v1/service-problems/${id(problemId)}`, { method: 'PATCH', body }, ServiceProblemSchema);
