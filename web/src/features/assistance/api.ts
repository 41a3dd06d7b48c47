import { z } from 'zod';
import {
  CaseSchema,
  CaseListItemSchema,
  FactDefinitionSchema,
  GraduateSchema,
  KeyGroupMembershipListSchema,
  KeyGroupMembershipSchema,
  MyRegistrationSchema,
  OverdueItemSchema,
  pageOf,
  PersonListItemSchema,
  PersonLookupResultSchema,
  PersonSchema,
  RegistrationSchema,
  RevealIdResultSchema,
  TimelineSchema,
  WorkloadSchema,
  type CaseOutcome,
  type CreateGraduateBody,
  type CreatePersonBody,
  type CreateRegistrationBody,
  type CreateServiceBody,
  type DeregisterBody,
  type FollowUpBody,
  type KeyGroup,
  type ListCasesQuery,
  type ListGraduatesQuery,
  type ListPersonsQuery,
  type ListRegistrationsQuery,
  type UpdatePersonBody,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

/*
 * Typed calls of the person registry, registrations, key groups, cases and graduates (issue 7).
 * Full identity numbers travel only in request bodies (POST /persons, /persons/lookup), never in a
 * URL: URLs end up in logs.
 */

const PersonPageSchema = pageOf(PersonListItemSchema);
const RegistrationPageSchema = pageOf(RegistrationSchema);
const CasePageSchema = pageOf(CaseListItemSchema);
const OverduePageSchema = pageOf(OverdueItemSchema);
const GraduatePageSchema = pageOf(GraduateSchema);
const FactListSchema = z.object({ items: z.array(FactDefinitionSchema) });
/** What a policy referral needs of the catalogue: the code and the names. */
const PolicyOptionPageSchema = pageOf(
  z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), inEffect: z.boolean() }),
);

type Query<T> = { [K in keyof T]?: T[K] | undefined };

const enc = encodeURIComponent;

export const assistanceKeys = {
  all: ['assistance'] as const,
  persons: (q: object) => ['assistance', 'persons', q] as const,
  person: (id: string) => ['assistance', 'person', id] as const,
  timeline: (id: string) => ['assistance', 'person', id, 'timeline'] as const,
  memberships: (id: string) => ['assistance', 'person', id, 'key-groups'] as const,
  registrations: (q: object) => ['assistance', 'registrations', q] as const,
  cases: (q: object) => ['assistance', 'cases', q] as const,
  overdue: (q: object) => ['assistance', 'overdue', q] as const,
  workload: ['assistance', 'workload'] as const,
  case: (id: string) => ['assistance', 'case', id] as const,
  mine: ['assistance', 'me'] as const,
  graduates: (q: object) => ['assistance', 'graduates', q] as const,
  facts: ['assistance', 'facts'] as const,
  policies: ['assistance', 'policy-options'] as const,
};

// ——— Persons ———

/** 201 a new record, 200 the person already on file with this identity number. */
export function createPerson(body: CreatePersonBody) {
  return apiRequest('/api/v1/persons', { method: 'POST', body }, PersonSchema);
}

export function lookupPerson(idNumber: string) {
  return apiRequest(
    '/api/v1/persons/lookup',
    { method: 'POST', body: { idNumber } },
    PersonLookupResultSchema,
  );
}

export function listPersons(q: Query<ListPersonsQuery>) {
  return apiRequest('/api/v1/persons', { query: q }, PersonPageSchema);
}

export function getPerson(id: string) {
  return apiRequest(`/api/v1/persons/${enc(id)}`, {}, PersonSchema);
}

export function updatePerson(id: string, body: UpdatePersonBody) {
  return apiRequest(`/api/v1/persons/${enc(id)}`, { method: 'PATCH', body }, PersonSchema);
}

export function revealIdNumber(id: string, reason: string) {
  return apiRequest(
    `/api/v1/persons/${enc(id)}/reveal-id`,
    { method: 'POST', body: { reason } },
    RevealIdResultSchema,
  );
}

/** Links a walk-in's record to the seeker account with this phone (staff of the person's district). */
export function linkAccount(id: string, phone: string) {
  return apiRequest(
    `/api/v1/persons/${enc(id)}/link-account`,
    { method: 'POST', body: { phone } },
    PersonSchema,
  );
}

