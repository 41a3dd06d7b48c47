import '../../i18n/security';
import type { SecurityMessages } from '../../i18n/security-zh-CN';
import { useTypedT, type Leaves, type TypedT } from '../../i18n/typed';

/** Every key of the security namespace ("security.verify.title" …). */
export type SecurityKey = Leaves<SecurityMessages>;

/** `t` for the security messages, typed against their zh-CN tree (see i18n/typed.ts). */
export function useSecurityT(): TypedT<SecurityKey> {
  return useTypedT<SecurityMessages>();
}
