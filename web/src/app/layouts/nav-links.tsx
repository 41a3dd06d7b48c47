import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

export type NavItem = { to: string; label: string; icon: ReactNode; end?: boolean };

/**
 * Navigation is a list of links, not an antd Menu: role="menu" is for application commands and
 * makes screen readers switch modes; NavLink also sets aria-current="page" for us.
 */
export function NavLinks({
  items,
  className,
  label,
}: {
  items: NavItem[];
  className: string;
  label: string;
}) {
  return (
    <nav aria-label={label} className={className}>
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.end ?? false}>
          <span aria-hidden>{item.icon}</span>
          <span>{item.label}</span>
        </NavLink>
      ))}
    </nav>
  );
}
