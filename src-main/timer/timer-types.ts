/**
 * The timer's state, events and effects. Everything here is plain,
 * serialisable data holding ids only: the state is journaled to disk by main,
 * which never holds client names, and the journal must not either.
 *
 * Time is integer epoch milliseconds (UTC). A segment is a half-open interval
 * [start, end): two blocks that touch do not overlap.
 */
import type { KillSwitchGate } from './kill-switch-gate.ts';
import type { Preset } from './presets.ts';

/** What the tray shows. A pending "you were away" question is carried by `Session.away`. */
export type TimerStatus = 'idle' | 'running' | 'paused' | 'break' | 'overrun';

export type BlockKind = 'deep' | 'break';

/** What the person was bound to while the time accrued. Ids only, never names. */
export interface TimerBinding {
  projectId: string;
  phaseId?: string;
  experimentId?: string;
}

/**
 * One contiguous stretch of counted time, as it reaches the vault. `id` is
 * `<sessionId>:<seq>`: deterministic, so delivering it twice (after a crash,
 * a lost acknowledgement, a replay) writes the same row twice, never two rows.
 */
export interface TimeBlock extends TimerBinding {
  id: string;
  sessionId: string;
  /** Position in the session, from 0; never reused. */
  seq: number;
  kind: BlockKind;
  /** Inclusive start, epoch ms. */
  start: number;
  /** Exclusive end, epoch ms; always greater than `start`. */
  end: number;
  /** Which deep block of the session (0-based) this time belongs to; a break has the cycle of the block before it. */
  cycle: number;
}

/** The planned stretch the session is in: a deep block or a break. */
export interface Period {
  kind: BlockKind;
  plannedMs: number;
  /** Time accrued in this period by segments already closed. */
  accruedMs: number;
  cycle: number;
  /** A long break (pomodoro, after every 4th completed block). */
  long: boolean;
}

/** Why the machine stopped counting and waits for the person to decide. */
export type AwayCause = 'idle' | 'suspend' | 'lock' | 'restart';

/**
 * Time since `since` is in doubt: it is not counted until the person chooses
 * keep, discard or break. `since` never precedes the open segment's start.
 */
export interface Away {
  since: number;
  cause: AwayCause;
}

/** A started timer, from `start` to `stop`. */
export interface Session extends TimerBinding {
  sessionId: string;
  preset: Preset;
  period: Period;
  /** Deep blocks that reached their planned length; drives the long break. */
  completedBlocks: number;
  /** Sequence number of the next recorded block. */
  nextSeq: number;
  /** Start of the segment accruing now; absent while paused. */
  openSince?: number;
  away?: Away;
  /** Deep work counted in this session's closed segments (absent in journals from before it was kept). */
  workedMs?: number;
  /** The long-timer reminder fired for this session; it fires once. */
  longReminded?: boolean;
}

/**
 * Continuous deep work, for the break reminder. It spans sessions (stopping
 * and starting on another project is not a rest) and resets after a gap of
 * at least `TimerSettings.restMs` without deep work.
 */
export interface Streak {
  /** Deep time in closed segments since the last rest. */
  accruedMs: number;
  remindersSent: number;
  /** End of the last deep segment, if any. */
  lastWorkEnd?: number;
}

/** A project whose kill switch triggered and was not yet acknowledged. */
export interface TriggeredSwitch {
  projectId: string;
  switchId: string;
}

/** The whole machine state: what the journal holds. */
export interface TimerState {
  status: TimerStatus;
  /** Present exactly when `status` is not 'idle'. */
  session?: Session;
  killSwitches: TriggeredSwitch[];
  /** Recorded blocks the vault has not acknowledged yet; re-sent after a restart. */
  outbox: TimeBlock[];
  /** The latest time the machine has seen: the clock never runs backwards inside it. */
  at: number;
  streak: Streak;
}

export type IdleChoice = 'keep' | 'discard' | 'break';

/** Everything that can happen to the timer: the person, the OS, the vault, the clock. */
export type TimerEvent =
  | ({ type: 'start'; sessionId: string; preset: Preset } & TimerBinding)
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** The clock moved; time-based transitions (block end, break end, reminder) happen on any event. */
  | { type: 'tick' }
  /** The OS reports no input since `idleSince` (powerMonitor.getSystemIdleTime()). */
  | { type: 'idleDetected'; idleSince: number }
  | { type: 'idleResolved'; choice: IdleChoice }
  | { type: 'suspend' }
  | { type: 'resumeFromSuspend' }
  | { type: 'lockScreen' }
  | { type: 'unlockScreen' }
  /** Input again after an idle stretch. */
  | { type: 'userActive' }
  | { type: 'startBreak' }
  /** In a break: end it now. In overrun: start the next block without a break. */
  | { type: 'skipBreak' }
  | ({ type: 'switchProject' } & TimerBinding)
  | { type: 'killSwitchTriggered'; projectId: string; switchId: string }
  | { type: 'killSwitchAcknowledged'; projectId: string }
  /** The vault has durably stored this block. */
  | { type: 'blockStored'; blockId: string };

export type NotifyKind = 'block-end' | 'break-end' | 'break-reminder' | 'kill-switch' | 'long-session';

/** Actions a person asked for that can be refused. */
export type RefusableAction = 'start' | 'resume' | 'switch' | 'skip-break' | 'pause' | 'stop' | 'start-break';

export type RefusalCode = 'kill-switch' | 'busy' | 'away-pending' | 'invalid';

/** What the adapter must do after a step. The machine itself does nothing. */
export type TimerEffect =
  | { type: 'notify'; kind: NotifyKind; projectId: string }
  /** Send to the vault (idempotent by `block.id`), then answer with `blockStored`. */
  | { type: 'record-block'; block: TimeBlock }
  /** The person is back: ask keep, discard or break for the time since `since`. */
  | { type: 'ask-away'; since: number; cause: AwayCause }
  | { type: 'refused'; action: RefusableAction; code: RefusalCode; message: string; projectId?: string };

export interface StepResult {
  state: TimerState;
  effects: TimerEffect[];
}

/** Preferences the machine reads; not journaled (they belong to the app's settings). */
export interface TimerSettings {
  /** No input for this long counts as away. Default 5 min, at least 1 min. */
  idleThresholdMs: number;
  /** Remind to take a break after this much continuous deep work; 0 turns it off. Default 60 min. */
  breakReminderMs: number;
  /** A gap without deep work at least this long is a rest (resets the streak). Default 5 min. */
  restMs: number;
  /** Remind once per session when its counted deep work passes this; 0 (the default) turns it off. */
  longSessionMs: number;
}

export interface StepOptions {
  settings?: Partial<TimerSettings>;
  /** Extra gate; the machine always also honours switches recorded in its own state. */
  gate?: KillSwitchGate;
}
