/**
 * The deep-work timer as a pure reducer: `step(state, event, now)` returns the
 * next state and the effects the adapter must carry out (notify, record a
 * block, ask about away time, report a refusal). No Electron, no clock, no
 * I/O: the adapter feeds `now`, journals the state and performs the effects.
 *
 * Time-based transitions (block end, break end, reminder, kill-switch halt)
 * are settled before and after every event, so their timing is exact whatever
 * the tick rate, and a late tick never moves a boundary.
 */
import { accruedAt, closeSegment, openSegment, recordBlock, resolveSettings, streakAt, workedAt, type Draft } from './accrual.ts';
import { anyGate, TRIGGERED_REASON, type GateDecision, type KillSwitchGate } from './kill-switch-gate.ts';
import { breakAfter, presetSchema } from './presets.ts';
import type { RefusableAction, RefusalCode, StepOptions, StepResult, TimerBinding, TimerEvent, TimerState } from './timer-types.ts';

export { initialState, resolveSettings, DEFAULT_SETTINGS, accruedAt, remainingAt, streakAt, workedAt } from './accrual.ts';

const MAX_ID_LENGTH = 128;

/** The gate made of switches recorded in the state (journaled, so they survive a restart). */
export function stateGate(state: TimerState): KillSwitchGate {
  return {
    isBlocked: (projectId) => (state.killSwitches.some((k) => k.projectId === projectId) ? { blocked: true, reason: TRIGGERED_REASON } : { blocked: false }),
  };
}

/** Advances the machine by one event at time `now`. Never throws; never mutates `state`. */
export function step(state: TimerState, event: TimerEvent, now: number, options: StepOptions = {}): StepResult {
  if (!Number.isFinite(now)) return { state, effects: [] };
  // The wall clock can jump back (NTP, a manual change); time inside the machine cannot.
  const t = Math.max(Math.trunc(now), state.at);
  const d: Draft = { s: structuredClone(state), t, effects: [], settings: resolveSettings(options.settings) };
  const gate = anyGate(stateGate(d.s), options.gate);
  // Idle is reported late (after the threshold): apply it before settling, so
  // time already known to be in doubt cannot end a block or trip a reminder.
  if (event.type !== 'idleDetected') settle(d, gate);
  handle(d, event, gate);
  settle(d, gate);
  d.s.at = t;
  return { state: d.s, effects: d.effects };
}

/** Applies what the passage of time implies by `d.t`. Idempotent at a given time. */
export function settle(d: Draft, gate: KillSwitchGate): void {
  const session = d.s.session;
  if (!session || session.openSince === undefined) return;
  const accrued = accruedAt(session, d.t);

  if (session.period.kind === 'break') {
    if (accrued < session.period.plannedMs) return;
    // The break ended at its planned instant, not at the (possibly late) tick.
    closeSegment(d, session.openSince + (session.period.plannedMs - session.period.accruedMs));
    session.period = { kind: 'deep', plannedMs: session.preset.workMs, accruedMs: 0, cycle: session.period.cycle + 1, long: false };
    d.s.status = 'paused';
    d.effects.push({ type: 'notify', kind: 'break-end', projectId: session.projectId });
    return;
  }

  let blockEnded = false;
  if (d.s.status === 'running' && accrued >= session.period.plannedMs) {
    d.s.status = 'overrun';
    session.completedBlocks += 1;
    blockEnded = true;
    d.effects.push({ type: 'notify', kind: 'block-end', projectId: session.projectId });
  }
  remindIfDue(d, blockEnded);
  remindLongSession(d);

  if (!session.away) {
    const decision = gate.isBlocked(session.projectId);
    if (decision.blocked) {
      closeSegment(d, d.t);
      d.s.status = 'paused';
      d.effects.push({ type: 'notify', kind: 'kill-switch', projectId: session.projectId });
    }
  }
}

/**
 * One reminder per `breakReminderMs` of continuous work. Not while the person
 * is inside a block they planned to be this long (a 90-minute block is a
 * choice), and not on top of a block-end notice; skipped reminders count as sent.
 */
