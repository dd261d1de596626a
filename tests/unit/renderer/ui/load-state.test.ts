import { describe, expect, it } from 'vitest';
import { LOADING, type LoadState, startLoad } from '../../../../src-renderer/ui/load-state.ts';

/** A component's state, as useState would hold it. */
function holder<T>() {
  let state: LoadState<T> = LOADING;
  return {
    publish: (next: (previous: LoadState<T>) => LoadState<T>) => {
      state = next(state);
    },
    get state() {
      return state;
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startLoad', () => {
  it('is loading until the answer comes, then ready with it', async () => {
    const h = holder<string>();
    const answer = deferred<string>();
    startLoad(() => answer.promise, h.publish);
    expect(h.state.status).toBe('loading');
    answer.resolve('targets');
    await settle();
    expect(h.state).toEqual({ status: 'ready', value: 'targets', error: undefined });
  });

  it('keeps the thrown value of a failure, and the last good value beside it', async () => {
    const h = holder<string>();
    startLoad(() => Promise.resolve('first'), h.publish);
    await settle();
    const problem = new Error('The guard is not open.');
    startLoad(() => Promise.reject(problem), h.publish);
    expect(h.state).toEqual({ status: 'loading', value: 'first', error: undefined });
    await settle();
    expect(h.state).toEqual({ status: 'failed', value: 'first', error: problem });
  });

  it('fails, rather than throwing into the effect, when the loader throws before returning a promise', async () => {
    const h = holder<string>();
    const problem = new Error('no vault');
    expect(() =>
      startLoad(() => {
        throw problem;
      }, h.publish),
    ).not.toThrow();
    await settle();
    expect(h.state).toMatchObject({ status: 'failed', error: problem });
  });

  it('drops the answer to a request cancelled because the inputs changed, even when it arrives last', async () => {
    const h = holder<string>();
    const forAlice = deferred<string>();
    const forBob = deferred<string>();
    const first = startLoad(() => forAlice.promise, h.publish);
    first.cancel(); // deps changed: the effect's cleanup runs before the next request starts
    startLoad(() => forBob.promise, h.publish);
    forBob.resolve('Bob');
    await settle();
    forAlice.resolve('Alice');
    await settle();
    expect(h.state).toEqual({ status: 'ready', value: 'Bob', error: undefined });
  });

  it('drops a late failure of a cancelled request too', async () => {
    const h = holder<string>();
    const old = deferred<string>();
    const first = startLoad(() => old.promise, h.publish);
    first.cancel();
    startLoad(() => Promise.resolve('new'), h.publish);
    await settle();
    old.reject(new Error('stale'));
    await settle();
    expect(h.state.status).toBe('ready');
    expect(h.state.value).toBe('new');
  });

  it('publishes nothing after unmount (cancel with no request after it)', async () => {
    let calls = 0;
    const answer = deferred<number>();
    const request = startLoad(
      () => answer.promise,
      () => {
        calls++;
      },
    );
    const before = calls;
    request.cancel();
    answer.resolve(1);
    await settle();
    expect(calls).toBe(before);
  });
});
