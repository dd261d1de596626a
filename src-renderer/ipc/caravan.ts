/**
 * The renderer's only door to main. `window.caravan` is built by the preload
 * (or by the browser test host's shim) from the shared contract.
 */
import type { AppError, CaravanApi, IpcResult } from '../../src-preload/contract/index.ts';

declare global {
  interface Window {
    readonly caravan: CaravanApi;
  }
}

/** A failure reported by main, carried as a value with a message a person can act on. */
export class CaravanError extends Error {
  readonly code: AppError['code'];
  constructor(error: AppError) {
    super(error.message);
    this.name = 'CaravanError';
    this.code = error.code;
  }
}

export function caravan(): CaravanApi {
  if (!('caravan' in window)) {
    throw new Error('Caravan could not reach its main process (window.caravan is missing). Restart the app.');
  }
  return window.caravan;
}

/** Unwraps a result for code that prefers exceptions (effects, loaders). */
export async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new CaravanError(result.error);
  return result.value;
}
