/**
 * The session lifecycle: unlock and lock steps in their order, and a failing or interrupted
 * unlock that leaves the app locked with nothing half-open.
 */
import { describe, expect, it } from 'vitest';
import { createSessionLifecycle, type SessionDeps } from '../../../../src-renderer/session/lifecycle.ts';
import type { VaultSession } from '../../../../src-renderer/vault/session/vault-service.ts';

const VAULT = 'vault-1';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

interface Faults {
  openStore?: Error;
  showUnlocked?: Error;
  openGuard?: Error;
  openGuardWaits?: Promise<void>;
  openStoreWaits?: Promise<void>;
  /** Waits per call, in call order (a second unlock's open may settle first). */
  openStoreWaitsEach?: Promise<void>[];
  openGuardWaitsEach?: Promise<void>[];
}

function world(faults: Faults = {}) {
  const calls: string[] = [];
  let shown: string | null = null;
  let storeOf: VaultSession | null = null;
  let guardOpenIn = false;
  const power = new Set<(reason: string) => void>();
  const deps: SessionDeps = {
    openStore: async (session, _options, alive) => {
      calls.push('openStore');
      await (faults.openStoreWaitsEach?.shift() ?? faults.openStoreWaits);
      if (faults.openStore) throw faults.openStore;
      if (alive()) storeOf = session;
    },
    closeStore: (session) => {
      calls.push('closeStore');
      if (!session || storeOf === session) storeOf = null;
    },
    showUnlocked: (vaultId) => {
      if (faults.showUnlocked) throw faults.showUnlocked;
      calls.push('showUnlocked');
      shown = vaultId;
    },
    showLocked: (_vaultId, reason) => {
      calls.push(`showLocked${reason ? `: ${reason}` : ''}`);
      shown = null;
    },
    unlockedVault: () => shown,
    loadWorkspace: () => void calls.push('loadWorkspace'),
    clearCaches: () => void calls.push('clearCaches'),
    openGuard: async () => {
      calls.push('openGuard');
      // Main takes each open in the order it was sent.
      guardOpenIn = true;
      await (faults.openGuardWaitsEach?.shift() ?? faults.openGuardWaits);
      if (faults.openGuard) throw faults.openGuard;
      return { heldBack: [], awaiting: [] };
    },
    closeGuard: () => {
      calls.push('closeGuard');
      guardOpenIn = false;
    },
    showHolds: () => void calls.push('showHolds'),
    addJoinedTarget: async () => void calls.push('addJoinedTarget'),
    startSync: () => void calls.push('startSync'),
    stopSync: () => void calls.push('stopSync'),
    clearTray: () => void calls.push('clearTray'),
    dismissToasts: () => void calls.push('dismissToasts'),
    describeOpenFailure: (error) => (error instanceof Error ? error.message : String(error)),
    notify: (message) => void calls.push(`notify: ${message}`),
    watchPower: (lock) => {
      power.add(lock);
      return () => power.delete(lock);
    },
  };
  const newSession = () => ({ vaultId: VAULT, vaultKey: new Uint8Array([7, 7, 7]) }) as unknown as VaultSession;
  const session = newSession();
  return {
    lifecycle: createSessionLifecycle(deps),
    calls,
    session,
    newSession,
    /** What main reports: the computer goes to sleep (every listener the app attached hears it). */
    sleep: () => [...power].forEach((lock) => lock('Locked because the computer went to sleep.')),
    watching: () => power.size,
    state: () => ({ shown, storeOpen: storeOf !== null }),
    store: () => storeOf,
    guardOpenInMain: () => guardOpenIn,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('session lifecycle', () => {
  it('unlocks in order: store, screens, guard, then sync', async () => {
    const { lifecycle, calls, session, state } = world();
    expect(await lifecycle.unlock(session)).toEqual({ kind: 'done' });
    expect(calls).toEqual(['openStore', 'showUnlocked', 'loadWorkspace', 'openGuard', 'showHolds', 'addJoinedTarget', 'startSync']);
    expect(state()).toEqual({ shown: VAULT, storeOpen: true });
  });

  it('locks in order: sync stops and main’s guard closes before the keys go; caches before the lock screen', async () => {
    const { lifecycle, calls, session, state } = world();
    await lifecycle.unlock(session);
    calls.length = 0;
    lifecycle.lock('Locked after 5 minutes without activity.');
    expect(calls).toEqual([
      'stopSync',
      'closeGuard',
      'closeStore',
      'clearCaches',
      'showLocked: Locked after 5 minutes without activity.',
      'clearTray',
      'dismissToasts',
    ]);
    expect(state()).toEqual({ shown: null, storeOpen: false });
    calls.length = 0;
    lifecycle.lock();
    expect(calls).toEqual([]);
  });

  it('a store that does not open: the lock screen says why, the key is wiped, nothing after it runs', async () => {
    const { lifecycle, calls, session, state } = world({ openStore: new Error('The records could not be opened.') });
    expect((await lifecycle.unlock(session)).kind).toBe('failed');
    expect(calls).toEqual(['openStore', 'closeStore', 'showLocked: The records could not be opened.']);
    expect([...session.vaultKey]).toEqual([0, 0, 0]);
    expect(state()).toEqual({ shown: null, storeOpen: false });
  });

  it('a later gate step failing closes the store that opened before it', async () => {
    const { lifecycle, calls, session, state } = world({ showUnlocked: new Error('render failed') });
    expect(await lifecycle.unlock(session)).toMatchObject({ kind: 'failed', step: 'show-unlocked' });
    expect(calls).toEqual(['openStore', 'closeStore', 'closeStore', 'showLocked: render failed']);
    expect(state()).toEqual({ shown: null, storeOpen: false });
    expect(calls).not.toContain('openGuard');
  });

  it('a lock while the guard opens: the guard is closed again once it opened, and sync never starts', async () => {
    const guard = deferred();
    const { lifecycle, calls, session, state } = world({ openGuardWaits: guard.promise });
    const unlocking = lifecycle.unlock(session);
    await new Promise((r) => setTimeout(r, 0));
    lifecycle.lock();
    guard.resolve();
    expect(await unlocking).toEqual({ kind: 'cancelled', before: 'add-joined-target' });
    // Nothing named after the lock, and the guard that opened late is closed again.
    expect(calls.slice(calls.indexOf('dismissToasts') + 1)).toEqual(['closeGuard']);
    expect(calls).not.toContain('startSync');
    expect(calls.filter((c) => c === 'closeGuard')).toHaveLength(2);
    expect(state()).toEqual({ shown: null, storeOpen: false });
  });

  it('the computer sleeps while the store opens: the lifecycle hears it, the store never opens, the lock screen says why', async () => {
    const store = deferred();
    const { lifecycle, calls, session, state, sleep, watching } = world({ openStoreWaits: store.promise });
    const unlocking = lifecycle.unlock(session);
    // Nothing shows unlocked yet: only the lifecycle's own watch can hear main now.
    expect(state().shown).toBeNull();
    sleep();
    store.resolve();
    expect((await unlocking).kind).toBe('cancelled');
    expect(calls).not.toContain('showUnlocked');
    expect(calls).toContain('showLocked: Locked because the computer went to sleep.');
    expect(state()).toEqual({ shown: null, storeOpen: false });
    expect([...session.vaultKey]).toEqual([0, 0, 0]);
    expect(watching()).toBe(0);
  });

  it('watches for sleep from the first unlock step until the lock, once however many unlocks ran', async () => {
    const { lifecycle, session, newSession, sleep, watching, state } = world();
    await lifecycle.unlock(session);
    await lifecycle.unlock(newSession());
    expect(watching()).toBe(1);
    sleep();
    expect(state()).toEqual({ shown: null, storeOpen: false });
    expect(watching()).toBe(0);
  });

  it('a store that does not open stops the watch (the lock screen needs none)', async () => {
    const { lifecycle, session, watching } = world({ openStore: new Error('The records could not be opened.') });
    await lifecycle.unlock(session);
    expect(watching()).toBe(0);
  });

  it('two unlocks at once (a double click): the older store, opening last, neither replaces nor closes the newer one', async () => {
    const first = deferred();
    const second = deferred();
    const { lifecycle, session, newSession, state, store } = world({ openStoreWaitsEach: [first.promise, second.promise] });
    const older = lifecycle.unlock(session);
    const later = newSession();
    const newer = lifecycle.unlock(later);
    second.resolve();
    expect(await newer).toEqual({ kind: 'done' });
    first.resolve();
    expect((await older).kind).toBe('cancelled');
    expect(store()).toBe(later);
    expect(state()).toEqual({ shown: VAULT, storeOpen: true });
    expect([...later.vaultKey]).toEqual([7, 7, 7]);
    expect([...session.vaultKey]).toEqual([0, 0, 0]);
  });

  it('an abandoned unlock whose guard opens late does not close the guard of the unlock after it', async () => {
    const olderGuard = deferred();
    const { lifecycle, calls, session, newSession, guardOpenInMain } = world({ openGuardWaitsEach: [olderGuard.promise] });
    const older = lifecycle.unlock(session);
    await tick();
    lifecycle.lock();
    expect(await lifecycle.unlock(newSession())).toEqual({ kind: 'done' });
    calls.length = 0;
    olderGuard.resolve();
    expect((await older).kind).toBe('cancelled');
    expect(calls).not.toContain('closeGuard');
    expect(guardOpenInMain()).toBe(true);
    expect(await lifecycle.guardOpen()).toBe(true);
  });

  it('says whether main’s guard is open, once an open under way settled', async () => {
    const guard = deferred();
    const { lifecycle, session } = world({ openGuardWaits: guard.promise });
    expect(await lifecycle.guardOpen()).toBe(false);
    const unlocking = lifecycle.unlock(session);
    await tick();
    const answer = lifecycle.guardOpen();
    guard.resolve();
    expect(await answer).toBe(true);
    await unlocking;
    lifecycle.lock();
    expect(await lifecycle.guardOpen()).toBe(false);
  });

  it('a guard that failed to open is reported closed', async () => {
    const { lifecycle, session } = world({ openGuard: new Error('main is busy') });
    await lifecycle.unlock(session);
    expect(await lifecycle.guardOpen()).toBe(false);
  });

  it('a guard that fails because a lock closed the store meanwhile: cancelled, nothing reported after the lock', async () => {
    const guard = deferred();
    const { lifecycle, calls, session } = world({ openGuardWaits: guard.promise, openGuard: new Error('The vault is locked.') });
    const unlocking = lifecycle.unlock(session);
    await new Promise((r) => setTimeout(r, 0));
    lifecycle.lock();
    guard.resolve();
    expect(await unlocking).toEqual({ kind: 'cancelled', before: 'open-guard' });
    expect(calls.filter((c) => c.startsWith('notify'))).toEqual([]);
    expect(calls).not.toContain('startSync');
  });

  it('a guard that does not open is reported; the workspace stays open and nothing is synced', async () => {
    const { lifecycle, calls, session, state } = world({ openGuard: new Error('main is busy') });
    expect(await lifecycle.unlock(session)).toMatchObject({ kind: 'failed', step: 'open-guard' });
    expect(calls).toContain('notify: The locality guard could not open, so nothing will be synced: main is busy');
    expect(calls).not.toContain('startSync');
    expect(state()).toEqual({ shown: VAULT, storeOpen: true });
  });
});
