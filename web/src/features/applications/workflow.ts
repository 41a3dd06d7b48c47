import type { ApplicationStatus } from '@jiuye/shared';

export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'viewed', 'interview', 'offer'];
export const BOARD_COLUMNS = ['submitted', 'viewed', 'interview', 'offer', 'hired', 'rejected'] as const;
const PROGRESS: Partial<Record<ApplicationStatus, number>> = {
  submitted: 0,
  viewed: 1,
  interview: 2,
  offer: 3,
  hired: 4,
};

/**
 * Where the enterprise may move an application (mirrors the server's workflow: forward only,
 * steps may be skipped, an interview may be rescheduled, reject from any open status).
 */
export function enterpriseMoves(from: ApplicationStatus): ApplicationStatus[] {
  if (!OPEN_STATUSES.includes(from)) return [];
  const at = PROGRESS[from] ?? 0;
  const forward = (['viewed', 'interview', 'offer', 'hired'] as const).filter(
    (s) => (PROGRESS[s] ?? 0) > at || (s === 'interview' && from === 'interview'),
  );
  return [...forward, 'rejected'];
}
