import { useEffect } from 'react';
import { useStore } from '../app/store.ts';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the vault after the configured idle time in this window, and on Ctrl/Cmd+L. Sleep and a
 * locked screen are the session lifecycle's to watch (session/lifecycle.ts): it listens from the
 * first unlock step, so they lock the app while the store is still opening too.
 */
export function useAutoLock(): void {
  const unlocked = useStore((s) => s.vault.kind === 'unlocked');
  const minutes = useStore((s) => s.lockSettings.autoLockMinutes);
  const lockVault = useStore((s) => s.lockVault);

  useEffect(() => {
    if (!unlocked) return;
    const onKey = (event: KeyboardEvent) => {
      const mod = /Mac/i.test(navigator.platform) ? event.metaKey : event.ctrlKey;
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        lockVault();
      }
    };
    window.addEventListener('keydown', onKey);

    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      if (minutes > 0)
        timer = setTimeout(() => lockVault(`Locked after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} without activity.`), minutes * 60_000);
    };
    arm();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, arm, { passive: true });
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, arm);
    };
  }, [unlocked, minutes, lockVault]);
}
