/**
 * The running timer in main: the pure machine (`step`, `recover`) plus what an adapter must do
 * around it, with every OS dependency injected so the browser test host runs this same code.
 *
 * Write-ahead: after each step, the journal is written (when `journalDue` says so) before any
 * effect is carried out. A finished block is therefore in the journal's outbox before anyone is
 * told about it; the renderer stores it in the vault under its deterministic id and answers
 * `blockStored`, which removes it. A crash anywhere in between re-sends it, and the id makes the
 * second write a no-op: each block reaches the vault exactly once.
 *
 * Steps are serialised: an IPC command, a tray click and the ticker never interleave.
 */
import type { TimerView } from '../../src-preload/contract/timer.ts';
import { journalDue, recover, serializeJournal, type JournalProblem } from './journal.ts';
import { accruedAt, remainingAt, resolveSettings, step } from './timer-machine.ts';
import type { NotifyKind, StepOptions, TimerEvent, TimerSettings, TimerState } from './timer-types.ts';

export type { TimerView };

export interface TimerServiceDeps {
  now: () => number;
  /** The journal file: read returns null when there is none; write must be atomic (temp + rename). */
  journal: { read(): Promise<string | null>; write(text: string): Promise<void> };
  /** Shows a notification; the adapter knows names while unlocked, and says less while locked. */
  notify: (kind: NotifyKind, projectId: string) => void;
  /** Called after every step with the new view (broadcast to the window, redraw the tray). */
  onChange: (view: TimerView) => void;
  settings?: Partial<TimerSettings>;
  /** Seconds since the last keyboard or mouse input (powerMonitor.getSystemIdleTime). */
  idleSeconds?: () => number;
  /** A fresh session id (random); injected for tests. */
  newSessionId: () => string;
  log?: (message: string, detail?: unknown) => void;
}

export type DispatchResult = { ok: true; view: TimerView } | { ok: false; message: string; view: TimerView };

export class TimerService {
  readonly #deps: TimerServiceDeps;
  #options: StepOptions;
  #settings: Partial<TimerSettings>;
  #state: TimerState;
  #written: TimerState | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #problem: JournalProblem | undefined;
  #idleReported = false;
  #timers: ReturnType<typeof setInterval>[] = [];

  private constructor(deps: TimerServiceDeps, state: TimerState, problem: JournalProblem | undefined) {
    this.#deps = deps;
    this.#settings = { ...deps.settings };
    this.#options = { settings: this.#settings };
    this.#state = state;
    this.#problem = problem;
  }

  /** Recovers from the journal (a running block continues, or becomes an away question) and re-sends the outbox. */
  static async start(deps: TimerServiceDeps): Promise<TimerService> {
    const text = await deps.journal.read().catch((error: unknown) => {
      deps.log?.('timer journal unreadable', error);
      return null;
    });
    const recovered = recover(text, deps.now(), deps.settings ? { settings: deps.settings } : {});
    const service = new TimerService(deps, recovered.state, recovered.problem);
    await service.#persist();
    service.#carryOut(recovered.effects);
    return service;
  }

  /** The current view. */
  view(): TimerView {
    return this.#viewAt(this.#deps.now());
  }

  /** Applies one event; refusals come back as a message a person can act on. */
  dispatch(event: TimerEvent): Promise<DispatchResult> {
    const run = this.#queue.then(() => this.#step(event));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Starts the 1 s ticker (block ends, tray clock) and the idle poll; returns a stop function. */
  run(tickMs = 1_000, idlePollMs = 5_000): () => void {
    this.#timers.push(setInterval(() => void this.dispatch({ type: 'tick' }), tickMs));
    if (this.#deps.idleSeconds) this.#timers.push(setInterval(() => void this.pollIdle(), idlePollMs));
    return () => this.stop();
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
  }

  /** Compares the OS idle time with the threshold: reports idle once, and activity once it ends. */
  async pollIdle(): Promise<void> {
    const seconds = this.#deps.idleSeconds?.();
    if (seconds === undefined || !Number.isFinite(seconds)) return;
    const threshold = resolveSettings(this.#settings).idleThresholdMs;
    const now = this.#deps.now();
    if (seconds * 1000 >= threshold) {
      if (!this.#idleReported && this.#state.status === 'running') {
        this.#idleReported = true;
        await this.dispatch({ type: 'idleDetected', idleSince: now - seconds * 1000 });
      }
    } else if (this.#idleReported) {
      this.#idleReported = false;
      await this.dispatch({ type: 'userActive' });
    }
  }

  /** Waits for every queued step (tests, and quitting after a final stop). */
  async settled(): Promise<void> {
    await this.#queue;
  }

  async #step(event: TimerEvent): Promise<DispatchResult> {
    const result = step(this.#state, event, this.#deps.now(), this.#options);
    this.#state = result.state;
    await this.#persist();
    const refused = result.effects.find((e) => e.type === 'refused');
    this.#carryOut(result.effects);
    const view = this.#viewAt(this.#state.at);
    return refused && refused.type === 'refused' ? { ok: false, message: refused.message, view } : { ok: true, view };
  }

  async #persist(): Promise<void> {
    if (!journalDue(this.#written, this.#state)) return;
    await this.#deps.journal.write(serializeJournal(this.#state));
    this.#written = structuredClone(this.#state);
  }

  #carryOut(effects: ReturnType<typeof step>['effects']): void {
    for (const effect of effects) {
      if (effect.type === 'notify') this.#deps.notify(effect.kind, effect.projectId);
      // record-block: the block is in the outbox, which every view carries to the window.
      // ask-away: the session's `away` is in the view; the window and tray ask.
    }
    this.#deps.onChange(this.#viewAt(this.#state.at));
  }

  #viewAt(t: number): TimerView {
    const s = this.#state;
    const session = s.status === 'idle' ? undefined : s.session;
    const at = Math.max(t, s.at);
    const view: TimerView = {
      status: s.status,
      remainingMs: session ? remainingAt(session, at) : 0,
      accruedMs: session ? accruedAt(session, at) : 0,
      counting: Boolean(session && session.openSince !== undefined && !session.away),
      outbox: s.outbox.map((b) => ({ ...b })),
      halted: s.killSwitches.map((k) => k.projectId),
      at,
    };
    if (session) {
      view.sessionId = session.sessionId;
      view.projectId = session.projectId;
      if (session.phaseId !== undefined) view.phaseId = session.phaseId;
      if (session.experimentId !== undefined) view.experimentId = session.experimentId;
      view.presetId = session.preset.id;
      view.period = { kind: session.period.kind, plannedMs: session.period.plannedMs, cycle: session.period.cycle, long: session.period.long };
      if (session.away) view.away = { ...session.away };
      if (session.longReminded) view.longRunning = true;
    }
    if (this.#problem) view.problem = this.#problem.message;
    return view;
  }

  /** New preferences apply from the next step on (a block in progress keeps its preset). */
  setSettings(settings: Partial<TimerSettings>): void {
    this.#settings = { ...settings };
    this.#options = { settings: this.#settings };
  }

  /** The machine state (tests, the tray presenter). */
  state(): TimerState {
    return this.#state;
  }
}
