import { useLocation } from 'react-router';

export type PolicyArea = 'public' | 'employer' | 'seeker' | 'staff';

/**
 * The catalogue and the application pages live in several areas (public, employer, seeker), so
 * each page builds its links from the area it is shown in: an employer never leaves the employer
 * area's navigation by opening a policy.
 */
export function policyPaths(area: PolicyArea) {
  const applicant = area === 'employer' || area === 'seeker' ? `/${area}/policies` : null;
  const catalogue = applicant ? `${applicant}/catalogue` : area === 'staff' ? '/staff/policies' : '/policies';
  return {
    area,
    catalogue,
    policy: (code: string) => `${catalogue}/${encodeURIComponent(code)}`,
    /** The applicant's list of applications (null outside the applicant areas). */
    mine: applicant,
    apply: (code: string) => (applicant ? `${applicant}/apply/${encodeURIComponent(code)}` : null),
    application: (id: string) =>
      area === 'staff' ? `/staff/policy-applications/${id}` : `${applicant ?? '/policies'}/${id}`,
    notices: area === 'staff' ? '/staff/policy-notices' : '/notices',
  };
}

export function usePolicyPaths() {
  const { pathname } = useLocation();
  const area: PolicyArea = pathname.startsWith('/employer')
    ? 'employer'
    : pathname.startsWith('/seeker')
      ? 'seeker'
      : pathname.startsWith('/staff')
        ? 'staff'
        : 'public';
  return policyPaths(area);
}
