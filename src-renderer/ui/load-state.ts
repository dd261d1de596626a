/**
 * Where one asynchronous read stands, and the rule that only the newest request may answer.
 *
 * Kept free of React so the rule is tested under Node; `useLoaded` (use-loaded.ts) wires it to a
 * component. The rule matters because a screen re-asks when its inputs change (another client, a
 * refresh) or goes away; an older answer arriving late must not overwrite a newer one, and nothing
 * may be set on a component that is gone.
 */

/**
 * `value` is the last answer that arrived, kept while a newer request runs or after it fails, so a
 * screen can keep showing it; `status` says where the newest request stands.
 */
export type LoadState<T> =
  | { status: 'loading'; value: T | undefined; error: undefined }
  | { status: 'ready'; value: T; error: undefined }
  | { status: 'failed'; value: T | undefined; error: unknown };

export const LOADING: LoadState<never> = { status: 'loading', value: undefined, error: undefined };

export type Publish<T> = (next: (previous: LoadState<T>) => LoadState<T>) => void;

/** Starts one request and publishes its answer unless `cancel` was called first. */
export function startLoad<T>(load: () => Promise<T>, publish: Publish<T>): { cancel: () => void } {
  let live = true;
  publish((previous) => (previous.status === 'loading' ? previous : { status: 'loading', value: previous.value, error: undefined }));
  let pending: Promise<T>;
  try {
    pending = load();
  } catch (error) {
    // A loader that throws before it returns a promise fails like one that rejects.
    pending = Promise.reject(error);
  }
  pending.then(
    (value) => live && publish(() => ({ status: 'ready', value, error: undefined })),
    (error: unknown) => live && publish((previous) => ({ status: 'failed', value: previous.value, error })),
  );
  return {
    cancel: () => {
      live = false;
    },
  };
}
