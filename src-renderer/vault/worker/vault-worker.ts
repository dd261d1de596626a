/// <reference lib="webworker" />
/**
 * The vault key worker: Argon2id and key wrapping off the UI thread, so the
 * window stays responsive (and the progress bar moves) while a derivation
 * takes its second or two.
 */
import { isVaultError } from '../crypto/errors.ts';
import { directKeyOps } from '../session/key-ops.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { errorMessage } from '../../ui/error-message.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, op, args } = event.data;
  let response: WorkerResponse;
  try {
    const fn = directKeyOps[op] as (...a: unknown[]) => Promise<unknown>;
    response = { id, ok: true, value: await fn(...args) };
  } catch (error) {
    response = {
      id,
      ok: false,
      error: {
        name: error instanceof Error ? error.name : 'Error',
        ...(isVaultError(error) ? { code: error.code } : {}),
        message: errorMessage(error),
      },
    };
  }
  scope.postMessage(response);
};
