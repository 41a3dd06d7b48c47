import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
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
import { useSetMe } from '../../app/use-me';

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

/** Signs out, forgets every cached answer and goes to the login page. */
export function useLogout() {
  const setMe = useSetMe();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => apiRequest('/api/v1/auth/logout', { method: 'POST' }),
    // Even if the call fails (session already gone, network), the user asked to leave.
    onSettled: () => {
      setMe(null);
      void navigate('/login', { replace: true });
    },
  });
}
