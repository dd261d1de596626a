/**
 * The lock's clear-caches step answers an open device-only export question no, so the export it
 * belongs to ends and lets go of its decrypted content instead of coming back after unlock.
 */
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../../src-renderer/app/store.ts';
import { askDeviceOnlyExport } from '../../../../src-renderer/exports/device-only-question.ts';
import { appSessionDeps } from '../../../../src-renderer/session/session-deps.ts';

describe('the clear-caches lock step', () => {
  it('answers an open device-only export question no', async () => {
    const calls: string[] = [];
    const state = { clearWorkspace: () => calls.push('workspace'), resetSync: () => calls.push('sync') } as unknown as AppState;
    const deps = appSessionDeps(
      () => state,
      () => {},
    );
    const answer = askDeviceOnlyExport({ what: 'Time CSV', clientNames: ['Quiet'] });
    deps.clearCaches();
    expect(await answer).toBe(false);
    expect(calls).toEqual(['workspace', 'sync']);
  });
});
