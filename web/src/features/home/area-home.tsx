import type { ReactNode } from 'react';
import { Card, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@jiuye/shared';
import type { Messages } from '../../i18n/zh-CN';
import { usePageTitle } from '../../app/page-title';

export type ModuleKey = keyof Messages['modules'];
/** A service that is open: its card links to it. */
export type OpenModule = { key: ModuleKey; to: string };

/**
 * An area's home while its modules are being built: who is signed in, and the services to come,
 * each plainly marked as not open yet. No sample numbers: a clerk must never mistake a mock-up
 * for real figures.
 */
export function AreaHome({
  me,
  title,
  modules,
  open = [],
  children,
  after,
}: {
  me: Me;
  title: string;
  /** Services still being built, each marked as not open yet. */
  modules: readonly ModuleKey[];
  open?: readonly OpenModule[];
  children?: ReactNode;
  /** Extra sections between the open services and the upcoming ones. */
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <div className="page">
      <Card style={{ marginBottom: 24 }}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <Typography.Title level={1} style={{ marginTop: 4 }}>
          {t('home.hello', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('home.signedInAs', { role: t(`roles.${me.role}`) })}
        </Typography.Paragraph>
        {children}
      </Card>
      {open.length > 0 && (
        <section aria-labelledby="open-title" style={{ marginBottom: 24 }}>
          <Typography.Title level={2} id="open-title">
            {t('home.openTitle')}
          </Typography.Title>
          <ul className="module-grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {open.map(({ key, to }) => (
              <li key={key}>
                <Card size="small" style={{ height: '100%' }}>
                  <Typography.Title level={3} style={{ marginTop: 0 }}>
                    <Link to={to}>{t(`modules.${key}.title`)}</Link>
                  </Typography.Title>
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    {t(`modules.${key}.desc`)}
                  </Typography.Paragraph>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      )}
      {after}
      {modules.length > 0 && (
        <section aria-labelledby="upcoming-title">
          <Typography.Title level={2} id="upcoming-title">
            {t('home.upcomingTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('home.upcomingNote')}</Typography.Paragraph>
          <ul className="module-grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {modules.map((key) => (
              <li key={key}>
                <Card size="small" style={{ height: '100%' }}>
                  <Typography.Title level={3} style={{ marginTop: 0 }}>
                    {t(`modules.${key}.title`)}
                  </Typography.Title>
                  <Typography.Paragraph>{t(`modules.${key}.desc`)}</Typography.Paragraph>
                  <Tag icon={<ClockCircleOutlined aria-hidden />}>{t('common.comingSoon')}</Tag>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
