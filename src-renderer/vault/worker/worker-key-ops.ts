/** `VaultKeyOps` that run in the vault key worker. Errors come back as the same VaultError codes. */
import { VaultError } from '../crypto/errors.ts';
import type { VaultKeyOps } from '../session/key-ops.ts';
import type { OpName, WorkerRequest, WorkerResponse } from './protocol.ts';

export function createWorkerKeyOps(): VaultKeyOps {
  const worker = new Worker(new URL('./vault-worker.ts', import.meta.url), { type: 'module', name: 'caravan-vault-keys' });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else if (reply.error.code) waiter.reject(new VaultError(reply.error.code));
    else waiter.reject(new Error(reply.error.message));
  };
  worker.onerror = (event) => {
    const error = new Error(`The key worker stopped (${event.message}). Reload the window and try again.`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const call =
    <O extends OpName>(op: O) =>
    (...args: Parameters<VaultKeyOps[O]>) =>
      new Promise<Awaited<ReturnType<VaultKeyOps[O]>>>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        const request: WorkerRequest<O> = { id, op, args };
        worker.postMessage(request);
      });

  return {
    calibrate: call('calibrate'),
    create: call('create'),
    unlock: call('unlock'),
    unlockWithRecovery: call('unlockWithRecovery'),
    resetWithRecovery: call('resetWithRecovery'),
    deriveKek: call('deriveKek'),
  };
}
