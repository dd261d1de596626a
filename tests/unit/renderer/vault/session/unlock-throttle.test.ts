import { describe, expect, it } from 'vitest';
import {
  failureMessage,
  FREE_ATTEMPTS,
  NO_THROTTLE,
  recordFailure,
  remainingWait,
  waitAfterFailure,
} from '../../../../../src-renderer/vault/session/unlock-throttle.ts';

describe('unlock throttle', () => {
  it('allows the free attempts, then waits 30 s doubling to a 15 min cap', () => {
    expect([1, 2, 3, 4].map(waitAfterFailure)).toEqual([0, 0, 0, 0]);
    expect(waitAfterFailure(FREE_ATTEMPTS)).toBe(30_000);
    expect(waitAfterFailure(FREE_ATTEMPTS + 1)).toBe(60_000);
    expect(waitAfterFailure(40)).toBe(15 * 60_000);
  });

  it('tells the person how many tries are left, then how long to wait', () => {
    let state = NO_THROTTLE;
    state = recordFailure(state, 0);
    expect(failureMessage(state, 0)).toBe('Wrong passphrase. 4 tries left before a 30 s wait. Check Caps Lock and your keyboard layout.');
    for (let i = 0; i < 3; i++) state = recordFailure(state, 0);
    expect(failureMessage(state, 0)).toMatch(/^Wrong passphrase\. 1 try left/);
    state = recordFailure(state, 1000);
    expect(remainingWait(state, 1000)).toBe(30_000);
    expect(failureMessage(state, 1000)).toBe('Wrong passphrase. Wait 30 s before trying again, or use your recovery kit.');
    expect(remainingWait(state, 31_000)).toBe(0);
  });
});
