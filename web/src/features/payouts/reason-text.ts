import { useTranslation } from 'react-i18next';
import { fieldMessage, isFieldErrorCode } from '@jiuye/shared';
import { useLocale } from '../../i18n';

/**
 * Why a batch left an application out, or an outreach skipped a subject: the shared field message
 * when there is one (not_approved, payee_account_missing…), else this module's own words.
 */
export function useReasonText(): (code: string) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (code) => {
    if (code === 'not_found') return t('policies.skip.not_found');
    if (code === 'duplicate_item') return t('policies.skip.duplicate_item');
    return isFieldErrorCode(code) ? fieldMessage(code, locale) : code;
  };
}
