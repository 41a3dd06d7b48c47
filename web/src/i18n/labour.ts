import { i18n } from '.';
import { labourEnUS } from './labour-en-US';
import { labourZhCN } from './labour-zh-CN';

/*
 * Adds issue 6's messages (shortages, shared employment, colleges, key enterprises, partner
 * regions, job fairs, agencies) to the one namespace. Imported by the role-area layouts (their nav
 * entries and home tiles) and by every page of these features, so the messages are there before
 * any of those pages; the public pages never download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', labourZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', labourEnUS, true, false);
