import { describe, expect, it } from 'vitest';
import { createNetWatcher } from '../../../../src-main/net/net-watcher.ts';
import type { NetStatus } from '../../../../src-preload/contract/net.ts';

describe('createNetWatcher', () => {
  it('pushes a change only when the state flips, with the time it was seen', () => {
    let online = true;
    let now = 100;
    let tick: () => void = () => {};
    const seen: NetStatus[] = [];
    const watcher = createNetWatcher({
      probe: () => online,
      onChange: (s) => seen.push(s),
      now: () => now,
      setInterval: (fn) => {
        tick = fn;
        return 1;
      },
      clearInterval: () => {},
    });
    expect(watcher.current()).toEqual({ online: true, since: 100 });
    now = 200;
    tick();
    expect(seen).toEqual([]);
    online = false;
    now = 300;
    tick();
    tick();
    expect(seen).toEqual([{ online: false, since: 300 }]);
    online = true;
    now = 400;
    expect(watcher.check()).toEqual({ online: true, since: 400 });
    expect(seen).toHaveLength(2);
  });

  it('treats a probe that throws as offline instead of crashing main', () => {
    const watcher = createNetWatcher({
      probe: () => {
        throw new Error('no network stack');
      },
      onChange: () => {},
      setInterval: () => 0,
      clearInterval: () => {},
    });
    expect(watcher.current().online).toBe(false);
  });
});
