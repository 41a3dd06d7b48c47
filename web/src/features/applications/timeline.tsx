import { Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application } from '@jiuye/shared';
import { formatDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { useLocale } from '../../i18n';

/** An application's history, oldest first: each step, when, and the note given with it. */
export function ApplicationTimeline({ application }: { application: Application }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  return (
    <Timeline
      className="application-timeline"
      items={application.events.map((e, i) => ({
        key: i,
        content: (
          <>
            <strong>{labels.applicationStatus(e.toStatus)}</strong>
            <span className="timeline-when"> · {formatDateTime(e.at, locale)}</span>
            <span className="timeline-by"> · {t(`applications.by.${e.by}`)}</span>
            {e.note && <div className="timeline-note">{e.note}</div>}
          </>
        ),
      }))}
    />
  );
}
