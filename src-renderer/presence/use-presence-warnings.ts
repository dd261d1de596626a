/**
 * The presence warnings for screens to show (a banner, the Presence screen), and their
 * notifications: checked when the vault is ready, after every local write, when sync brings
 * records from another device (sync/records-arrived.ts), and every ten minutes (the day turns). Mount it once where the warnings are
 * shown; each mount checks on its own, and notifications still fire once per day (notify-memory.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../app/store.ts';
import { caravan } from '../ipc/caravan.ts';
import { onLocalWrite } from '../vault/repos/write-events.ts';
import { onRecordsArrived } from '../sync/records-arrived.ts';
import { currentPresenceWarnings, notifyNewWarnings } from './check-warnings.ts';
import { dayInZone } from './hints.ts';
import { systemZone } from './load-ledger.ts';
import { readNotified, rememberNotified } from './notify-memory.ts';
import { ledgerDeps } from './runtime-deps.ts';
import type { PresenceWarning } from './warnings.ts';

const CHECK_EVERY_MS = 10 * 60_000;

/** What the hook gives: the warnings now (empty while locked or loading), and a way to check again. */
export interface PresenceWarningsView {
  warnings: PresenceWarning[];
  /** The last check's failure in words, or null. */
  error: string | null;
  refresh(): void;
}

export function usePresenceWarnings(): PresenceWarningsView {
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const [warnings, setWarnings] = useState<PresenceWarning[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!ready) return;
    let live = true;
    const zone = systemZone();
    const today = dayInZone(Date.now(), zone);
    // Inside the promise: a lock racing this effect makes ledgerDeps() throw, which is caught below.
    Promise.resolve()
      .then(() => currentPresenceWarnings({ today, zone, deps: ledgerDeps() }))
      .then(({ warnings: found, rules }) => {
        if (!live) return;
        setWarnings(found);
        setError(null);
        notifyNewWarnings(found, rules, today, {
          read: readNotified,
          remember: rememberNotified,
          notify: (title, body) => void caravan().app.notify({ title, body }),
        });
      })
      .catch((cause: unknown) => {
        if (live) setError(`The presence warnings could not be checked: ${cause instanceof Error ? cause.message : String(cause)}`);
      });
    return () => {
      live = false;
    };
  }, [ready, tick]);

  useEffect(() => {
    if (!ready) return;
    const timer = setInterval(refresh, CHECK_EVERY_MS);
    const stop = onLocalWrite(refresh);
    const stopArrived = onRecordsArrived(refresh);
    return () => {
      clearInterval(timer);
      stop();
      stopArrived();
    };
  }, [ready, refresh]);

  // While locked the last warnings are not shown (they are the vault's); the next check replaces them.
  return { warnings: ready ? warnings : [], error: ready ? error : null, refresh };
}
