import type { ReactNode } from 'react';

/**
 * A wide table scrolls sideways on narrow screens. The scrolling box must be focusable and named,
 * or keyboard users cannot reach the columns off-screen when no cell holds a control (WCAG 2.1.1).
 * antd's own `scroll.x` container offers neither, so tables go in this box instead.
 */
export function ScrollRegion({
  label,
  minWidth,
  children,
}: {
  label: string;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
