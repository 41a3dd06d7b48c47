import { useTranslation } from 'react-i18next';
import type { DiscriminationFlag } from '@jiuye/shared';
import { useLabels } from '../../app/labels';

/**
 * The discrimination checker's findings for one field: the words as written, what kind of
 * restriction they may be, and why (in the reader's language, from the server).
 */
export function FlagList({ flags, id }: { flags: readonly DiscriminationFlag[]; id?: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (flags.length === 0) return null;
  return (
    <ul className="flag-list" id={id} aria-label={t('postings.flags.listLabel')}>
      {flags.map((f, i) => (
        <li key={`${f.code}-${f.text}-${i}`} className="flag-item">
          <span className="flag-item__head">
            <mark className="flag-mark">{f.text}</mark>
            <span className="flag-item__code">{labels.flag(f.code)}</span>
          </span>
          <span className="flag-item__reason">{f.reason}</span>
        </li>
      ))}
    </ul>
  );
}
