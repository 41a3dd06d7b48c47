import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '@jiuye/shared';
import { formatDateTime } from '../../app/format';
import { useLocale } from '../../i18n';
import { useAssistanceLabels } from './labels';

/** A person's status history, oldest first, as an ordered list (the order is the meaning). */
export function PersonTimeline({ items, labelledBy }: { items: TimelineEvent[]; labelledBy: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  if (items.length === 0)
    return <Typography.Paragraph>{t('assistance.timeline.empty')}</Typography.Paragraph>;
  return (
    <ol className="person-timeline" aria-labelledby={labelledBy}>
      {items.map((e) => {
        const certificate = typeof e.detail.certificateNo === 'string' ? e.detail.certificateNo : null;
        return (
          <li key={e.id}>
            <span className="person-timeline__when">{formatDateTime(e.at, locale)}</span>
            <span className="person-timeline__what">
              {labels.titled(e)}
              {certificate && (
                <span className="muted">
                  {' '}
                  · {t('assistance.registration.certificateShort', { no: certificate })}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
