import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/*
 * Issue 7's pages, per area: registration and assistance (this folder) and welfare posts, training
 * and e-commerce (../training). Each page module is its own lazy chunk: a seeker's phone downloads
 * only the registration and course pages, never the desk or the case workspace.
 */
const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

const desk = () => import('./desk-page');
const cases = () => import('./cases-page');
const kase = () => import('./case-page');
const persons = () => import('./persons-page');
const person = () => import('./person-page');
const graduates = () => import('./graduates-page');
const mine = () => import('./my-registration-page');
const seekerCourses = () => import('../training/seeker-courses-page');
const courses = () => import('../training/courses-page');
const courseForm = () => import('../training/course-form-page');
const course = () => import('../training/course-page');
const welfarePosts = () => import('../training/welfare-posts-page');
const welfarePost = () => import('../training/welfare-post-page');
const ecommerce = () => import('../training/ecommerce-pages');

const trainingProviderRoutes: RouteObject[] = [
  { path: 'training', lazy: page(courses, (m) => m.CoursesPage) },
  { path: 'training/new', lazy: page(courseForm, (m) => m.CourseFormPage) },
  { path: 'training/:id', lazy: page(course, (m) => m.CoursePage) },
];

const welfareRoutes: RouteObject[] = [
  { path: 'welfare-posts', lazy: page(welfarePosts, (m) => m.WelfarePostsPage) },
  { path: 'welfare-posts/:id', lazy: page(welfarePost, (m) => m.WelfarePostPage) },
];

export const seekerAssistanceRoutes: RouteObject[] = [
  { path: 'registration', lazy: page(mine, (m) => m.MyRegistrationPage) },
  { path: 'training', lazy: page(seekerCourses, (m) => m.SeekerCoursesPage) },
];

export const staffAssistanceRoutes: RouteObject[] = [
  { path: 'desk', lazy: page(desk, (m) => m.DeskPage) },
  { path: 'cases', lazy: page(cases, (m) => m.CasesPage) },
  { path: 'cases/:id', lazy: page(kase, (m) => m.CasePage) },
  { path: 'persons', lazy: page(persons, (m) => m.PersonsPage) },
  { path: 'persons/:id', lazy: page(person, (m) => m.PersonPage) },
  { path: 'graduates', lazy: page(graduates, (m) => m.GraduatesPage) },
  ...welfareRoutes,
  ...trainingProviderRoutes,
  { path: 'ecommerce', lazy: page(ecommerce, (m) => m.EcommerceProjectsPage) },
  { path: 'ecommerce/:id', lazy: page(ecommerce, (m) => m.EcommerceProjectPage) },
];

/** Sponsoring units publish public-welfare posts and report their attendance. */
export const employerAssistanceRoutes: RouteObject[] = [...welfareRoutes];

/** Colleges and agencies run courses; colleges report graduates. */
export const partnerAssistanceRoutes: RouteObject[] = [
  ...trainingProviderRoutes,
  { path: 'graduates', lazy: page(graduates, (m) => m.GraduatesPage) },
];
