import {
  MarkAllReadResultSchema,
  NotificationListSchema,
  NotificationSchema,
  pageOf,
  SavedSearchSchema,
  type CreateSavedSearchBody,
  type Notification,
  type SavedSearch,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export type { Notification, SavedSearch };

const SavedSearchPageSchema = pageOf(SavedSearchSchema);

export const alertKeys = {
  savedSearches: ['alerts', 'saved-searches'] as const,
  notifications: (page: number) => ['alerts', 'notifications', page] as const,
  allNotifications: ['alerts', 'notifications'] as const,
  unread: ['alerts', 'notifications', 'unread'] as const,
};

export async function listSavedSearches(): Promise<SavedSearch[]> {
  return (
    await apiRequest(
      '/api/v1/me/saved-searches',
      { query: { page: 1, pageSize: 100 } },
      SavedSearchPageSchema,
    )
  ).items;
}

export function createSavedSearch(body: CreateSavedSearchBody) {
  return apiRequest('/api/v1/me/saved-searches', { method: 'POST', body }, SavedSearchSchema);
}

export function deleteSavedSearch(id: string): Promise<void> {
  return apiRequest(`/api/v1/me/saved-searches/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function listNotifications(page: number, pageSize = 20) {
  return apiRequest('/api/v1/me/notifications', { query: { page, pageSize } }, NotificationListSchema);
}

export function markNotificationRead(id: string) {
  return apiRequest(
    `/api/v1/me/notifications/${encodeURIComponent(id)}/read`,
    { method: 'POST' },
    NotificationSchema,
  );
}

export function markAllNotificationsRead() {
  return apiRequest('/api/v1/me/notifications/read-all', { method: 'POST' }, MarkAllReadResultSchema);
}

export type { Notification as AppNotification };
