/** Workspace settings: key -> JSON value, under the workspace key and partition. */
import type { Setting } from '../../domain/setting.ts';
import type { RepoContext } from './context.ts';
import { settingDef } from './defs.ts';
import { liveRecords, parseRecord, patchOne, readLive, readTx, removeOne, stageInsert, writeTx } from './entity-repo.ts';

/** The value of setting `key`, or undefined when it was never set (or was removed). */
export function getSetting(ctx: RepoContext, key: string): Promise<unknown> {
  return readTx(settingDef.what, async () => (await readLive(ctx, settingDef, key))?.value);
}

/** Sets `key` to `value` (any JSON), creating it if needed; an unchanged value writes nothing. */
export function setSetting(ctx: RepoContext, key: string, value: unknown): Promise<Setting> {
  return writeTx(ctx, settingDef.what, ['settings'], async (log) => {
    if ((await readLive(ctx, settingDef, key)) !== undefined) return patchOne(ctx, settingDef, log, key, { value });
    const setting = parseRecord(settingDef, { id: key, value });
    // put, not add: a removed setting's tombstone is replaced (the new HLC is later than the delete's).
    await ctx.db.settings.put(stageInsert(ctx, settingDef, log, setting));
    return setting;
  });
}

/** Removes `key` (tombstone); RepoError 'not-found' when it is not set. */
export function removeSetting(ctx: RepoContext, key: string): Promise<void> {
  return writeTx(ctx, settingDef.what, ['settings'], async (log) => {
    await removeOne(ctx, settingDef, log, key);
  });
}

/** Every setting, by key. */
export function listSettings(ctx: RepoContext): Promise<Setting[]> {
  return readTx(settingDef.what, async () => liveRecords(await ctx.db.settings.toArray()).sort((a, b) => a.id.localeCompare(b.id)));
}

/** The settings whose key starts with `prefix` (`calendar/overlay/`), by key: read by the clear key, so other settings are not decrypted. */
export function listSettingsWithPrefix(ctx: RepoContext, prefix: string): Promise<Setting[]> {
  return readTx(settingDef.what, async () =>
    liveRecords(await ctx.db.settings.where(':id').startsWith(prefix).toArray()).sort((a, b) => a.id.localeCompare(b.id)),
  );
}
