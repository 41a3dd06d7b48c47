import { useTranslation } from 'react-i18next';
import '../../i18n/audit';
import type { AuditMessages } from '../../i18n/audit-zh-CN';

type Leaves<T, P extends string = ''> = T extends string
  ? P
  : { [K in keyof T & string]: Leaves<T[K], P extends '' ? K : `${P}.${K}`> }[keyof T & string];

/** Every key of the audit namespace ("audit.title" …). */
export type AuditKey = Leaves<AuditMessages>;

/**
 * The audit namespace stays out of the typed `Messages` union (near TypeScript's instantiation
 * limit); this lookup is typed against its own zh-CN tree instead.
 */
export function useAuditT(): (key: AuditKey, vars?: Record<string, string | number>) => string {
  const { t } = useTranslation();
  const lookup = t as unknown as (key: string, vars?: Record<string, string | number>) => string;
  return (key, vars) => lookup(key, vars);
}
