import {
  EcommerceParticipantSchema,
  EcommerceProjectSchema,
  pageOf,
  SessionAttendanceSchema,
  TrainingCourseSchema,
  TrainingEnrollmentSchema,
  TrainingOutcomesSchema,
  TrainingProviderSchema,
  WelfarePlacementSchema,
  WelfarePostSchema,
  WelfareSubsidyRecordSchema,
  type AddEcommerceParticipantBody,
  type CompleteEnrollmentBody,
  type CreateEcommerceProjectBody,
  type CreateTrainingCourseBody,
  type CreateTrainingProviderBody,
  type CreateWelfarePostBody,
  type EcommerceProjectStatus,
  type EndWelfarePlacementBody,
  type EnrollBody,
  type ListEcommerceParticipantsQuery,
  type ListEcommerceProjectsQuery,
  type ListTrainingCoursesQuery,
  type ListTrainingEnrollmentsQuery,
  type ListTrainingProvidersQuery,
  type ListWelfarePlacementsQuery,
  type ListWelfarePostsQuery,
  type ListWelfareSubsidiesQuery,
  type PlaceOnWelfarePostBody,
  type PutSessionAttendanceBody,
  type PutWelfareAttendanceBody,
  type TrainingCourseStatus,
  type UpdateEcommerceParticipantBody,
  type WelfarePostStatus,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

/* Typed calls of public-welfare posts, vocational training and rural e-commerce (issue 7). */

type Query<T> = { [K in keyof T]?: T[K] | undefined };
const enc = encodeURIComponent;

export const trainingKeys = {
  all: ['training'] as const,
  providers: (q: object) => ['training', 'providers', q] as const,
  courses: (q: object) => ['training', 'courses', q] as const,
  course: (id: string) => ['training', 'course', id] as const,
  enrollments: (id: string, q: object) => ['training', 'course', id, 'enrollments', q] as const,
  outcomes: (id: string) => ['training', 'course', id, 'outcomes'] as const,
  mine: ['training', 'mine'] as const,
  posts: (q: object) => ['training', 'welfare-posts', q] as const,
  post: (id: string) => ['training', 'welfare-post', id] as const,
  placements: (id: string, q: object) => ['training', 'welfare-post', id, 'placements', q] as const,
  subsidies: (q: object) => ['training', 'welfare-subsidies', q] as const,
  projects: (q: object) => ['training', 'ecommerce', q] as const,
  project: (id: string) => ['training', 'ecommerce-project', id] as const,
  participants: (id: string, q: object) => ['training', 'ecommerce-project', id, 'participants', q] as const,
};

// ——— Training providers and courses ———

export function listProviders(q: Query<ListTrainingProvidersQuery>) {
  return apiRequest('/api/v1/training-providers', { query: q }, pageOf(TrainingProviderSchema));
}

export function createProvider(body: CreateTrainingProviderBody) {
  return apiRequest('/api/v1/training-providers', { method: 'POST', body }, TrainingProviderSchema);
}

export function listCourses(q: Query<ListTrainingCoursesQuery>) {
  return apiRequest('/api/v1/training-courses', { query: q }, pageOf(TrainingCourseSchema));
}

export function getCourse(id: string) {
  return apiRequest(`/api/v1/training-courses/${enc(id)}`, {}, TrainingCourseSchema);
}

export function createCourse(body: CreateTrainingCourseBody) {
  return apiRequest('/api/v1/training-courses', { method: 'POST', body }, TrainingCourseSchema);
}

export function setCourseStatus(id: string, status: TrainingCourseStatus) {
  return apiRequest(
    `/api/v1/training-courses/${enc(id)}`,
    { method: 'PATCH', body: { status } },
    TrainingCourseSchema,
  );
}

/** A seeker sends {} (themself); staff and the provider a person on file or a new one. */
export function enroll(courseId: string, body: EnrollBody) {
  return apiRequest(
    `/api/v1/training-courses/${enc(courseId)}/enrollments`,
    { method: 'POST', body },
    TrainingEnrollmentSchema,
  );
}

export function listEnrollments(courseId: string, q: Query<ListTrainingEnrollmentsQuery>) {
  return apiRequest(
    `/api/v1/training-courses/${enc(courseId)}/enrollments`,
    { query: q },
    pageOf(TrainingEnrollmentSchema),
  );
}

export function putAttendance(courseId: string, sessionId: string, body: PutSessionAttendanceBody) {
  return apiRequest(
    `/api/v1/training-courses/${enc(courseId)}/sessions/${enc(sessionId)}/attendance`,
    { method: 'PUT', body },
    SessionAttendanceSchema,
  );
}

export function getOutcomes(courseId: string) {
  return apiRequest(`/api/v1/training-courses/${enc(courseId)}/outcomes`, {}, TrainingOutcomesSchema);
}

export function withdrawEnrollment(id: string, reason: string) {
  return apiRequest(
    `/api/v1/training-enrollments/${enc(id)}/withdraw`,
    { method: 'POST', body: { reason } },
    TrainingEnrollmentSchema,
  );
}

export function completeEnrollment(id: string, body: CompleteEnrollmentBody) {
  return apiRequest(
    `/api/v1/training-enrollments/${enc(id)}/complete`,
    { method: 'POST', body },
    TrainingEnrollmentSchema,
  );
}

export async function listMyEnrollments() {
  return (
    await apiRequest(
      '/api/v1/me/training-enrollments',
      { query: { page: 1, pageSize: 100 } },
      pageOf(TrainingEnrollmentSchema),
    )
  ).items;
}

// ——— Public-welfare posts ———

export function listWelfarePosts(q: Query<ListWelfarePostsQuery>) {
  return apiRequest('/api/v1/welfare-posts', { query: q }, pageOf(WelfarePostSchema));
}

export function getWelfarePost(id: string) {
  return apiRequest(`/api/v1/welfare-posts/${enc(id)}`, {}, WelfarePostSchema);
}

export function createWelfarePost(body: CreateWelfarePostBody) {
  return apiRequest('/api/v1/welfare-posts', { method: 'POST', body }, WelfarePostSchema);
}

export function setWelfarePostStatus(id: string, status: WelfarePostStatus) {
  return apiRequest(
    `/api/v1/welfare-posts/${enc(id)}`,
    { method: 'PATCH', body: { status } },
    WelfarePostSchema,
  );
}

export function placeOnPost(postId: string, body: PlaceOnWelfarePostBody) {
  return apiRequest(
    `/api/v1/welfare-posts/${enc(postId)}/placements`,
    { method: 'POST', body },
    WelfarePlacementSchema,
  );
}

export function listPlacements(postId: string, q: Query<ListWelfarePlacementsQuery>) {
  return apiRequest(
    `/api/v1/welfare-posts/${enc(postId)}/placements`,
    { query: q },
    pageOf(WelfarePlacementSchema),
  );
}

export function endPlacement(id: string, body: EndWelfarePlacementBody) {
  return apiRequest(
    `/api/v1/welfare-placements/${enc(id)}/end`,
    { method: 'POST', body },
    WelfarePlacementSchema,
  );
}

export function putWelfareAttendance(placementId: string, month: string, body: PutWelfareAttendanceBody) {
  return apiRequest(
    `/api/v1/welfare-placements/${enc(placementId)}/attendance/${enc(month)}`,
    { method: 'PUT', body },
    WelfareSubsidyRecordSchema,
  );
}

export function listSubsidies(q: Query<ListWelfareSubsidiesQuery>) {
  return apiRequest('/api/v1/welfare-subsidies', { query: q }, pageOf(WelfareSubsidyRecordSchema));
}

// ——— Rural e-commerce ———

export function listProjects(q: Query<ListEcommerceProjectsQuery>) {
  return apiRequest('/api/v1/ecommerce-projects', { query: q }, pageOf(EcommerceProjectSchema));
}

export function getProject(id: string) {
  return apiRequest(`/api/v1/ecommerce-projects/${enc(id)}`, {}, EcommerceProjectSchema);
}

export function createProject(body: CreateEcommerceProjectBody) {
  return apiRequest('/api/v1/ecommerce-projects', { method: 'POST', body }, EcommerceProjectSchema);
}

export function setProjectStatus(id: string, status: EcommerceProjectStatus) {
  return apiRequest(
    `/api/v1/ecommerce-projects/${enc(id)}`,
    { method: 'PATCH', body: { status } },
    EcommerceProjectSchema,
  );
}

export function listParticipants(projectId: string, q: Query<ListEcommerceParticipantsQuery>) {
  return apiRequest(
    `/api/v1/ecommerce-projects/${enc(projectId)}/participants`,
    { query: q },
    pageOf(EcommerceParticipantSchema),
  );
}

export function addParticipant(projectId: string, body: AddEcommerceParticipantBody) {
  return apiRequest(
    `/api/v1/ecommerce-projects/${enc(projectId)}/participants`,
    { method: 'POST', body },
    EcommerceParticipantSchema,
  );
}

export function updateParticipant(id: string, body: UpdateEcommerceParticipantBody) {
  return apiRequest(
    `/api/v1/ecommerce-participants/${enc(id)}`,
    { method: 'PATCH', body },
    EcommerceParticipantSchema,
  );
}
