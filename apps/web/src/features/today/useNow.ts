import { useInterval } from '@mantine/hooks';
import { useEffect, useState } from 'react';

/** Re-renders every 30 s so waiting times stay true. */
export function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => new Date());
  const interval = useInterval(() => setNow(new Date()), everyMs);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return now;
}