function remindIfDue(d: Draft, blockEnded: boolean): void {
  const every = d.settings.breakReminderMs;
  const session = d.s.session;
  if (every <= 0 || !session || session.away) return;
  const streak = streakAt(d.s, d.t);
  const due = Math.floor(streak / every);
  if (due <= d.s.streak.remindersSent) return;
  const withinPlan = d.s.status === 'running' && streak <= session.period.plannedMs;
  d.s.streak.remindersSent = due;
  if (!withinPlan && !blockEnded) d.effects.push({ type: 'notify', kind: 'break-reminder', projectId: session.projectId });
}

/**
 * Once per session, when its counted deep work passes the limit: a timer left running by mistake.
 * Counted time only grows while a deep segment is open, so a paused timer, a break or time in
 * doubt (away) never trips it; it trips on the next settle after work resumes.
 */
function remindLongSession(d: Draft): void {
  const limit = d.settings.longSessionMs;
  const session = d.s.session;
  if (limit <= 0 || !session || session.away || session.longReminded) return;
  if (workedAt(session, d.t) < limit) return;
  session.longReminded = true;
  d.effects.push({ type: 'notify', kind: 'long-session', projectId: session.projectId });
}

function refuse(d: Draft, action: RefusableAction, code: RefusalCode, message: string, projectId?: string): void {
  d.effects.push({ type: 'refused', action, code, message, ...(projectId !== undefined ? { projectId } : {}) });
}

const AWAY_MESSAGE = 'Choose first what to do with the time you were away: keep it, discard it or count it as a break.';

function blockedBy(d: Draft, gate: KillSwitchGate, action: RefusableAction, projectId: string): boolean {
  const decision: GateDecision = gate.isBlocked(projectId);
  if (!decision.blocked) return false;
  refuse(d, action, 'kill-switch', decision.reason ?? TRIGGERED_REASON, projectId);
  return true;
}

function validId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function validBinding(b: TimerBinding): boolean {
  return validId(b.projectId) && (b.phaseId === undefined || validId(b.phaseId)) && (b.experimentId === undefined || validId(b.experimentId));
}

function bind(target: TimerBinding, source: TimerBinding): void {
  target.projectId = source.projectId;
  if (source.phaseId !== undefined) target.phaseId = source.phaseId;
  else delete target.phaseId;
  if (source.experimentId !== undefined) target.experimentId = source.experimentId;
  else delete target.experimentId;
}

/** Starts the away question at `since` (clamped into the open segment), keeping an earlier one. */
function markAway(d: Draft, since: number, cause: 'idle' | 'suspend' | 'lock'): void {
  const session = d.s.session;
  if (!session || session.openSince === undefined || session.period.kind !== 'deep') return;
  // Away during a break is the point of a break; only deep work stops counting.
  const clamped = Math.min(Math.max(Math.trunc(since), session.openSince), d.t);
  if (session.away) session.away.since = Math.min(session.away.since, clamped);
  else session.away = { since: clamped, cause };
}

/** The person is back. A short lock or sleep is kept silently; anything else is asked. */
function personReturned(d: Draft): void {
  const away = d.s.session?.away;
  if (!away) return;
  const short = (away.cause === 'lock' || away.cause === 'suspend') && d.t - away.since < d.settings.idleThresholdMs;
  if (short) delete d.s.session?.away;
  else d.effects.push({ type: 'ask-away', since: away.since, cause: away.cause });
}

