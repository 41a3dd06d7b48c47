import type { PageQuery } from '@jiuye/shared';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export function offsetOf(q: PageQuery): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export function pageResult<T>(items: T[], total: number, q: PageQuery): Page<T> {
  return { items, total, page: q.page, pageSize: q.pageSize };
}
