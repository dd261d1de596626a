/**
 * The hook through which kill switches stop the timer. Kill-switch rules are
 * domain logic of the renderer (they read rates and budgets, which main never
 * sees in clear); main only learns "project P is blocked". The machine asks a
 * gate before it starts, resumes or keeps accruing time on a project.
 */

/** The answer of a gate. `reason` is for a person and must not name a client. */
export interface GateDecision {
  blocked: boolean;
  reason?: string;
}

/** Consulted on start, resume, switch and on every step while time accrues. */
export interface KillSwitchGate {
  isBlocked(projectId: string): GateDecision;
}

/** Until kill switches are wired, nothing is blocked. */
export const allowAll: KillSwitchGate = { isBlocked: () => ({ blocked: false }) };

/** Blocked if any gate blocks; the first blocking gate gives the reason. */
export function anyGate(...gates: readonly (KillSwitchGate | undefined)[]): KillSwitchGate {
  return {
    isBlocked(projectId) {
      for (const gate of gates) {
        const decision = gate ? safeAsk(gate, projectId) : undefined;
        if (decision?.blocked) return decision;
      }
      return { blocked: false };
    },
  };
}

/**
 * A gate that throws has not said "go": fail closed, as the locality guard
 * does, so a broken rule cannot let billable time run past an agreed stop.
 */
function safeAsk(gate: KillSwitchGate, projectId: string): GateDecision {
  try {
    return gate.isBlocked(projectId);
  } catch {
    return { blocked: true, reason: 'The kill-switch check failed. Open Caravan to review this project.' };
  }
}

/** Reason given when the project's own switch has triggered (recorded in the timer state). */
export const TRIGGERED_REASON = "This project's kill switch has triggered. Acknowledge it in Caravan to continue.";
