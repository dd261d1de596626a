/**
 * When sync runs: soon after a local change (debounced, about 5 s), every
 * minute while online, at once when the network comes back, and on demand.
 * A failed round is retried with exponential backoff and full jitter (5 s
 * doubling to 15 min) so many devices do not hammer a recovering server in
 * step. Paused means nothing runs until resumed; offline means nothing runs
 * until online. Pure: timers, randomness and the round itself are injected.
 */

export interface SchedulerDeps {
  /** Runs one sync round; resolves true when it succeeded (refusals by the guard are not failures). */
  run(): Promise<boolean>;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  random(): number;
  now(): number;
}

export interface SchedulerOptions {
  debounceMs?: number;
  intervalMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export type SchedulerPhase = 'idle' | 'waiting' | 'running' | 'backoff' | 'paused' | 'offline';

export class SyncScheduler {
  readonly #deps: SchedulerDeps;
  readonly #debounceMs: number;
  readonly #intervalMs: number;
  readonly #baseMs: number;
  readonly #maxMs: number;
  #timer: unknown = undefined;
  #dueAt: number | undefined;
  #running = false;
  /** Asked for while a round ran: the delay of the round that follows it (0 after Sync now). */
  #again: number | undefined;
  #failures = 0;
  #paused = false;
  #online = true;
  #stopped = false;

  constructor(deps: SchedulerDeps, options: SchedulerOptions = {}) {
    this.#deps = deps;
    this.#debounceMs = options.debounceMs ?? 5_000;
    this.#intervalMs = options.intervalMs ?? 60_000;
    this.#baseMs = options.backoffBaseMs ?? 5_000;
    this.#maxMs = options.backoffMaxMs ?? 15 * 60_000;
  }

  get phase(): SchedulerPhase {
    if (this.#paused) return 'paused';
    if (!this.#online) return 'offline';
    if (this.#running) return 'running';
    if (this.#failures > 0) return 'backoff';
    return this.#dueAt === undefined ? 'idle' : 'waiting';
  }

  /** Consecutive failed rounds. */
  get failures(): number {
    return this.#failures;
  }

  /** When the next round is due (epoch ms), if one is planned. */
  get dueAt(): number | undefined {
    return this.#dueAt;
  }

  start(): void {
    this.#plan(0);
  }

  /** A local write happened: sync soon, unless a round is due sooner anyway. */
  changed(): void {
    if (this.#failures > 0) return; // backoff decides; the change goes with the next round
    this.#plan(this.#debounceMs, true);
  }

  /** Sync now (a button, the network back). */
  runNow(): void {
    this.#failures = 0;
    this.#plan(0);
  }

  setOnline(online: boolean): void {
    const back = online && !this.#online;
    this.#online = online;
    if (back) this.runNow();
    else if (!online) this.#cancel();
  }

  pause(): void {
    this.#paused = true;
    this.#cancel();
  }

  resume(): void {
    this.#paused = false;
    this.runNow();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  /** The delay before retry number `failures` (1-based): full jitter over an exponential ceiling. */
  backoffMs(failures: number): number {
    const ceiling = Math.min(this.#maxMs, this.#baseMs * 2 ** Math.max(0, failures - 1));
    return Math.round(this.#baseMs / 2 + this.#deps.random() * (ceiling - this.#baseMs / 2));
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#deps.clearTimer(this.#timer);
    this.#timer = undefined;
    this.#dueAt = undefined;
  }

  /** Plans a round in `ms`; `onlySooner`: keep an earlier plan. */
  #plan(ms: number, onlySooner = false): void {
    if (this.#stopped || this.#paused || !this.#online) return;
    if (this.#running) {
      this.#again = Math.min(this.#again ?? ms, ms);
      return;
    }
    const at = this.#deps.now() + ms;
    if (onlySooner && this.#dueAt !== undefined && this.#dueAt <= at) return;
    this.#cancel();
    this.#dueAt = at;
    this.#timer = this.#deps.setTimer(() => void this.#fire(), ms);
  }

  async #fire(): Promise<void> {
    this.#timer = undefined;
    this.#dueAt = undefined;
    if (this.#stopped || this.#paused || !this.#online) return;
    this.#running = true;
    this.#again = undefined;
    const ok = await this.#deps.run().catch(() => false);
    this.#running = false;
    if (this.#stopped) return;
    if (ok) {
      this.#failures = 0;
      this.#plan(this.#again ?? this.#intervalMs);
    } else {
      this.#failures++;
      this.#plan(this.backoffMs(this.#failures));
    }
  }
}
