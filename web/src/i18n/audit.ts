import { i18n } from '.';
import { auditEnUS } from './audit-en-US';
import { auditZhCN } from './audit-zh-CN';

/*
 * Adds the audit trail's messages (issue 9) to the one namespace. Imported by the auditor's area
 * layout and page through features/audit/messages.ts; nobody else downloads them.
 */
i18n.addResourceBundle('zh-CN', 'translation', auditZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', auditEnUS, true, false);
