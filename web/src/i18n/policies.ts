import { i18n } from '.';
import { policiesEnUS } from './policies-en-US';
import { policiesZhCN } from './policies-zh-CN';

/*
 * Adds the support policies' messages to the one namespace. Imported by every policies page
 * module (public catalogue and notice pages included) and by the role-area layouts for their nav
 * entries, so the messages arrive with the first page that needs them and never with the landing
 * page.
 */
i18n.addResourceBundle('zh-CN', 'translation', policiesZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', policiesEnUS, true, false);
