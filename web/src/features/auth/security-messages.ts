import { useTranslation } from 'react-i18next';
import '../../i18n/security';
import type { SecurityMessages } from '../../i18n/security-zh-CN';

type Leaves<T, P extends string = ''> = T extends string
  ? P
  : { [K in keyof T & string]: Leaves<T[K], P extends '' ? K : `${P}.${K}`> }[keyof T & string];

/** Every key of the security namespace ("security.verify.title" …). */
export type SecurityKey = Leaves<SecurityMessages>;

/**
 * The security namespace stays out of the typed `Messages` union (near TypeScript's instantiation
 * limit); this lookup is typed against its own zh-CN tree instead.
 */
export function useSecurityT(): (key: SecurityKey, vars?: Record<string, string | number>) => string {
  const { t } = useTranslation();
  const lookup = t as unknown as (key: string, vars?: Record<string, string | number>) => string;
  return (key, vars) => lookup(key, vars);
}
