import '../../i18n/audit';
import type { AuditMessages } from '../../i18n/audit-zh-CN';
import { useTypedT, type Leaves, type TypedT } from '../../i18n/typed';

/** Every key of the audit namespace ("audit.title" …). */
export type AuditKey = Leaves<AuditMessages>;

/** `t` for the audit messages, typed against their zh-CN tree (see i18n/typed.ts). */
export function useAuditT(): TypedT<AuditKey> {
  return useTypedT<AuditMessages>();
}
