/** Runs `act` when an intent of `kind` is pending, then clears it. */
import { useEffect } from 'react';
import { useStore } from '../app/store.ts';
import type { Intent } from './nav-slice.ts';

export function useIntent(kind: Intent['kind'], act: () => void, ready = true): void {
  const intent = useStore((s) => s.intent);
  const consume = useStore((s) => s.consumeIntent);
  useEffect(() => {
    if (!ready || intent?.kind !== kind) return;
    consume();
    // After the screen has painted, so the element to focus exists.
    requestAnimationFrame(act);
  }, [intent, kind, act, consume, ready]);
}
