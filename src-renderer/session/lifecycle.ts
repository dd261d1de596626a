/**
 * What happens on unlock and on lock, in order, in one place. Each step is named, and says in a
 * line why it is where it is. The dependencies are injected (session-deps.ts binds the app's), so
 * the order is tested under Node.
 *
 * Unlock has two phases:
 * - the gate: every step succeeds, or the ones done are undone in reverse and the app stays
 *   locked, saying why; nothing is left half-open (no store open behind a lock screen);
 * - what follows: local work never waits for it. A failing step is reported and stops the steps
 *   after it (they need it). A lock that comes meanwhile stops them too, and undoes what opened
 *   after the lock ran (a guard that opened once the lock had closed it is closed again).
 * Lock always runs every step, synchronously, so nothing of the session outlives the call. A lock
 * that comes while the store is still opening ends the unlock on the lock screen, with its reason.
 *
 * Each unlock is a token (its generation): what a superseded unlock opened late is closed by it,
 * and only that (its store never becomes current; its undo closes main's guard only when no newer
 * unlock has opened it since). From the first step until the lock, the lifecycle itself watches
 * for sleep and a locked screen, so they lock the app even while the store is opening.
 */
import type { LocalityOpenedView } from '../locality/locality-session.ts';
import type { VaultSession } from '../vault/session/vault-service.ts';
import { errorMessage } from '../ui/error-message.ts';

/** What the lifecycle needs from the app, each one thing it does. */
export interface SessionDeps {
  /**
   * Opens the encrypted store with the session's keys and makes it current, only if `alive()` still
   * holds once it opened; otherwise it closes what it opened and leaves the current store alone.
   */
  openStore(session: VaultSession, options: { untrustedKey?: boolean }, alive: () => boolean): Promise<void>;
  /** Closes the store and wipes every key in memory; given a session, only if the store open is that session's. */
  closeStore(session?: VaultSession): void;
  /** Shows the workspace (`unlocked`) or the lock screen with a reason. */
  showUnlocked(vaultId: string): void;
  showLocked(vaultId: string, reason?: string): void;
  /** The vault currently shown unlocked, if any. */
  unlockedVault(): string | null;
  /** Reads the records into the screens' cache (in the background: screens fill as it goes). */
  loadWorkspace(): void;
  /** Drops every decrypted record and every sync status from the screens. */
  clearCaches(): void;
  /** Tells main the clients' policies: until then main refuses every client's egress. */
  openGuard(vaultId: string): Promise<LocalityOpenedView>;
  /** Main forgets the policies: nothing of any client may leave. */
  closeGuard(): void;
  /** Shows what main held back at unlock (unreadable policies, wider ones waiting). */
  showHolds(opened: LocalityOpenedView): void;
  /** A new device that joined from a target: main adds it now that the vault can decide and record. */
  addJoinedTarget(): Promise<void>;
  startSync(vaultId: string): void;
  stopSync(): void;
  /** The tray must not keep showing project names once the keys are gone. */
  clearTray(): void;
  /** Toasts may name clients. */
  dismissToasts(): void;
  /** Why the store did not open, in words for the lock screen. */
  describeOpenFailure(error: unknown): string;
  notify(message: string): void;
  /** Calls `lock` with words for the lock screen when the computer sleeps or its screen locks; returns how to stop. */
  watchPower(lock: (reason: string) => void): () => void;
}

export interface Step {
  name: string;
  /** Why it is where it is. */
  why: string;
  run(): Promise<void> | void;
  /** Closes what `run` opened, when a later step fails or a lock came meanwhile. */
  undo?(): void;
}

export type StepsOutcome = { kind: 'done' } | { kind: 'failed'; step: string; error: unknown } | { kind: 'cancelled'; before: string };

/** Runs the steps in order while `alive`; on a failure or a lock, undoes the ones done, in reverse. */
export async function runSteps(steps: readonly Step[], alive: () => boolean, trace?: (event: string) => void): Promise<StepsOutcome> {
  const done: Step[] = [];
  const undo = () => {
    for (const step of done.reverse()) {
      trace?.(`undo ${step.name}`);
      step.undo?.();
    }
  };
  for (const step of steps) {
    if (!alive()) {
      undo();
      return { kind: 'cancelled', before: step.name };
    }
    trace?.(step.name);
    try {
      await step.run();
    } catch (error) {
      undo();
      // A step that failed because a lock closed what it used was cancelled, not failed: nothing to report.
      return alive() ? { kind: 'failed', step: step.name, error } : { kind: 'cancelled', before: step.name };
    }
    done.push(step);
  }
  if (!alive()) {
    undo();
    return { kind: 'cancelled', before: 'the end' };
  }
  return { kind: 'done' };
}

