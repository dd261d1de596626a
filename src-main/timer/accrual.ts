/**
 * Time accounting: how much has accrued, and the only two places where a
 * segment opens and closes. Every recorded block is born in `closeSegment`,
 * which is what makes "never negative, never counted twice" checkable in one
 * spot.
 */
import { MINUTE_MS } from './presets.ts';
import type { BlockKind, Session, TimeBlock, TimerEffect, TimerSettings, TimerState } from './timer-types.ts';

export const DEFAULT_SETTINGS: Readonly<TimerSettings> = {
  idleThresholdMs: 5 * MINUTE_MS,
  breakReminderMs: 60 * MINUTE_MS,
  restMs: 5 * MINUTE_MS,
  longSessionMs: 0,
};

/** Fills defaults and enforces floors (an idle threshold under a minute would ask constantly). */
export function resolveSettings(partial: Partial<TimerSettings> = {}): TimerSettings {
  const pick = (value: number | undefined, fallback: number, floor: number): number =>
    value !== undefined && Number.isFinite(value) ? Math.max(floor, Math.trunc(value)) : fallback;
  return {
    idleThresholdMs: pick(partial.idleThresholdMs, DEFAULT_SETTINGS.idleThresholdMs, MINUTE_MS),
    breakReminderMs: pick(partial.breakReminderMs, DEFAULT_SETTINGS.breakReminderMs, 0),
    restMs: pick(partial.restMs, DEFAULT_SETTINGS.restMs, MINUTE_MS),
    longSessionMs: pick(partial.longSessionMs, DEFAULT_SETTINGS.longSessionMs, 0),
  };
}

/** A machine that has never run, or whose journal could not be read. */
export function initialState(now: number): TimerState {
  return { status: 'idle', killSwitches: [], outbox: [], at: Math.max(0, Math.trunc(now)), streak: { accruedMs: 0, remindersSent: 0 } };
}

/** Time the open segment has accrued by `t`; an away question freezes it at `away.since`. */
export function openPartAt(session: Session, t: number): number {
  if (session.openSince === undefined) return 0;
  const end = session.away ? session.away.since : t;
  return Math.max(0, end - session.openSince);
}

/** Time accrued in the current period (deep block or break) by `t`. */
export function accruedAt(session: Session, t: number): number {
  return session.period.accruedMs + openPartAt(session, t);
}

/** Planned time left in the current period; negative in overrun. */
export function remainingAt(session: Session, t: number): number {
  return session.period.plannedMs - accruedAt(session, t);
}

/** Deep work the session has counted by `t`: pauses, breaks and time in doubt (away) are not counted. */
export function workedAt(session: Session, t: number): number {
  return (session.workedMs ?? 0) + (session.period.kind === 'deep' ? openPartAt(session, t) : 0);
}

/** Continuous deep work by `t`, for the break reminder. */
export function streakAt(state: TimerState, t: number): number {
  const s = state.session;
  const open = s && s.period.kind === 'deep' ? openPartAt(s, t) : 0;
  return state.streak.accruedMs + open;
}

/**
 * A step works on a private copy (`draft`) and collects effects; the caller's
 * state is never mutated, so `step` stays a pure function from the outside.
 */
export interface Draft {
  s: TimerState;
  t: number;
  effects: TimerEffect[];
  settings: TimerSettings;
}

/** Appends a block to the outbox and announces it. Zero-length stretches are not blocks. */
export function recordBlock(d: Draft, kind: BlockKind, start: number, end: number): void {
  const session = d.s.session;
  if (!session || end <= start) return;
  const seq = session.nextSeq;
  session.nextSeq = seq + 1;
  const block: TimeBlock = {
    id: `${session.sessionId}:${seq}`,
    sessionId: session.sessionId,
    seq,
    kind,
    projectId: session.projectId,
    ...(session.phaseId !== undefined ? { phaseId: session.phaseId } : {}),
    ...(session.experimentId !== undefined ? { experimentId: session.experimentId } : {}),
    start,
    end,
    cycle: session.period.cycle,
  };
  d.s.outbox.push(block);
  d.effects.push({ type: 'record-block', block: structuredClone(block) });
}

/**
 * Closes the open segment at `end` (clamped into [openSince, t]) and records
 * it. Any pending away question is dropped with it: callers decide first what
 * the away time becomes.
 */
export function closeSegment(d: Draft, end: number): void {
  const session = d.s.session;
  if (!session || session.openSince === undefined) return;
  const start = session.openSince;
  const stop = Math.min(Math.max(end, start), d.t);
  const kind = session.period.kind;
  recordBlock(d, kind, start, stop);
  session.period.accruedMs += stop - start;
  if (kind === 'deep') {
    session.workedMs = (session.workedMs ?? 0) + (stop - start);
    d.s.streak.accruedMs += stop - start;
    d.s.streak.lastWorkEnd = stop;
  }
  delete session.openSince;
  delete session.away;
}

/** Opens a segment at `d.t`. Deep work after a long enough gap starts a fresh streak. */
export function openSegment(d: Draft): void {
  const session = d.s.session;
  if (!session || session.openSince !== undefined) return;
  session.openSince = d.t;
  if (session.period.kind !== 'deep') return;
  const last = d.s.streak.lastWorkEnd;
  if (last === undefined || d.t - last >= d.settings.restMs) {
    d.s.streak = { accruedMs: 0, remindersSent: 0 };
  }
}
