import { CarOutlined, ScanOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../app/layouts/nav-links';
// The layouts that show these entries load the buses' messages with them.
import '../../i18n/buses';

/** The seeker's tab: their travel request, seat and boarding code. */
export function useSeekerBusNav(): NavItem {
  const { t } = useTranslation();
  return { to: '/seeker/bus', label: t('buses.nav.seeker'), icon: <CarOutlined /> };
}

/**
 * The staff console's bus entries: planning, trips (statistics are linked from there), and the
 * escort's boarding page, which an officer opens on a phone on the day.
 */
export function useStaffBusNav(): NavItem[] {
  const { t } = useTranslation();
  return [
    { to: '/staff/buses', end: true, label: t('buses.nav.planner'), icon: <ScheduleOutlined /> },
    { to: '/staff/buses/trips', label: t('buses.nav.trips'), icon: <CarOutlined /> },
    { to: '/staff/buses/boarding', label: t('buses.nav.boarding'), icon: <ScanOutlined /> },
  ];
}

/** The enterprise clerk's entry: buses bound for their enterprise and the handover. */
export function useEmployerBusNav(): NavItem {
  const { t } = useTranslation();
  return { to: '/employer/buses', label: t('buses.nav.employer'), icon: <CarOutlined /> };
}
