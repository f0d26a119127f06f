import { useEffect, useState } from 'preact/hooks';

/** Whole seconds until `at` (an ISO time), counting down once a second; 0 once it has passed. */
export function useSecondsUntil(
  at: string | null | undefined,
  now: () => number = Date.now,
): number {
  const left = () => {
    if (!at) return 0;
    const target = Date.parse(at);
    if (Number.isNaN(target)) return 0;
    // Never more than 10 minutes, whatever the phone's clock says.
    return Math.min(600, Math.max(0, Math.ceil((target - now()) / 1000)));
  };
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    const timer = setInterval(() => {
      const next = left();
      setSeconds(next);
      if (next <= 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [at]);
  return seconds;
}
