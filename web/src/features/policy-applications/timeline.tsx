import { Timeline } from 'antd';
import type { PolicyApplication } from '@jiuye/shared';
import { formatDateTime } from '../../app/format';
import { useLocale } from '../../i18n';
import { usePolicyLabels } from '../policies/labels';

/**
 * An application's history, oldest first: the step, the new status, who and when, and the note
 * (a return or rejection reason). Officers' names are sent to staff only.
 */
export function PolicyTimeline({ application }: { application: PolicyApplication }) {
  const locale = useLocale();
  const labels = usePolicyLabels();
  return (
    <Timeline
      className="application-timeline"
      items={application.events.map((e) => ({
        key: e.id,
        content: (
          <>
            <strong>{labels.eventAction(e.action)}</strong>
            <span> → {labels.status(e.toStatus)}</span>
            <span className="timeline-when"> · {formatDateTime(e.at, locale)}</span>
            <span className="timeline-by">
              {' '}
              · {labels.eventBy(e.by)}
              {e.actorName ? `（${e.actorName}）` : ''}
            </span>
            {e.note && <div className="timeline-note">{e.note}</div>}
          </>
        ),
      }))}
    />
  );
}
