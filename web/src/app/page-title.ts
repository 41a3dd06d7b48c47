import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Each page names itself in the tab title, so screen-reader users hear where they landed. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const app = t('common.appName');
  useEffect(() => {
    document.title = `${title} - ${app}`;
  }, [title, app]);
}
