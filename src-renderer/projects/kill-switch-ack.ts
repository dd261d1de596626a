/**
 * What acknowledging a triggered kill switch writes: the decision taken (with its date and note)
 * joins the switch's acknowledgements, and a line in words joins its notes, which is what the
 * client-data export carries. A new budget raises the stop point and arms the switch again; any
 * other decision spends it (`disarmed`, so it does not trigger again).
 */
import type { KillAcknowledgement, KillDecision, KillSwitch, KillTrigger } from '../domain/kill-switch.ts';
import type { KillSwitchPatch } from '../vault/repos/kill-switches.ts';

export const DECISION_LABELS: Readonly<Record<KillDecision, string>> = {
  'new-budget': 'Continue with a new budget',
  rescope: 'Re-scope the project',
  continue: 'Continue as agreed, without a new budget',
  'pause-project': 'Pause the project',
  'stop-project': 'Stop the project',
  other: 'Something else (say what in the note)',
};

/** The project status a decision sets, if any. */
export const DECISION_PROJECT_STATUS: Partial<Record<KillDecision, 'paused' | 'done'>> = { 'pause-project': 'paused', 'stop-project': 'done' };

export interface Decision {
  decision: KillDecision;
  note: string;
  /** The raised stop point, for a new budget. */
  trigger?: KillTrigger;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The patch that records `decision` on the tripped switch `k` at `now`. */
export function acknowledgementPatch(k: KillSwitch, decision: Decision, now: number): KillSwitchPatch {
  const trippedAt = k.trippedAt ?? now;
  const note = decision.note.trim();
  const raise = decision.decision === 'new-budget' && decision.trigger !== undefined;
  const entry: KillAcknowledgement = {
    at: now,
    trippedAt,
    decision: decision.decision,
    note,
    ...(raise ? { previousTrigger: k.trigger } : {}),
  };
  const line = `${day(now)}: acknowledged (triggered ${day(trippedAt)}). Decided: ${DECISION_LABELS[decision.decision]}.${note ? ` ${note}` : ''}`;
  return {
    ...(raise ? { trigger: decision.trigger, state: 'armed' as const } : { state: 'disarmed' as const }),
    trippedAt: undefined,
    acknowledgements: [...(k.acknowledgements ?? []), entry],
    notes: k.notes ? `${k.notes}\n${line}` : line,
  };
}

/** Why the decision cannot be recorded yet, by field, or null. */
export function decisionProblem(decision: Decision): { field: 'trigger' | 'note'; message: string } | null {
  if (decision.decision === 'new-budget' && decision.trigger === undefined) return { field: 'trigger', message: 'New stop point: type the new budget.' };
  if (decision.decision === 'other' && decision.note.trim() === '') return { field: 'note', message: 'Note: say what was decided.' };
  if (decision.note.trim().length > 2_000) return { field: 'note', message: `Note: at most 2,000 characters (now ${decision.note.trim().length}).` };
  return null;
}