export async function getTimeline(id: string) {
  return (await apiRequest(`/api/v1/persons/${enc(id)}/timeline`, {}, TimelineSchema)).items;
}

// ——— Key groups ———

export async function listMemberships(personId: string) {
  return (await apiRequest(`/api/v1/persons/${enc(personId)}/key-groups`, {}, KeyGroupMembershipListSchema))
    .items;
}

export function confirmMembership(personId: string, group: KeyGroup) {
  return apiRequest(
    `/api/v1/persons/${enc(personId)}/key-groups/${enc(group)}/confirm`,
    { method: 'POST', body: {} },
    KeyGroupMembershipSchema,
  );
}

/** Applies the rules in force now (after new evidence or a rule change); answers the memberships. */
export async function reclassify(personId: string) {
  return (
    await apiRequest(
      `/api/v1/persons/${enc(personId)}/reclassify`,
      { method: 'POST', body: {} },
      KeyGroupMembershipListSchema,
    )
  ).items;
}

/** Labels of the facts a classification's evidence names (the policy fact registry, public). */
export async function listFacts() {
  return (await apiRequest('/api/v1/policy-facts', { query: { subjectType: 'person' } }, FactListSchema))
    .items;
}

// ——— Registrations ———

export function createRegistration(body: CreateRegistrationBody) {
  return apiRequest('/api/v1/registrations', { method: 'POST', body }, RegistrationSchema);
}

export function listRegistrations(q: Query<ListRegistrationsQuery>) {
  return apiRequest('/api/v1/registrations', { query: q }, RegistrationPageSchema);
}

export function deregister(id: string, body: DeregisterBody) {
  return apiRequest(
    `/api/v1/registrations/${enc(id)}/deregister`,
    { method: 'POST', body },
    RegistrationSchema,
  );
}

/** The seeker's own record, registrations, key groups, case and timeline. */
export function getMyRegistration() {
  return apiRequest('/api/v1/me/registration', {}, MyRegistrationSchema);
}

// ——— Cases ———

export function listCases(q: Query<ListCasesQuery>) {
  return apiRequest('/api/v1/cases', { query: q }, CasePageSchema);
}

export function listOverdue(q: { scope: 'mine' | 'district'; page: number; pageSize: number }) {
  return apiRequest('/api/v1/cases/overdue', { query: q }, OverduePageSchema);
}

export async function getWorkload() {
  return (await apiRequest('/api/v1/cases/workload', {}, WorkloadSchema)).items;
}

export function getCase(id: string) {
  return apiRequest(`/api/v1/cases/${enc(id)}`, {}, CaseSchema);
}

/** Answers the case with the new service (newest first). */
export function addService(caseId: string, body: CreateServiceBody) {
  return apiRequest(`/api/v1/cases/${enc(caseId)}/services`, { method: 'POST', body }, CaseSchema);
}

export function recordFollowUp(caseId: string, serviceId: string, body: FollowUpBody) {
  return apiRequest(
    `/api/v1/cases/${enc(caseId)}/services/${enc(serviceId)}/follow-up`,
    { method: 'POST', body },
    CaseSchema,
  );
}

export function closeCase(caseId: string, body: { outcome: CaseOutcome; note?: string }) {
  return apiRequest(`/api/v1/cases/${enc(caseId)}/close`, { method: 'POST', body }, CaseSchema);
}

export function reassignCase(caseId: string, officerUserId: string) {
  return apiRequest(`/api/v1/cases/${enc(caseId)}`, { method: 'PATCH', body: { officerUserId } }, CaseSchema);
}

/** Current policies for people (a policy referral names one). */
export async function listPolicyOptions() {
  return (
    await apiRequest(
      '/api/v1/policies',
      { query: { applicantType: 'person', page: 1, pageSize: 100 } },
      PolicyOptionPageSchema,
    )
  ).items;
}

// ——— Graduates ———

export function listGraduates(q: Query<ListGraduatesQuery>) {
  return apiRequest('/api/v1/graduates', { query: q }, GraduatePageSchema);
}

export function createGraduate(body: CreateGraduateBody) {
  return apiRequest('/api/v1/graduates', { method: 'POST', body }, GraduateSchema);
}
