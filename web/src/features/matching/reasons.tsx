import { useTranslation } from 'react-i18next';
import type { Reason } from '@jiuye/shared';

/** Format a weight: whole points stay whole, others keep one decimal. */
function points(weight: number): string {
  const rounded = Math.round(weight * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The score and why: each reason's label with the points it adds, strongest first. */
export function MatchReasons({ score, reasons, id }: { score: number; reasons: Reason[]; id: string }) {
  const { t } = useTranslation();
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight);
  return (
    <div className="match-reasons">
      <p className="match-score">
        <span className="match-score__value">{Math.round(score)}</span>
        <span className="match-score__label">{t('matching.scoreOutOf')}</span>
      </p>
      {sorted.length > 0 && (
        <>
          <p className="sr-only" id={`reasons-${id}`}>
            {t('matching.reasonsLabel')}
          </p>
          <ul className="reason-list" aria-labelledby={`reasons-${id}`}>
            {sorted.map((r) => (
              <li key={r.code} className="reason-chip">
                {r.label}
                {r.weight > 0 && <span className="reason-chip__weight"> +{points(r.weight)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
