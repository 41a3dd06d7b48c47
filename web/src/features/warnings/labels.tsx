import type { ReactNode } from 'react';
import {
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  InfoCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { ALERT_STATUSES, SEVERITIES, WARNING_KINDS } from '@jiuye/shared';
import { StatusChip, type ChipTone } from '../../app/status-chip';
import { useMonitoringT } from '../../i18n/monitoring';
import '../monitoring/monitoring.css';

export type Severity = (typeof SEVERITIES)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type WarningKind = (typeof WARNING_KINDS)[number];

const SEVERITY_TONE: Record<Severity, ChipTone> = {
  low: 'neutral',
  medium: 'info',
  high: 'warning',
  critical: 'danger',
};
const SEVERITY_ICON: Record<Severity, ReactNode> = {
  low: <InfoCircleOutlined />,
  medium: <ExclamationCircleOutlined />,
  high: <WarningOutlined />,
  critical: <CloseCircleOutlined />,
};
const STATUS_TONE: Record<AlertStatus, ChipTone> = {
  open: 'danger',
  acknowledged: 'warning',
  resolved: 'success',
};

/** Severity as a word and an icon in a tinted chip: never colour alone (WCAG 1.4.1). */
export function SeverityChip({ severity }: { severity: Severity }) {
  const mt = useMonitoringT();
  const level = mt(`warnings.severity.${severity}`);
  return (
    <StatusChip tone={SEVERITY_TONE[severity]}>
      <span className="mon-severity" title={mt('warnings.severityLabel', { level })}>
        <span aria-hidden>{SEVERITY_ICON[severity]}</span>
        <span className="sr-only">{mt('warnings.severityLabel', { level })}</span>
        <span aria-hidden>{level}</span>
      </span>
    </StatusChip>
  );
}

export function AlertStatusChip({ status }: { status: AlertStatus }) {
  const mt = useMonitoringT();
  return <StatusChip tone={STATUS_TONE[status]}>{mt(`warnings.status.${status}`)}</StatusChip>;
}

export function useWarningLabels() {
  const mt = useMonitoringT();
  return {
    kind: (k: WarningKind) => mt(`warnings.kind.${k}`),
    severity: (s: Severity) => mt(`warnings.severity.${s}`),
    status: (s: AlertStatus) => mt(`warnings.status.${s}`),
  };
}
