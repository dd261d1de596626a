/**
 * One hook for "read something when the screen shows, and again when its inputs change".
 *
 * Replaces the hand-written `useEffect(() => { let live = true; promise.then(... live && set...) })`
 * blocks: an answer for inputs that have since changed, or for a component that is gone, is
 * dropped (load-state.ts). How a failure is shown (inline text, a toast) stays each screen's choice.
 */
import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { LOADING, type LoadState, startLoad } from './load-state.ts';

export type Loaded<T> = LoadState<T> & {
  /** Asks again with the same inputs (a "Verify again" button, a refresh after a change). */
  reload: () => void;
};

/**
 * Runs `load` after the first render and whenever `deps` change or `reload` is called.
 * `deps` are what `load` reads, as for `useEffect`; `load` itself is not a dependency, so an
 * inline arrow does not re-run it every render.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>(LOADING);
  const [again, setAgain] = useState(0);
  useEffect(
    () => startLoad(load, setState).cancel,
    // The caller lists what `load` reads, exactly as it would for useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, again],
  );
  const reload = useCallback(() => setAgain((n) => n + 1), []);
  return { ...state, reload };
}