function handle(d: Draft, event: TimerEvent, gate: KillSwitchGate): void {
  const s = d.s;
  const session = s.session;
  switch (event.type) {
    case 'start': {
      if (session) return refuse(d, 'start', 'busy', 'A timer is already running. Stop it or switch project instead.');
      if (!validId(event.sessionId) || !validBinding(event) || !presetSchema.safeParse(event.preset).success) {
        return refuse(d, 'start', 'invalid', 'The timer could not start: the request was malformed. Try again from Caravan.');
      }
      if (blockedBy(d, gate, 'start', event.projectId)) return;
      const preset = structuredClone(event.preset);
      s.session = {
        sessionId: event.sessionId,
        projectId: event.projectId,
        preset,
        period: { kind: 'deep', plannedMs: preset.workMs, accruedMs: 0, cycle: 0, long: false },
        completedBlocks: 0,
        nextSeq: 0,
      };
      bind(s.session, event);
      s.status = 'running';
      return openSegment(d);
    }
    case 'pause':
      if (!session || (s.status !== 'running' && s.status !== 'overrun')) return;
      if (session.away) return refuse(d, 'pause', 'away-pending', AWAY_MESSAGE);
      closeSegment(d, d.t);
      s.status = 'paused';
      return;
    case 'resume':
      if (!session || s.status !== 'paused') return;
      if (blockedBy(d, gate, 'resume', session.projectId)) return;
      s.status = session.period.accruedMs >= session.period.plannedMs ? 'overrun' : 'running';
      return openSegment(d);
    case 'stop':
      if (!session) return;
      // Stopping would silently decide the away time; the person decides it.
      if (session.away) return refuse(d, 'stop', 'away-pending', AWAY_MESSAGE);
      closeSegment(d, d.t);
      delete s.session;
      s.status = 'idle';
      return;
    case 'tick':
      return;
    case 'idleDetected':
      if (Number.isFinite(event.idleSince)) markAway(d, event.idleSince, 'idle');
      return;
    case 'suspend':
      return markAway(d, d.t, 'suspend');
    case 'lockScreen':
      return markAway(d, d.t, 'lock');
    case 'resumeFromSuspend':
    case 'unlockScreen':
    case 'userActive':
      return personReturned(d);
    case 'idleResolved': {
      const away = session?.away;
      if (!session || !away) return;
      delete session.away;
      if (event.choice === 'keep') return; // the open segment simply runs on
      closeSegment(d, away.since);
      if (event.choice === 'break') recordBlock(d, 'break', away.since, d.t);
      if (s.status === 'overrun' && session.period.accruedMs < session.period.plannedMs) {
        // The block "ended" on time that is now discarded (its end was noticed
        // before the idle was): it has not ended after all.
        s.status = 'running';
        session.completedBlocks -= 1;
      }
      return openSegment(d);
    }
    case 'startBreak': {
      if (!session || (s.status !== 'running' && s.status !== 'overrun' && s.status !== 'paused')) return;
      if (session.away) return refuse(d, 'start-break', 'away-pending', AWAY_MESSAGE);
      closeSegment(d, d.t);
      const completed = session.period.accruedMs >= session.period.plannedMs;
      const next = breakAfter(session.preset, session.completedBlocks, completed);
      session.period = { kind: 'break', plannedMs: next.plannedMs, accruedMs: 0, cycle: session.period.cycle, long: next.long };
      s.status = 'break';
      return openSegment(d);
    }
    case 'skipBreak': {
      if (!session || (s.status !== 'break' && s.status !== 'overrun')) return;
      if (session.away) return refuse(d, 'skip-break', 'away-pending', AWAY_MESSAGE);
      closeSegment(d, d.t);
      session.period = { kind: 'deep', plannedMs: session.preset.workMs, accruedMs: 0, cycle: session.period.cycle + 1, long: false };
      s.status = 'paused';
      if (blockedBy(d, gate, 'skip-break', session.projectId)) return;
      s.status = 'running';
      return openSegment(d);
    }
    case 'switchProject': {
      if (!session) return;
      if (!validBinding(event)) return refuse(d, 'switch', 'invalid', 'The project could not be switched: the request was malformed.');
      const same = event.projectId === session.projectId && event.phaseId === session.phaseId && event.experimentId === session.experimentId;
      if (same) return;
      if (session.away) return refuse(d, 'switch', 'away-pending', AWAY_MESSAGE);
      if (blockedBy(d, gate, 'switch', event.projectId)) return;
      const wasOpen = session.openSince !== undefined;
      closeSegment(d, d.t);
      bind(session, event);
      if (wasOpen) openSegment(d);
      return;
    }
    case 'killSwitchTriggered':
      if (!validId(event.projectId) || !validId(event.switchId)) return;
      s.killSwitches = s.killSwitches.filter((k) => k.projectId !== event.projectId);
      s.killSwitches.push({ projectId: event.projectId, switchId: event.switchId });
      return; // the halt itself happens in `settle`, with every other gate decision
    case 'killSwitchAcknowledged':
      s.killSwitches = s.killSwitches.filter((k) => k.projectId !== event.projectId);
      return;
    case 'blockStored':
      s.outbox = s.outbox.filter((b) => b.id !== event.blockId);
      return;
  }
}
