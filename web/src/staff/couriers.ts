import { useQuery } from '@tanstack/react-query';
import { api, type Courier } from '../api';
import { staffKey } from './steps';

// The program's couriers, read by the admin couriers page and the CS delivery card.

/** Under the staff key: a step on a courier or a job reloads the list (useStep). */
export const couriersKey = (programId: string) => [...staffKey, 'couriers', programId];

export const useCouriers = (programId: string | undefined) =>
  useQuery({
    queryKey: couriersKey(programId ?? ''),
    queryFn: () => api.get<{ couriers: Courier[] }>(`/api/admin/couriers?programId=${encodeURIComponent(programId ?? '')}`),
    enabled: programId !== undefined,
  });
