/**
 * The current time and this device's time zone, as render inputs. Re-read every `everyMs` so the
 * Today view turns over at midnight and follows the OS when the person lands in another zone;
 * render itself stays pure.
 */
import { useEffect, useState } from 'react';

export interface ClockReading {
  now: number;
  zone: string;
}

function read(): ClockReading {
  return { now: Date.now(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

export function useClock(everyMs = 30_000): ClockReading {
  const [reading, setReading] = useState(read);
  useEffect(() => {
    const timer = setInterval(() => setReading(read()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return reading;
}
