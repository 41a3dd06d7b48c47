import { i18n } from '.';
import { securityEnUS } from './security-en-US';
import { securityZhCN } from './security-zh-CN';

/*
 * Adds the strong-authentication messages (issue 9) to the one namespace. Imported by the login
 * steps, the account page and the admin users page through features/auth/security-messages.ts.
 */
i18n.addResourceBundle('zh-CN', 'translation', securityZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', securityEnUS, true, false);
