/** Data that crosses the IPC boundary. Plain, structured-clone-safe objects only. */

export type Platform = 'darwin' | 'win32' | 'linux' | 'other';

export interface AppInfo {
  /** Semantic version of the running app, from package.json. */
  version: string;
  platform: Platform;
  /** Absolute path of the folder that holds the user's data on this machine. */
  dataFolder: string;
  /** True in the browser test host, where main's handlers run without Electron. */
  hosted: boolean;
}

export interface NetStatus {
  online: boolean;
  /** Epoch milliseconds (UTC) of the last change main observed. */
  since: number;
}

export interface PowerState {
  kind: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';
  at: number;
}

export interface SaveTextRequest {
  /** File name offered in the dialog, e.g. `caravan-recovery-kit.txt`. */
  suggestedName: string;
  /** The text, or with `encoding: 'base64'` the bytes of a binary file (a PDF). */
  content: string;
  encoding?: 'utf8' | 'base64';
  /** e.g. `[{ name: 'Text', extensions: ['txt'] }]` */
  filters: { name: string; extensions: string[] }[];
}

export type SaveTextResult = { saved: true; path: string } | { saved: false };

export type DeviceKeyStatus =
  | { available: true; enrolled: boolean }
  /** `reason` says why in words a person can act on (e.g. no secret store on this Linux desktop). */
  | { available: false; enrolled: false; reason: string };

/** A block the timer recorded, waiting for the renderer to store it in the vault. Ids only. */
export interface TimerBlock {
  /** `<sessionId>:<seq>`: storing it twice writes one row. */
  id: string;
  sessionId: string;
  seq: number;
  kind: 'deep' | 'break';
  projectId: string;
  phaseId?: string;
  experimentId?: string;
  start: number;
  end: number;
  cycle: number;
}

/** What the window shows of the timer. */
export interface TimerView {
  status: 'idle' | 'running' | 'paused' | 'break' | 'overrun';
  projectId?: string;
  phaseId?: string;
  experimentId?: string;
  presetId?: string;
  period?: { kind: 'deep' | 'break'; plannedMs: number; cycle: number; long: boolean };
  /** Time left in the period at `at` (0 in overrun). */
  remainingMs: number;
  /** Time counted in the period at `at`. */
  accruedMs: number;
  /** Whether time is accruing, so the window may count on between updates. */
  counting: boolean;
  /** The person was away (idle, asleep, locked, app down) since `since`: keep, discard or break? */
  away?: { since: number; cause: 'idle' | 'suspend' | 'lock' | 'restart' };
  /** Blocks waiting to be stored in the vault. */
  outbox: TimerBlock[];
  /** Projects whose kill switch stops the timer until acknowledged. */
  halted: string[];
  /** When this view was computed, epoch ms. */
  at: number;
  /** Said once if the journal could not be read at start-up. */
  problem?: string;
}

/** What the window can ask the timer to do. */
export type TimerCommand =
  | { type: 'start'; projectId: string; phaseId?: string; preset: 'pomodoro' | 'fifty-ten' | 'deep-90' | { workMin: number; breakMin: number } }
  | { type: 'pause' | 'resume' | 'stop' | 'startBreak' | 'skipBreak' }
  | { type: 'switchProject'; projectId: string; phaseId?: string }
  | { type: 'resolveAway'; choice: 'keep' | 'discard' | 'break' }
  /** A kill switch that stops the timer has triggered: main stops and refuses this project until acknowledged. */
  | { type: 'killSwitchTriggered'; projectId: string; switchId: string }
  | { type: 'acknowledgeKillSwitch'; projectId: string };

/**
 * Projects the tray may offer, with their labels, sent while the vault is unlocked and replaced by
 * `{ unlocked: false, projects: [] }` on lock: main keeps the names in memory only.
 */
export interface TrayProjects {
  unlocked: boolean;
  projects: { id: string; name: string }[];
}

/** The timer's preferences, kept by main. */
export interface TimerPreferences {
  /** No input for this long asks "you were away". At least 1. */
  idleMinutes: number;
  /** Remind to take a break after this much continuous deep work; 0 = never. */
  breakReminderMinutes: number;
  /** Electron accelerator that starts or stops the timer from anywhere ("CommandOrControl+Alt+T"); empty = none. */
  shortcut: string;
}
