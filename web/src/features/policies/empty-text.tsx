/**
 * A table's "nothing here" text. antd draws it in its disabled grey (#bfbfbf on white, 1.8:1),
 * below WCAG AA; this keeps the house's secondary text colour (≥ 7:1).
 */
export function EmptyText({ children }: { children: string }) {
  return <span className="muted">{children}</span>;
}
