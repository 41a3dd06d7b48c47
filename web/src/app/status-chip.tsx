import type { ReactNode } from 'react';

export type ChipTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/**
 * A status word in a tinted box. antd's coloured Tags put green-6 text on green-1 (about 3:1),
 * below WCAG AA; these tones keep ≥ 7:1 (styles.css) and always carry the word, never colour alone.
 */
export function StatusChip({ tone, children }: { tone: ChipTone; children: ReactNode }) {
  return <span className={`status-chip status-chip--${tone}`}>{children}</span>;
}
