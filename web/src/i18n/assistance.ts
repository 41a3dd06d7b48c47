import { i18n } from '.';
import { assistanceEnUS } from './assistance-en-US';
import { assistanceZhCN } from './assistance-zh-CN';

/*
 * Adds the messages of registration and assistance (and of welfare posts, training, e-commerce) to
 * the one namespace. Imported by the seeker, staff, employer and partner layouts (their nav entries
 * and home tiles) and by every page of these features, so the messages are there before any of
 * those pages; the public pages never download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', assistanceZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', assistanceEnUS, true, false);
