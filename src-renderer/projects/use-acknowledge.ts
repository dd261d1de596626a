/**
 * Acknowledging a triggered kill switch: the switch is spent (stored as `disarmed`, so it does not
 * trigger again) and main's timer accepts the project again. Both the trigger and this
 * acknowledgement are field changes in the change log, with their HLC: that is the record.
 */
import { useCallback } from 'react';
import { useStore } from '../app/store.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import { errorMessage } from '../ui/error-message.ts';

export function useAcknowledgeKillSwitch(): (killSwitch: KillSwitch) => Promise<void> {
  const patchKillSwitch = useStore((s) => s.patchKillSwitch);
  const timerCommand = useStore((s) => s.timerCommand);
  const notify = useStore((s) => s.notify);
  return useCallback(
    async (killSwitch: KillSwitch) => {
      try {
        const note = `Acknowledged ${new Date().toISOString()} after it triggered at ${new Date(killSwitch.trippedAt ?? Date.now()).toISOString()}.`;
        await patchKillSwitch(killSwitch.id, { state: 'disarmed', trippedAt: undefined, notes: killSwitch.notes ? `${killSwitch.notes}\n${note}` : note });
        await timerCommand({ type: 'acknowledgeKillSwitch', projectId: killSwitch.projectId });
        notify('Kill switch acknowledged. The timer accepts this project again.');
      } catch (error) {
        notify(errorMessage(error), { tone: 'error' });
      }
    },
    [patchKillSwitch, timerCommand, notify],
  );
}
