import '../../i18n/privacy';
import type { PrivacyMessages } from '../../i18n/privacy-zh-CN';
import { useTypedT, type Leaves, type TypedT } from '../../i18n/typed';

/** Every key of the privacy namespace ("privacy.export.title" …). */
export type PrivacyKey = Leaves<PrivacyMessages>;

/** `t` for the privacy messages, typed against their zh-CN tree (see i18n/typed.ts). */
export function usePrivacyT(): TypedT<PrivacyKey> {
  return useTypedT<PrivacyMessages>();
}
