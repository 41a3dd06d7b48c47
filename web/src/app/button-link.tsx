import type { MouseEvent } from 'react';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { useHref, useNavigate } from 'react-router';

/**
 * A link that looks like a button: a real <a href> (so it is announced as a link, opens in a new
 * tab on ctrl-click) that navigates inside the app without reloading it.
 */
export function ButtonLink({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  const href = useHref(to);
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(to);
  };
  return <Button {...props} href={href} onClick={onClick} />;
}
