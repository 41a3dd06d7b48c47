import { AuditOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ConsoleLayout } from '../../app/layouts/console-layout';
import { useAuditT } from './messages';

/** The auditor's area (issue 9): the audit trail and their own account, nothing that changes data. */
export function AuditLayout() {
  const { t } = useTranslation();
  const at = useAuditT();
  return (
    <ConsoleLayout
      nav={[
        { to: '/audit', end: true, label: at('audit.nav.trail'), icon: <AuditOutlined /> },
        { to: '/audit/account', label: t('header.account'), icon: <UserOutlined /> },
      ]}
    />
  );
}
