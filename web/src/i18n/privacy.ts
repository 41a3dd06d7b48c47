import { i18n } from '.';
import { privacyEnUS } from './privacy-en-US';
import { privacyZhCN } from './privacy-zh-CN';

/*
 * Adds the privacy page's messages (issue 9) to the one namespace. Imported by the privacy page and
 * the account page's link to it; the public pages never download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', privacyZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', privacyEnUS, true, false);
