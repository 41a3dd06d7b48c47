import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@jiuye/shared';
import { zhCN } from './zh-CN';
import { enUS } from './en-US';

export type { Locale };
export { LOCALES };

const STORAGE_KEY = 'jiuye.lang';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    // Chinese is the default for everyone who has not chosen: the service is the city's, and
    // most of its users read no English (so the browser language is deliberately not consulted).
    return isLocale(stored) ? stored : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: readStoredLocale(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LOCALES],
  // React escapes output already.
  interpolation: { escapeValue: false },
  // One namespace only; and keys contain colons (permission scopes such as `reference:read`),
  // which i18next would otherwise read as "namespace:key".
  nsSeparator: false,
  returnNull: false,
  initAsync: false,
  // No vendor advertisement in the console of a government service.
  showSupportNotice: false,
});

function syncDocument(locale: Locale): void {
  document.documentElement.lang = locale;
}
syncDocument(currentLocale());
i18n.on('languageChanged', (lng) => {
  if (isLocale(lng)) syncDocument(lng);
});

/** The UI language, also sent as Accept-Language so server messages match it. */
export function currentLocale(): Locale {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lng) ? lng : 'zh-CN';
}

export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode may refuse storage; the switch still works for this visit.
  }
  await i18n.changeLanguage(locale);
}

/** The UI language inside React, re-rendering on switch. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : 'zh-CN';
}
