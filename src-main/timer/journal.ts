/**
 * The timer's journal: the machine state as a small versioned JSON document
 * that main writes to disk, so a running timer survives a window close, a
 * crash and a restart. It holds ids and instants only (no client names).
 *
 * Discipline for the adapter (write-ahead): after each step, if `journalDue`
 * says so, write the journal (temp file + rename) BEFORE carrying out the
 * effects. Then a block is either in the journal's outbox or not yet born,
 * and `recover` re-sends the outbox: the vault sees each block id at least
 * once, and the id makes it exactly once.
 */
import { z } from 'zod';
import { initialState, resolveSettings, type Draft } from './accrual.ts';
import { presetSchema } from './presets.ts';
import { settle, stateGate } from './timer-machine.ts';
import { anyGate } from './kill-switch-gate.ts';
import type { StepOptions, TimerEffect, TimerState } from './timer-types.ts';

export const JOURNAL_VERSION = 1;

/** How often a journal that only moved its clock is rewritten (the heartbeat). */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/** The document on disk. */
export interface TimerJournal {
  v: typeof JOURNAL_VERSION;
  state: TimerState;
}

const id = z.string().min(1).max(128);
const instant = z.number().int().min(0).max(8.64e15);
const duration = z.number().int().min(0).max(8.64e15);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const kind = z.enum(['deep', 'break']);

const blockSchema = z.object({
  id,
  sessionId: id,
  seq: count,
  kind,
  projectId: id,
  phaseId: id.optional(),
  experimentId: id.optional(),
  start: instant,
  end: instant,
  cycle: count,
});

const sessionSchema = z.object({
  sessionId: id,
  projectId: id,
  phaseId: id.optional(),
  experimentId: id.optional(),
  preset: presetSchema,
  period: z.object({ kind, plannedMs: duration, accruedMs: duration, cycle: count, long: z.boolean() }),
  completedBlocks: count,
  nextSeq: count,
  openSince: instant.optional(),
  away: z.object({ since: instant, cause: z.enum(['idle', 'suspend', 'lock', 'restart']) }).optional(),
  workedMs: duration.optional(),
  longReminded: z.boolean().optional(),
});

const stateSchema: z.ZodType<TimerState> = z.object({
  status: z.enum(['idle', 'running', 'paused', 'break', 'overrun']),
  session: sessionSchema.optional(),
  killSwitches: z.array(z.object({ projectId: id, switchId: id })).max(10_000),
  outbox: z.array(blockSchema).max(100_000),
  at: instant,
  streak: z.object({ accruedMs: duration, remindersSent: count, lastWorkEnd: instant.optional() }),
});

const journalSchema = z.object({ v: z.literal(JOURNAL_VERSION), state: stateSchema });

/**
 * Relations the schema cannot express. A state that breaks one was not
 * written by this machine; trusting it could count time twice.
 */
export function checkInvariants(state: TimerState): string | null {
  const s = state.session;
  if ((state.status === 'idle') !== (s === undefined)) return 'status and session disagree';
  for (const b of state.outbox) {
    if (b.end <= b.start) return `block ${b.id} has no duration`;
    if (b.id !== `${b.sessionId}:${b.seq}`) return `block ${b.id} has a foreign id`;
  }
  if (!s) return null;
  const since = s.openSince;
  const open = since !== undefined;
  if (open && since > state.at) return 'open segment starts in the future';
  if (state.status === 'paused' && (open || s.period.kind !== 'deep')) return 'paused timer is accruing';
  if (state.status === 'break' && (!open || s.period.kind !== 'break')) return 'break is not accruing break time';
  if ((state.status === 'running' || state.status === 'overrun') && (!open || s.period.kind !== 'deep')) return 'running timer is not accruing';
  if (s.away && (!open || s.away.since < since || s.away.since > state.at)) return 'away time outside the open segment';
  if (state.outbox.some((b) => b.sessionId === s.sessionId && b.seq >= s.nextSeq)) return 'block sequence would be reused';
  return null;
}

