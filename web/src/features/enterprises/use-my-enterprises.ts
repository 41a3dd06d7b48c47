import { useQuery } from '@tanstack/react-query';
import { enterpriseKeys, listMyEnterprises } from './api';

/** The signed-in employer's enterprises (one, usually). */
export function useMyEnterprises() {
  return useQuery({ queryKey: enterpriseKeys.mine, queryFn: listMyEnterprises, staleTime: 30_000 });
}
