/** Records from another device reach what keeps its own derived result (the presence warnings) through the runner's hook. */
import { describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../../src-renderer/app/store.ts';
import { onRecordsArrived } from '../../../../src-renderer/sync/records-arrived.ts';
import { syncHooks } from '../../../../src-renderer/sync/start-on-unlock.ts';

describe('records arrived', () => {
  it('the sync hook tells listeners after reloading the workspace, and a stopped listener hears nothing', () => {
    const order: string[] = [];
    const state = {
      setSyncStatus: () => undefined,
      setTargetReport: () => undefined,
      loadWorkspace: async () => void order.push('workspace'),
    } as unknown as AppState;
    const hooks = syncHooks('vault-1', () => state);
    const heard = vi.fn(() => order.push('warnings'));
    const stop = onRecordsArrived(heard);
    hooks.recordsArrived(new Map());
    expect(order).toEqual(['workspace', 'warnings']);
    stop();
    hooks.recordsArrived(new Map());
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
