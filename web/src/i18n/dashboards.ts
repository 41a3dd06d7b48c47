import { i18n } from '.';
import { dashboardsEnUS } from './dashboards-en-US';
import { dashboardsZhCN } from './dashboards-zh-CN';

/*
 * Adds issue 8's statistics messages (staff dashboards, monthly reports, open data) to the one
 * namespace. Imported by the staff layout's nav entries and by every page of these features; the
 * open-data page is public and lazy, so only its visitors download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', dashboardsZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', dashboardsEnUS, true, false);
