import type { ReactNode } from 'react';
import { Button, Dropdown, Space, Switch } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, GlobalOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { setLocale, useLocale } from '../../i18n';
import { setElderlyMode, useElderlyMode } from '../preferences';
import { useMe } from '../use-me';
import { HOME_PATH } from '../roles';
import { useLogout } from '../../features/auth/api';

function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useLocale();
  const target = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => void setLocale(target)}
      // The label is written in the language it switches to, so it is marked up as that language.
      lang={target}
    >
      {t('header.switchLanguage')}
    </Button>
  );
}

function ElderlySwitch() {
  const { t } = useTranslation();
  const elderly = useElderlyMode();
  return (
    <span className="elderly-toggle">
      <Switch id="elderly-mode" checked={elderly} onChange={setElderlyMode} />
      <label htmlFor="elderly-mode">{t('header.elderlyMode')}</label>
    </span>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  if (me.isPending) return null;
  if (!me.data) {
    return (
      <Space size={4}>
        <Link to="/login">{t('header.login')}</Link>
        <span aria-hidden>/</span>
        <Link to="/register">{t('header.register')}</Link>
      </Space>
    );
  }
  const user = me.data;
  const items: MenuProps['items'] = [
    ...(user.mustChangePassword ? [] : [{ key: 'account', label: t('header.account') }]),
    { key: 'password', label: t('header.changePassword') },
    { type: 'divider' as const },
    { key: 'logout', label: t('header.logout') },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') void navigate(`${HOME_PATH[user.role]}/account`);
    else if (key === 'password') {
      void navigate(`/change-password?next=${encodeURIComponent(location.pathname)}`);
    } else if (key === 'logout') logout.mutate();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button icon={<UserOutlined aria-hidden />} loading={logout.isPending}>
        <span className="sr-only">{t('header.userMenu')}: </span>
        {user.displayName}
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}

/** The header every page shares: brand, language, elderly mode, account. */
export function AppHeader({ leading }: { leading?: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const home = me.data && !me.data.mustChangePassword ? HOME_PATH[me.data.role] : '/';
  return (
    <header className="app-header">
      <div className="app-header__brand-wrap">
        {leading}
        <Link to={home} className="app-header__brand">
          {t('common.appName')}
          <small>{t('common.appFullName')}</small>
        </Link>
      </div>
      <div className="app-header__tools">
        <LanguageSwitch />
        <ElderlySwitch />
      </div>
      <div className="app-header__account">
        <UserMenu />
      </div>
    </header>
  );
}
