import type { ReactNode } from 'react';

/**
 * A table's "nothing here" line in a readable grey: antd's placeholder text is #bfbfbf on white
 * (1.8:1), below WCAG AA.
 */
export function TableEmpty({ children }: { children: ReactNode }) {
  return <span className="table-empty">{children}</span>;
}
