import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/*
 * Issue 6's pages, per area. Each page module is its own lazy chunk: a seeker on a phone downloads
 * only the consent and fair pages, never the staff board.
 */
const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

const shortageList = () => import('./shortage-list-pages');
const shortageForm = () => import('./shortage-form-page');
const shortageDetail = () => import('./shortage-page');
const sharing = () => import('./sharing-pages');
const colleges = () => import('./college-pages');
const keyEnterprises = () => import('./key-enterprise-pages');
const nav = () => import('./nav');
const staffFairs = () => import('../fairs/staff-fair-pages');
const fairs = () => import('../fairs/fair-pages');
const regions = () => import('../fairs/region-pages');
const agencies = () => import('../fairs/agency-pages');

export const employerLabourRoutes: RouteObject[] = [
  { path: 'labour', lazy: page(nav, (m) => m.EmployerLabourHubPage) },
  { path: 'shortages', lazy: page(shortageList, (m) => m.EmployerShortagesPage) },
  { path: 'shortages/new', lazy: page(shortageForm, (m) => m.NewShortagePage) },
  { path: 'shortages/:id', lazy: page(shortageDetail, (m) => m.EmployerShortagePage) },
  { path: 'idle-workforce', lazy: page(sharing, (m) => m.IdleWorkforcePage) },
  { path: 'sharing', lazy: page(sharing, (m) => m.EmployerSharingAgreementsPage) },
  { path: 'sharing/:id', lazy: page(sharing, (m) => m.EmployerSharingAgreementPage) },
  // The server's notifications link here.
  { path: 'sharing-agreements/:id', lazy: page(sharing, (m) => m.EmployerSharingAgreementPage) },
  { path: 'college', lazy: page(colleges, (m) => m.EmployerCollegePage) },
  { path: 'fairs', lazy: page(fairs, (m) => m.EmployerFairsPage) },
  { path: 'fairs/:id', lazy: page(fairs, (m) => m.EmployerFairsPage) },
  { path: 'service-log', lazy: page(keyEnterprises, (m) => m.EmployerServiceLogPage) },
];

export const seekerLabourRoutes: RouteObject[] = [
  { path: 'sharing', lazy: page(sharing, (m) => m.SeekerSharingPage) },
  { path: 'sharing-agreements/:id', lazy: page(sharing, (m) => m.SeekerSharingPage) },
  { path: 'fairs', lazy: page(fairs, (m) => m.SeekerFairsPage) },
  { path: 'fairs/:id', lazy: page(fairs, (m) => m.SeekerFairPage) },
];

/** The partner area: colleges, agencies and partner-region officers each reach only their pages (the API checks the role). */
export const partnerLabourRoutes: RouteObject[] = [
  { path: 'college', lazy: page(colleges, (m) => m.CollegeHomePage) },
  { path: 'cohorts/:id', lazy: page(colleges, (m) => m.CohortPage) },
  { path: 'agency', lazy: page(agencies, (m) => m.AgencyHomePage) },
  { path: 'contracts/:id', lazy: page(agencies, (m) => m.AgencyContractPage) },
  { path: 'region', lazy: page(regions, (m) => m.PartnerOfficerPage) },
  { path: 'regions/:id/postings', lazy: page(regions, (m) => m.PartnerOfficerPage) },
];

export const staffLabourRoutes: RouteObject[] = [
  { path: 'shortages', lazy: page(shortageList, (m) => m.StaffShortageBoardPage) },
  { path: 'shortages/:id', lazy: page(shortageDetail, (m) => m.StaffShortagePage) },
  { path: 'sharing', lazy: page(sharing, (m) => m.StaffSharingAgreementsPage) },
  { path: 'sharing/:id', lazy: page(sharing, (m) => m.StaffSharingAgreementPage) },
  { path: 'colleges', lazy: page(colleges, (m) => m.StaffCollegesPage) },
  { path: 'key-enterprises', lazy: page(keyEnterprises, (m) => m.KeyEnterprisesPage) },
  { path: 'key-enterprises/:enterpriseId', lazy: page(keyEnterprises, (m) => m.KeyEnterprisePage) },
  { path: 'service-problems', lazy: page(keyEnterprises, (m) => m.ServiceProblemsPage) },
  { path: 'partner-regions', lazy: page(regions, (m) => m.PartnerRegionsPage) },
  { path: 'fairs', lazy: page(staffFairs, (m) => m.StaffFairsPage) },
  { path: 'fairs/new', lazy: page(staffFairs, (m) => m.NewFairPage) },
  { path: 'fairs/:id', lazy: page(staffFairs, (m) => m.StaffFairPage) },
  { path: 'agencies', lazy: page(agencies, (m) => m.StaffAgenciesPage) },
  { path: 'contracts/:id', lazy: page(agencies, (m) => m.StaffContractPage) },
];
