/**
 * Forwards the OS power events that matter: the vault locks at once on
 * suspend and on screen lock, and the timer counts away time. powerMonitor
 * works only after `ready`.
 */
import { powerMonitor } from 'electron';
import type { PowerState } from '../../src-preload/contract/power.ts';

export function forwardPowerEvents(emit: (kind: PowerState['kind']) => void): void {
  const send = (kind: PowerState['kind']) => () => emit(kind);
  powerMonitor.on('suspend', send('suspend'));
  powerMonitor.on('resume', send('resume'));
  powerMonitor.on('lock-screen', send('lock-screen'));
  powerMonitor.on('unlock-screen', send('unlock-screen'));
}
