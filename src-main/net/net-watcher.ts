/**
 * Main's view of the network. Electron offers `net.isOnline()` but no change
 * event, so we poll a probe and push a `net:status` event on each change.
 * Pure: the probe, the timer and the clock are injected.
 */
import type { NetStatus } from '../../src-preload/contract/net.ts';

export interface NetWatcherOptions {
  probe: () => boolean;
  onChange: (status: NetStatus) => void;
  now?: () => number;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export interface NetWatcher {
  current(): NetStatus;
  /** Re-probe now (also called by the timer); pushes an event if the state changed. */
  check(): NetStatus;
  stop(): void;
}

export function createNetWatcher(options: NetWatcherOptions): NetWatcher {
  const now = options.now ?? Date.now;
  const every = options.intervalMs ?? 3000;
  const schedule = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const cancel = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));

  let status: NetStatus = { online: safeProbe(options.probe), since: now() };

  const check = (): NetStatus => {
    const online = safeProbe(options.probe);
    if (online !== status.online) {
      status = { online, since: now() };
      options.onChange(status);
    }
    return status;
  };

  const handle = schedule(check, every);
  return {
    current: () => status,
    check,
    stop: () => cancel(handle),
  };
}

/** A probe that throws tells us nothing; treat it as offline rather than crash main. */
function safeProbe(probe: () => boolean): boolean {
  try {
    return probe() === true;
  } catch {
    return false;
  }
}