/** The journal text for a state. */
export function serializeJournal(state: TimerState): string {
  const journal: TimerJournal = { v: JOURNAL_VERSION, state };
  return JSON.stringify(journal);
}

/** Why a journal was not used. The message is for a person; the code is stable. */
export interface JournalProblem {
  code: 'missing' | 'not-json' | 'unsupported-version' | 'invalid';
  message: string;
}

export type ParseResult = { ok: true; state: TimerState } | { ok: false; problem: JournalProblem };

/** Parses and validates a journal. Never throws. */
export function parseJournal(text: string | null | undefined): ParseResult {
  if (text === null || text === undefined || text.trim() === '') {
    return { ok: false, problem: { code: 'missing', message: 'No timer journal was found; the timer starts stopped.' } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: 'not-json', message: 'The timer journal was damaged (not JSON); the timer starts stopped.' } };
  }
  const version = (raw as { v?: unknown } | null)?.v;
  if (version !== JOURNAL_VERSION) {
    return {
      ok: false,
      problem: {
        code: 'unsupported-version',
        message: `The timer journal has version ${String(version)}, which this Caravan cannot read; the timer starts stopped.`,
      },
    };
  }
  const parsed = journalSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problem: { code: 'invalid', message: 'The timer journal was damaged (invalid fields); the timer starts stopped.' } };
  }
  const broken = checkInvariants(parsed.data.state);
  if (broken) return { ok: false, problem: { code: 'invalid', message: `The timer journal was inconsistent (${broken}); the timer starts stopped.` } };
  return { ok: true, state: parsed.data.state };
}

/** The state a restart begins from, what to do now, and what went wrong with the journal, if anything. */
export interface Recovery {
  state: TimerState;
  effects: TimerEffect[];
  problem?: JournalProblem;
}

/**
 * Restores the timer after a crash or restart. A running block continues if
 * the app was down for less than the idle threshold (a quick restart is not
 * a break); otherwise the downtime becomes an away question, like idle time.
 * Blocks the vault never acknowledged are sent again. Never throws.
 */
export function recover(text: string | null | undefined, now: number, options: StepOptions = {}): Recovery {
  const t = Number.isFinite(now) ? Math.max(0, Math.trunc(now)) : 0;
  const parsed = parseJournal(text);
  if (!parsed.ok) {
    // A missing journal is a first run, not a problem worth showing.
    return parsed.problem.code === 'missing' ? { state: initialState(t), effects: [] } : { state: initialState(t), effects: [], problem: parsed.problem };
  }
  const state = parsed.state;
  const at = Math.max(t, state.at);
  const d: Draft = { s: state, t: at, effects: [], settings: resolveSettings(options.settings) };
  for (const block of state.outbox) d.effects.push({ type: 'record-block', block: structuredClone(block) });

  const session = state.session;
  const down = at - state.at;
  if (session && session.openSince !== undefined && session.period.kind === 'deep' && !session.away && down > d.settings.idleThresholdMs) {
    // `at` is the last instant the journal proves the app was alive.
    session.away = { since: Math.max(state.at, session.openSince), cause: 'restart' };
  }
  settle(d, anyGate(stateGate(state), options.gate));
  if (session?.away) d.effects.push({ type: 'ask-away', since: session.away.since, cause: session.away.cause });
  state.at = at;
  return { state, effects: d.effects };
}

/** The state without its clock, for comparing what matters. */
function withoutClock(state: TimerState): string {
  return JSON.stringify({ ...state, at: 0 });
}

/**
 * Whether the adapter must write the journal now: whenever anything but the
 * clock changed, and every `heartbeatMs` otherwise (the heartbeat bounds how
 * much downtime a restart can mistake for work).
 */
export function journalDue(lastWritten: TimerState | undefined, next: TimerState, heartbeatMs = DEFAULT_HEARTBEAT_MS): boolean {
  if (!lastWritten) return true;
  if (withoutClock(lastWritten) !== withoutClock(next)) return true;
  return next.at - lastWritten.at >= heartbeatMs;
}
