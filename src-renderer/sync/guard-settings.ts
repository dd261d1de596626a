/**
 * The deletion guard's limits as a workspace setting (Settings → Sync): one value, so the last
 * writer wins it like any setting, and every device guards alike.
 */
import { getSetting, setSetting } from '../vault/repos/settings.ts';
import type { RepoContext } from '../vault/repos/context.ts';
import { readLimits, type GuardLimits } from './engine/deletion-guard.ts';

export const GUARD_SETTING = 'sync.deletionGuard';

export async function loadGuardLimits(ctx: RepoContext): Promise<GuardLimits> {
  return readLimits(await getSetting(ctx, GUARD_SETTING));
}

export async function saveGuardLimits(ctx: RepoContext, limits: GuardLimits): Promise<void> {
  await setSetting(ctx, GUARD_SETTING, readLimits(limits));
}
