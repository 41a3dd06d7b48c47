import {
  CancelAccountResultSchema,
  DataExportSchema,
  MyConsentsSchema,
  PersonalDataSchema,
  type CancelAccountResult,
  type DataExport,
  type MyConsents,
  type PersonalData,
  type SelfServicePurpose,
} from '@jiuye/shared';
import { apiRequest } from '../../app/api-client';

export const privacyKeys = {
  consents: ['privacy', 'consents'] as const,
  personalData: ['privacy', 'personal-data'] as const,
};

export function getMyConsents(): Promise<MyConsents> {
  return apiRequest('/api/v1/me/consents', {}, MyConsentsSchema);
}

export function grantConsent(purpose: SelfServicePurpose, noticeVersion: string): Promise<MyConsents> {
  return apiRequest(
    '/api/v1/me/consents',
    { method: 'POST', body: { purpose, noticeVersion } },
    MyConsentsSchema,
  );
}

export function withdrawConsent(purpose: SelfServicePurpose): Promise<MyConsents> {
  return apiRequest(
    `/api/v1/me/consents/${encodeURIComponent(purpose)}/withdraw`,
    { method: 'POST' },
    MyConsentsSchema,
  );
}

export function exportMyData(): Promise<DataExport> {
  return apiRequest('/api/v1/me/export', {}, DataExportSchema);
}

export function getPersonalData(): Promise<PersonalData> {
  return apiRequest('/api/v1/me/personal-data', {}, PersonalDataSchema);
}

export function updatePersonalData(body: { fullName?: string; displayName?: string }): Promise<PersonalData> {
  return apiRequest('/api/v1/me/personal-data', { method: 'PATCH', body }, PersonalDataSchema);
}

export function cancelAccount(password: string): Promise<CancelAccountResult> {
  return apiRequest('/api/v1/me/cancel', { method: 'POST', body: { password } }, CancelAccountResultSchema);
}

/** Saves the export as a .json file through a temporary link (no server round trip twice). */
export function saveJson(data: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
