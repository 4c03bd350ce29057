import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { api, type Courier, type CourierRecap, type Job } from '../api';
import { staffKey } from '../staff/steps';

// What the courier app reads. Under the staff key, so every step (useStep) reloads it all.

export const courierKey = [...staffKey, 'courier'] as const;
const meKey = [...courierKey, 'me'] as const;

export type Point = { lat: number; lng: number };
type JobTab = 'offers' | 'active' | 'done';

/** A place's point, when it has one. */
export const pointOf = (place: { lat: number | null; lng: number | null }): Point | null =>
  place.lat !== null && place.lng !== null ? { lat: place.lat, lng: place.lng } : null;

export const useMe = () => useQuery({ queryKey: meKey, queryFn: () => api.get<{ courier: Courier }>('/api/courier/me') });

/** Offers and running jobs are read every 10 s: an offer lasts about a minute, and CS may assign a job. */
export const useJobs = (tab: JobTab) =>
  useQuery({
    queryKey: [...courierKey, 'jobs', tab],
    queryFn: () => api.get<{ jobs: Job[] }>(`/api/courier/jobs?tab=${tab}`),
    refetchInterval: tab === 'done' ? false : 10_000,
  });

export const useCash = () =>
  useQuery({ queryKey: [...courierKey, 'cash'], queryFn: () => api.get<{ balance: number }>('/api/courier/cash') });
export const useRecap = () => useQuery({ queryKey: [...courierKey, 'recap'], queryFn: () => api.get<CourierRecap>('/api/courier/recap') });

/** Goes on or off duty, or shares a position; the answer is the courier as they are now. */
export function useSetMe() {
  const queryClient = useQueryClient();
  return useCallback(
    async (patch: { available?: boolean } & Partial<Point>) => {
      const result = await api.patch<{ courier: Courier }>('/api/courier/me', patch);
      queryClient.setQueryData(meKey, result);
      return result;
    },
    [queryClient],
  );
}

/**
 * While on duty and the page is open, the phone's position goes to the server now and every
 * minute, so offers go to the nearest courier. A courier who refuses location still works:
 * `position` stays null and they are offered jobs after those who share it.
 */
export function useSharedPosition(onDuty: boolean): { position: Point | null; refused: boolean } {
  const setMe = useSetMe();
  const [position, setPosition] = useState<Point | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (!onDuty) return;
    if (!navigator.geolocation) {
      setRefused(true);
      return;
    }
    let stopped = false;
    const share = () =>
      navigator.geolocation.getCurrentPosition(
        ({ coords }) => {
          if (stopped) return;
          const point = { lat: Number(coords.latitude.toFixed(6)), lng: Number(coords.longitude.toFixed(6)) };
          setPosition(point);
          setRefused(false);
          // A lost update on flaky data is harmless: the next one follows within a minute.
          setMe(point).catch(() => undefined);
        },
        () => {
          if (!stopped) setRefused(true);
        },
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
      );
    share();
    const timer = setInterval(share, 60_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [onDuty, setMe]);
  return { position, refused };
}
