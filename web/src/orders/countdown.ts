import { useEffect, useState } from 'react';

// Time left to a deadline, shared by the buyer's payment and the courier's job offer.

/** Whole seconds left until `until` (an ISO time), ticking each second; 0 once it has passed. */
export function useSecondsLeft(until: string): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // An unreadable time counts as passed.
  return Math.max(0, Math.floor((Date.parse(until) - now) / 1000)) || 0;
}

/** 0:45, 29:59, or 23:59:59 when an hour or more is left. */
export function formatCountdown(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${two(hours)}:${two(minutes)}:${two(seconds % 60)}` : `${two(minutes)}:${two(seconds % 60)}`;
}
