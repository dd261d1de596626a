/**
 * Acknowledging a triggered kill switch records what was decided (kill-switch-ack.ts), applies it
 * (a paused or stopped project changes status) and tells main's timer to accept the project again.
 * The trigger and the acknowledgement are also field changes in the change log, with their HLC.
 */
import { useCallback } from 'react';
import { useStore } from '../app/store.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import { errorMessage } from '../ui/error-message.ts';
import { acknowledgementPatch, type Decision, DECISION_LABELS, DECISION_PROJECT_STATUS } from './kill-switch-ack.ts';

/** Records the decision; resolves false (and says why) when it could not be saved. */
export function useAcknowledgeKillSwitch(): (killSwitch: KillSwitch, decision: Decision) => Promise<boolean> {
  const patchKillSwitch = useStore((s) => s.patchKillSwitch);
  const patchProject = useStore((s) => s.patchProject);
  const timerCommand = useStore((s) => s.timerCommand);
  const notify = useStore((s) => s.notify);
  return useCallback(
    async (killSwitch: KillSwitch, decision: Decision) => {
      try {
        await patchKillSwitch(killSwitch.id, acknowledgementPatch(killSwitch, decision, Date.now()));
        // The switch is acknowledged now: main's timer hears it before anything else can fail, or
        // it would keep the project halted with no switch left to acknowledge.
        await timerCommand({ type: 'acknowledgeKillSwitch', projectId: killSwitch.projectId });
        const status = DECISION_PROJECT_STATUS[decision.decision];
        if (status) await patchProject(killSwitch.projectId, { status });
        const timer = status ? ` The project is now ${status}.` : ' The timer accepts this project again.';
        notify(`Kill switch acknowledged. Decided: ${DECISION_LABELS[decision.decision]}.${timer}`);
        return true;
      } catch (error) {
        notify(errorMessage(error), { tone: 'error' });
        return false;
      }
    },
    [patchKillSwitch, patchProject, timerCommand, notify],
  );
}
