import { Alert, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldMessage, type Enterprise } from '@jiuye/shared';
import { formatDateTime } from '../../app/format';
import { ENTERPRISE_TONE, useLabels } from '../../app/labels';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { useDistrictNames, useNamedCodes } from '../reference/api';

export function EnterpriseStatus({ enterprise }: { enterprise: Enterprise }) {
  const labels = useLabels();
  return (
    <StatusChip tone={ENTERPRISE_TONE[enterprise.status] ?? 'neutral'}>
      {labels.enterpriseStatus(enterprise.status)}
    </StatusChip>
  );
}

/** An enterprise's registered facts, as its clerks and the verifying officer read them. */
export function EnterpriseSummary({ enterprise: e }: { enterprise: Enterprise }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const industries = useNamedCodes('industry');
  const [district] = useDistrictNames([e.districtCode]);
  return (
    <>
      {e.status === 'rejected' && e.statusReason && (
        <Alert
          type="error"
          showIcon
          title={t('enterprise.rejectedReason', { reason: e.statusReason })}
          style={{ marginBottom: 12 }}
        />
      )}
      {!e.creditCodeChecksumValid && (
        <Alert
          type="warning"
          showIcon
          title={fieldMessage('credit_code_checksum', locale)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'status', label: t('enterprise.status'), children: <EnterpriseStatus enterprise={e} /> },
          {
            key: 'creditCode',
            label: t('enterprise.creditCode'),
            children: <span className="mono">{e.creditCode}</span>,
          },
          {
            key: 'industry',
            label: t('enterprise.industry'),
            children: `${e.industryCode} ${industries.get(e.industryCode) ?? ''}`,
          },
          { key: 'district', label: t('enterprise.district'), children: district },
          { key: 'size', label: t('enterprise.size'), children: labels.enterpriseSize(e.size) },
          { key: 'address', label: t('enterprise.address'), children: e.address },
          { key: 'contact', label: t('enterprise.contact'), children: `${e.contactName} ${e.contactPhone}` },
          { key: 'created', label: t('enterprise.createdAt'), children: formatDateTime(e.createdAt, locale) },
          ...(e.verifiedAt
            ? [
                {
                  key: 'verified',
                  label: t('enterprise.verifiedAt'),
                  children: formatDateTime(e.verifiedAt, locale),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
