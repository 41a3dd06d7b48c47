import { useTranslation } from 'react-i18next';
import '../../i18n/privacy';
import type { PrivacyMessages } from '../../i18n/privacy-zh-CN';

type Leaves<T, P extends string = ''> = T extends string
  ? P
  : { [K in keyof T & string]: Leaves<T[K], P extends '' ? K : `${P}.${K}`> }[keyof T & string];

/** Every key of the privacy namespace ("privacy.export.title" …). */
export type PrivacyKey = Leaves<PrivacyMessages>;

/**
 * The privacy namespace stays out of the typed `Messages` union (it is near TypeScript's
 * instantiation limit); this lookup is typed against its own zh-CN tree instead.
 */
export function usePrivacyT(): (key: PrivacyKey, vars?: Record<string, string>) => string {
  const { t } = useTranslation();
  const lookup = t as unknown as (key: string, vars?: Record<string, string>) => string;
  return (key, vars) => lookup(key, vars);
}