/** One window's session: unlock and lock, each with its steps in order. */
export function createSessionLifecycle(deps: SessionDeps, trace?: (event: string) => void) {
  // Each lock and each unlock starts a new generation: steps of an unlock from an older one stop.
  let generation = 0;
  // The unlock whose gate is running (nothing shows unlocked yet): a lock then names its vault.
  let unlocking: { token: number; vaultId: string } | null = null;
  // The unlock that last asked main to open its guard, and whether main's guard is open for this session.
  let guardBy = 0;
  const guard: { open: boolean; opening: Promise<unknown> | null } = { open: false, opening: null };
  let unwatch: (() => void) | null = null;
  const stopWatching = () => {
    unwatch?.();
    unwatch = null;
  };

  const gate = (session: VaultSession, options: { untrustedKey?: boolean }, alive: () => boolean): Step[] => [
    {
      name: 'open-store',
      why: 'The records need the keys; nothing can read them before.',
      run: () => deps.openStore(session, options, alive),
      undo: () => deps.closeStore(session),
    },
    { name: 'show-unlocked', why: 'Last in the gate: the screens read from the open store.', run: () => deps.showUnlocked(session.vaultId) },
  ];

  const follow = (vaultId: string, token: number, alive: () => boolean): Step[] => [
    { name: 'load-workspace', why: 'First, and in the background: local work never waits for main or sync.', run: () => deps.loadWorkspace() },
    {
      name: 'open-guard',
      why: 'Before anything may leave: main learns each client’s policy (until then it refuses every egress).',
      run: async () => {
        guardBy = token;
        const opening = deps.openGuard(vaultId);
        guard.opening = opening;
        try {
          const opened = await opening;
          // Held clients are named: never on a screen that locked meanwhile.
          if (alive()) {
            guard.open = true;
            deps.showHolds(opened);
          }
        } finally {
          if (guard.opening === opening) guard.opening = null;
        }
      },
      // Only the guard this unlock opened: a newer unlock's open reached main after this one's.
      undo: () => {
        if (guardBy !== token) return;
        guard.open = false;
        deps.closeGuard();
      },
    },
    {
      name: 'add-joined-target',
      why: 'Needs the open guard (main decides and records per client); a failure is reported and sync starts anyway.',
      run: () => deps.addJoinedTarget().catch((error: unknown) => void (alive() && deps.notify(`The sync target could not be added: ${errorMessage(error)}`))),
    },
    { name: 'start-sync', why: 'Last: only with the guard open can anything be sent.', run: () => deps.startSync(vaultId), undo: () => deps.stopSync() },
  ];

  const lockSteps = (vaultId: string, reason?: string): Step[] => [
    { name: 'stop-sync', why: 'First: no round may start or go on while the keys go.', run: () => deps.stopSync() },
    { name: 'close-guard', why: 'Main refuses every client’s egress from here; sent now, never waited for.', run: () => deps.closeGuard() },
    { name: 'close-store', why: 'The keys are wiped and the store closed.', run: () => deps.closeStore() },
    { name: 'clear-caches', why: 'In the same update: no decrypted record outlives the keys.', run: () => deps.clearCaches() },
    { name: 'show-locked', why: 'The lock screen, with why it locked.', run: () => deps.showLocked(vaultId, reason) },
    { name: 'clear-tray', why: 'The tray named projects; it must not once the keys are gone.', run: () => deps.clearTray() },
    { name: 'dismiss-toasts', why: 'Toasts may name clients.', run: () => deps.dismissToasts() },
  ];

  /** Locks now (`reason` is shown on the lock screen). An unlock still under way stops and undoes itself. */
  const lock = (reason?: string): void => {
    generation++;
    const vaultId = deps.unlockedVault() ?? unlocking?.vaultId ?? null;
    unlocking = null;
    guard.open = false;
    stopWatching();
    if (vaultId === null) return;
    // Synchronous on purpose: every step has run when lock() returns.
    for (const step of lockSteps(vaultId, reason)) {
      trace?.(step.name);
      void step.run();
    }
  };

  return {
    /** Opens a session the unlock or create flow holds: the gate, then what follows it. */
    async unlock(session: VaultSession, options: { untrustedKey?: boolean } = {}): Promise<StepsOutcome> {
      const mine = ++generation;
      const alive = () => mine === generation;
      unlocking = { token: mine, vaultId: session.vaultId };
      unwatch ??= deps.watchPower(lock);
      const opened = await runSteps(gate(session, options, alive), alive, trace);
      if (unlocking?.token === mine) unlocking = null;
      if (opened.kind !== 'done') {
        // Whatever the store opened before it failed goes too; the lock screen never left.
        deps.closeStore(session);
        session.vaultKey.fill(0);
        if (opened.kind === 'failed') {
          stopWatching();
          deps.showLocked(session.vaultId, deps.describeOpenFailure(opened.error));
        }
        return opened;
      }
      const followed = await runSteps(follow(session.vaultId, mine, alive), alive, trace);
      if (followed.kind === 'failed' && followed.step === 'open-guard') {
        deps.notify(`The locality guard could not open, so nothing will be synced: ${errorMessage(followed.error)}`);
      }
      return followed;
    },

    lock,

    /**
     * Whether main's guard holds this session's policies, once an open under way has settled. Not
     * open: the guard never opened, failed to, or the vault locked (main then refuses every egress).
     */
    async guardOpen(): Promise<boolean> {
      while (guard.opening) await guard.opening.catch(() => undefined);
      return guard.open;
    },
  };
}

export type SessionLifecycle = ReturnType<typeof createSessionLifecycle>;
