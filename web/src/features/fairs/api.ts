import {
  AgencySchema,
  DeliverableSchema,
  FairReportSchema,
  FairStatsSchema,
  FairVisitSchema,
  JobFairBoothSchema,
  JobFairSchema,
  pageOf,
  PartnerRegionSchema,
  ReferralSchema,
  RegionSeekerSchema,
  RegionStatsSchema,
  ServiceContractSchema,
  TargetedPostingSchema,
  type CreateDeliverableBody,
  type CreateJobFairBody,
  type CreatePartnerRegionBody,
  type CreateReferralBody,
  type CreateServiceContractBody,
  type RegisterAgencyBody,
  type RegisterBoothBody,
  type ReviewAgencyBody,
  type ReviewBoothBody,
  type ReviewDeliverableBody,
  type UpdateJobFairBody,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

/*
 * Calls of issue 6's partner regions, job fairs and HR service agencies. Paths follow the issue's
 * contract (`/partner-regions`, `/job-fairs`, `/job-fairs/{id}/booths`, `/job-fairs/{id}/stats`,
 * `/service-contracts`) and the routes built around it.
 */

const id = (x: string) => encodeURIComponent(x);
type Query = Record<string, string | number | boolean | undefined>;

const RegionPage = pageOf(PartnerRegionSchema);
const TargetedPage = pageOf(TargetedPostingSchema);
const SeekerPage = pageOf(RegionSeekerSchema);
const ReferralPage = pageOf(ReferralSchema);
const FairPage = pageOf(JobFairSchema);
const BoothPage = pageOf(JobFairBoothSchema);
const AgencyPage = pageOf(AgencySchema);
const ContractPage = pageOf(ServiceContractSchema);
const DeliverablePage = pageOf(DeliverableSchema);

export const fairKeys = {
  all: ['fairs'] as const,
  regions: (q: object) => ['fairs', 'regions', q] as const,
  targeted: (regionId: string, q: object) => ['fairs', 'targeted', regionId, q] as const,
  seekers: (regionId: string, q: object) => ['fairs', 'seekers', regionId, q] as const,
  referrals: (regionId: string) => ['fairs', 'referrals', regionId] as const,
  regionStats: (regionId: string) => ['fairs', 'region-stats', regionId] as const,
  fairs: (q: object) => ['fairs', 'list', q] as const,
  fair: (fairId: string) => ['fairs', 'one', fairId] as const,
  booths: (fairId: string, q: object) => ['fairs', 'booths', fairId, q] as const,
  myBooths: ['fairs', 'my-booths'] as const,
  stats: (fairId: string) => ['fairs', 'stats', fairId] as const,
  report: (fairId: string) => ['fairs', 'report', fairId] as const,
  agencies: (q: object) => ['fairs', 'agencies', q] as const,
  myAgency: ['fairs', 'my-agency'] as const,
  contracts: (q: object) => ['fairs', 'contracts', q] as const,
  contract: (contractId: string) => ['fairs', 'contract', contractId] as const,
  deliverables: (contractId: string) => ['fairs', 'deliverables', contractId] as const,
};

// ─── Partner regions ─────────────────────────────────────────────────────────────────────────────

/** Staff: every partner region; a partner officer: their own region(s). */
export const listPartnerRegions = (q: Query) =>
  apiRequest('/api/v1/partner-regions', { query: q }, RegionPage);
export const createPartnerRegion = (body: CreatePartnerRegionBody) =>
  apiRequest('/api/v1/partner-regions', { method: 'POST', body }, PartnerRegionSchema);
export const attachPartnerOfficer = (regionId: string, userId: string) =>
  apiRequest(
    `/api/v1/partner-regions/${id(regionId)}/officers`,
    { method: 'POST', body: { userId } },
    PartnerRegionSchema,
  );
export const listTargetedPostings = (regionId: string, q: Query) =>
  apiRequest(`/api/v1/partner-regions/${id(regionId)}/postings`, { query: q }, TargetedPage);
export const listRegionSeekers = (regionId: string, q: Query) =>
  apiRequest(`/api/v1/partner-regions/${id(regionId)}/seekers`, { query: q }, SeekerPage);
export const listReferrals = (regionId: string) =>
  apiRequest(
    `/api/v1/partner-regions/${id(regionId)}/referrals`,
    { query: { page: 1, pageSize: 50 } },
    ReferralPage,
  );
export const createReferral = (regionId: string, body: CreateReferralBody) =>
  apiRequest(`/api/v1/partner-regions/${id(regionId)}/referrals`, { method: 'POST', body }, ReferralSchema);
export const getRegionStats = (regionId: string) =>
  apiRequest(`/api/v1/partner-regions/${id(regionId)}/stats`, {}, RegionStatsSchema);

// ─── Job fairs ───────────────────────────────────────────────────────────────────────────────────

export const listJobFairs = (q: Query) => apiRequest('/api/v1/job-fairs', { query: q }, FairPage);
export const getJobFair = (fairId: string) =>
  apiRequest(`/api/v1/job-fairs/${id(fairId)}`, {}, JobFairSchema);
export const createJobFair = (body: CreateJobFairBody) =>
  apiRequest('/api/v1/job-fairs', { method: 'POST', body }, JobFairSchema);
export const updateJobFair = (fairId: string, body: UpdateJobFairBody) =>
  apiRequest(`/api/v1/job-fairs/${id(fairId)}`, { method: 'PATCH', body }, JobFairSchema);
export const listBooths = (fairId: string, q: Query) =>
  apiRequest(`/api/v1/job-fairs/${id(fairId)}/booths`, { query: q }, BoothPage);
export const registerBooth = (fairId: string, body: RegisterBoothBody) =>
  apiRequest(`/api/v1/job-fairs/${id(fairId)}/booths`, { method: 'POST', body }, JobFairBoothSchema);
export const reviewBooth = (fairId: string, boothId: string, body: ReviewBoothBody) =>
  apiRequest(
    `/api/v1/job-fairs/${id(fairId)}/booths/${id(boothId)}/review`,
    { method: 'POST', body },
    JobFairBoothSchema,
  );
export const listMyBooths = () =>
  apiRequest('/api/v1/me/fair-booths', { query: { page: 1, pageSize: 50 } }, BoothPage);
export const getFairStats = (fairId: string) =>
  apiRequest(`/api/v1/job-fairs/${id(fairId)}/stats`, {}, FairStatsSchema);
export const getFairReport = (fairId: string) =>
  apiRequest(`/api/v1/job-fairs/${id(fairId)}/report`, {}, FairReportSchema);
/** A seeker enters the fair, or opens a booth's posting through it (counts and attributes). */
export const visitFair = (fairId: string, body: { boothId?: string; postingId?: string }) =>
  apiRequest(`/api/v1/job-fairs/${id(fairId)}/visits`, { method: 'POST', body }, FairVisitSchema);

// ─── Agencies and purchased services ─────────────────────────────────────────────────────────────

export const listAgencies = (q: Query) => apiRequest('/api/v1/agencies', { query: q }, AgencyPage);
export const getMyAgency = () => apiRequest('/api/v1/me/agency', {}, AgencySchema);
export const registerAgency = (body: RegisterAgencyBody) =>
  apiRequest('/api/v1/agencies', { method: 'POST', body }, AgencySchema);
export const reviewAgency = (agencyId: string, body: ReviewAgencyBody) =>
  apiRequest(`/api/v1/agencies/${id(agencyId)}/review`, { method: 'POST', body }, AgencySchema);
export const listServiceContracts = (q: Query) =>
  apiRequest('/api/v1/service-contracts', { query: q }, ContractPage);
export const getServiceContract = (contractId: string) =>
  apiRequest(`/api/v1/service-contracts/${id(contractId)}`, {}, ServiceContractSchema);
export const createServiceContract = (body: CreateServiceContractBody) =>
  apiRequest('/api/v1/service-contracts', { method: 'POST', body }, ServiceContractSchema);
export const listDeliverables = (contractId: string) =>
  apiRequest(
    `/api/v1/service-contracts/${id(contractId)}/deliverables`,
    { query: { page: 1, pageSize: 100 } },
    DeliverablePage,
  );
export const createDeliverable = (contractId: string, body: CreateDeliverableBody) =>
  apiRequest(
    `/api/v1/service-contracts/${id(contractId)}/deliverables`,
    { method: 'POST', body },
    DeliverableSchema,
  );
export const reviewDeliverable = (contractId: string, deliverableId: string, body: ReviewDeliverableBody) =>
  apiRequest(
    `/api/v1/service-contracts/${id(contractId)}/deliverables/${id(deliverableId)}/review`,
    { method: 'POST', body },
    DeliverableSchema,
  );
