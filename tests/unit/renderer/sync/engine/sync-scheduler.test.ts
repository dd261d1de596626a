/** When sync runs: debounced after changes, every minute, at once when back online, with jittered backoff. */
import { describe, expect, it } from 'vitest';
import { SyncScheduler, type SchedulerDeps } from '../../../../../src-renderer/sync/engine/sync-scheduler.ts';

/** A fake clock with timers, and a round whose outcomes (and duration, on the fake clock) the test scripts. */
function harness(outcomes: boolean[] = [], random = () => 0.5, roundMs = 0) {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const runs: number[] = [];
  const deps: SchedulerDeps = {
    run: async () => {
      runs.push(now);
      if (roundMs > 0) await new Promise<void>((resolve) => deps.setTimer(resolve, roundMs));
      return outcomes.shift() ?? true;
    },
    setTimer: (fn, ms) => {
      const id = ++nextId;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (handle) => {
      const i = timers.findIndex((t) => t.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    random,
    now: () => now,
  };
  /** Moves time forward, firing due timers in order and letting each round settle. */
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > end) break;
      timers.shift();
      now = due.at;
      due.fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = end;
  };
  return { deps, runs, advance };
}

describe('SyncScheduler', () => {
  it('runs at start, then every minute while rounds succeed', async () => {
    const h = harness();
    const s = new SyncScheduler(h.deps);
    s.start();
    await h.advance(180_000);
    expect(h.runs).toEqual([0, 60_000, 120_000, 180_000]);
  });

  it('debounces a burst of changes into one round about 5 s after the first', async () => {
    const h = harness();
    const s = new SyncScheduler(h.deps);
    s.start();
    await h.advance(1_000);
    s.changed();
    await h.advance(2_000);
    s.changed();
    s.changed();
    await h.advance(10_000);
    expect(h.runs).toEqual([0, 6_000]);
  });

  it('backs off exponentially with jitter after failures, capped, and recovers on success', async () => {
    const h = harness([false, false, false, true], () => 1);
    const s = new SyncScheduler(h.deps, { backoffBaseMs: 1_000, backoffMaxMs: 3_000 });
    s.start();
    await h.advance(70_000);
    // random() = 1: the full ceiling each time: 1 s, 2 s, then capped at 3 s; then the minute interval.
    expect(h.runs).toEqual([0, 1_000, 3_000, 6_000, 66_000]);
    expect(s.failures).toBe(0);
  });

  it('jitter spreads retries between half the base and the ceiling', () => {
    const low = new SyncScheduler(harness([], () => 0).deps, { backoffBaseMs: 4_000, backoffMaxMs: 60_000 });
    const high = new SyncScheduler(harness([], () => 1).deps, { backoffBaseMs: 4_000, backoffMaxMs: 60_000 });
    expect([low.backoffMs(1), high.backoffMs(1)]).toEqual([2_000, 4_000]);
    expect([low.backoffMs(4), high.backoffMs(4)]).toEqual([2_000, 32_000]);
    expect(high.backoffMs(30)).toBe(60_000);
  });

  it('does nothing offline, and runs at once when the network comes back', async () => {
    const h = harness();
    const s = new SyncScheduler(h.deps);
    s.setOnline(false);
    s.start();
    s.changed();
    await h.advance(120_000);
    expect(h.runs).toEqual([]);
    expect(s.phase).toBe('offline');
    s.setOnline(true);
    await h.advance(0);
    expect(h.runs).toEqual([120_000]);
  });

  it('pause stops everything until resume, which runs at once', async () => {
    const h = harness();
    const s = new SyncScheduler(h.deps);
    s.start();
    await h.advance(0);
    s.pause();
    s.changed();
    await h.advance(300_000);
    expect(h.runs).toEqual([0]);
    expect(s.phase).toBe('paused');
    s.resume();
    await h.advance(0);
    expect(h.runs).toEqual([0, 300_000]);
  });

  it('Sync now pressed during a round runs the next one as soon as it ends; a change during one waits the debounce', async () => {
    const h = harness([], () => 0.5, 2_000);
    const s = new SyncScheduler(h.deps);
    s.start();
    await h.advance(1_000);
    expect(s.phase).toBe('running');
    s.runNow();
    await h.advance(1_500);
    // The first round ended at 2 s and the one Sync now asked for began then, not 5 s later.
    expect(h.runs).toEqual([0, 2_000]);
    s.changed();
    await h.advance(10_000);
    expect(h.runs).toEqual([0, 2_000, 9_000]);
  });
});
