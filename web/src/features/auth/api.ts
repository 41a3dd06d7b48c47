import { useMutation } from '@tanstack/react-query';
import {
  MeSchema,
  type LoginBody,
  type Me,
  type RegisterBody,
  type ChangePasswordBodySchema,
  type UpdateMeBodySchema,
} from '@jiuye/shared';
import type { z } from 'zod';
import { apiRequest } from '../../app/api-client';

export function login(body: LoginBody): Promise<Me> {
  return apiRequest('/api/v1/auth/login', { method: 'POST', body }, MeSchema);
}

export function register(body: RegisterBody): Promise<Me> {
  return apiRequest('/api/v1/auth/register', { method: 'POST', body }, MeSchema);
}

export function changePassword(body: z.input<typeof ChangePasswordBodySchema>): Promise<void> {
  return apiRequest('/api/v1/me/password', { method: 'POST', body });
}

export function updateMe(body: z.input<typeof UpdateMeBodySchema>): Promise<Me> {
  return apiRequest('/api/v1/me', { method: 'PATCH', body }, MeSchema);
}

/**
 * Signs out and reloads on the login page. A full load, not a client-side navigation: it drops
 * every cached answer and all component state of the previous user (a shared office PC, a
 * family phone), and no route guard gets to turn the signed-out page into /login?next=….
 */
export function useLogout() {
  return useMutation({
    mutationFn: () => apiRequest('/api/v1/auth/logout', { method: 'POST' }),
    // Even if the call fails (session already gone, network), the user asked to leave.
    onSettled: () => window.location.replace('/login'),
  });
}
