import { useEffect, useState } from 'react';

/** This window's clock, ticking so local times and "5 min ago" stay true while a rep talks (the floor's call clocks tick by the second). */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
