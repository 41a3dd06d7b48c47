import { i18n } from '.';
import { channelEnUS } from './channel-en-US';
import { channelZhCN } from './channel-zh-CN';

/*
 * Adds the channel's messages to the one namespace. Imported by the role-area layouts, which every
 * channel page renders inside, so the messages are there before any of those pages; the public
 * pages never download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', channelZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', channelEnUS, true, false);
