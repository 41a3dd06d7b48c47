import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReasonText } from './reason-text';

/** Applications left out of a batch, each with the reason in the reader's language. */
export function SkippedList({
  skipped,
  names,
}: {
  skipped: readonly { applicationId: string; reason: string }[];
  names?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  if (skipped.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('policies.payouts.skippedTitle', { count: skipped.length })}
      description={
        <ul className="plain-list">
          {skipped.map((s) => (
            <li key={`${s.applicationId}-${s.reason}`}>
              <span className="mono">{names?.get(s.applicationId) ?? s.applicationId}</span>：
              {reasonText(s.reason)}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
