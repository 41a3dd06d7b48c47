import { i18n } from '.';
import { busesEnUS } from './buses-en-US';
import { busesZhCN } from './buses-zh-CN';

/*
 * Adds the chartered buses' messages to the one namespace. Imported by the seeker, staff and
 * employer layouts (their nav entries and home tiles need a few keys) and by every bus page, so
 * the messages are there before any of those pages; the public pages never download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', busesZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', busesEnUS, true, false);
