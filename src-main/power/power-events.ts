/**
 * Forwards the OS power events that matter to the vault: it locks at once on
 * suspend and on screen lock. (The timer's idle handling subscribes here too
 * when it is wired.)
 */
import { powerMonitor } from 'electron';
import type { PowerState } from '../../src-preload/contract/power.ts';

export function forwardPowerEvents(emit: (state: PowerState) => void): void {
  const send = (kind: PowerState['kind']) => () => emit({ kind, at: Date.now() });
  powerMonitor.on('suspend', send('suspend'));
  powerMonitor.on('resume', send('resume'));
  powerMonitor.on('lock-screen', send('lock-screen'));
  powerMonitor.on('unlock-screen', send('unlock-screen'));
}
