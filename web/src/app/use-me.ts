import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MeSchema, type Me } from '@jiuye/shared';
import { apiRequest, isApiError } from './api-client';

export const meQueryKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await apiRequest('/api/v1/me', {}, MeSchema);
  } catch (error) {
    // Not signed in is an ordinary state of the app, not an error.
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user, `null` when signed out. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** For mutations that answer the new Me (login, register, profile edit). */
export function useSetMe(): (me: Me | null) => void {
  const queryClient = useQueryClient();
  return (me) => {
    if (me === null) {
      // Signed out: drop every cached answer so the next user sees none of them.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    }
    queryClient.setQueryData(meQueryKey, me);
  };
}

/** The user inside a route guard, which has already made sure there is one. */
export function useSignedInMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe() used outside RequireRole/RequireSignedIn');
  return data;
}
