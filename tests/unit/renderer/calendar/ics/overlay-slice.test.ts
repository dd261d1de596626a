/** The imported calendars' cache against a real (fake-indexeddb) vault: import, re-import, remove and undo, dropped on lock. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { importIcs } from '../../../../../src-renderer/calendar/ics/import-ics.ts';
import { OVERLAY_PREFIX } from '../../../../../src-renderer/calendar/ics/overlay-store.ts';
import { newNodeId } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { listSettingsWithPrefix } from '../../../../../src-renderer/vault/repos/settings.ts';
import type { RepoContext } from '../../../../../src-renderer/vault/repos/context.ts';
import { setCurrentSession } from '../../../../../src-renderer/vault/session/runtime.ts';
import { openWorkspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { idb } from '../../../support/store-helpers.ts';
import { createWorkspaceStore, type WorkspaceStoreState } from '../../workspace/workspace-store.ts';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/ics');
const file = (name: string) => {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return { name, size: text.length, text: async () => text };
};

let store: StoreApi<WorkspaceStoreState>;
let ctx: RepoContext;
let n = 0;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  const session = { vaultId: `overlay-${process.pid}-${++n}`, vaultKey: generateKey() };
  const workspace = await openWorkspace({ ...session, vaultKey: session.vaultKey.slice() }, { nodeId: newNodeId(), ...idb });
  setCurrentSession(session, workspace);
  ctx = workspace.ctx;
  store = createWorkspaceStore();
  await store.getState().loadWorkspace();
  await store.getState().loadOverlayCalendars();
});
afterEach(() => setCurrentSession(null));

const deps = () => ({
  now: () => Date.parse('2026-03-01T12:00:00Z'),
  zone: 'Europe/Lisbon',
  newId: () => crypto.randomUUID(),
  calendars: () => store.getState().overlayCalendars ?? [],
  save: store.getState().saveOverlayCalendar,
});

describe('the overlay slice', () => {
  it('stores an import once however often it is repeated, removes it, and takes the removal back', async () => {
    const first = await importIcs(deps(), file('outlook-export.ics'));
    const again = await importIcs(deps(), file('outlook-export.ics'));
    expect(first.ok && again.ok && again.id === first.id).toBe(true);
    expect(await listSettingsWithPrefix(ctx, OVERLAY_PREFIX)).toHaveLength(1);
    const [calendar] = store.getState().overlayCalendars!;
    expect(calendar).toMatchObject({ name: 'Zürich client', events: [{ summary: 'Steering committee' }, { summary: 'Bengaluru sync' }] });

    const removed = await store.getState().removeOverlayCalendar(calendar!.id);
    expect(store.getState().overlayCalendars).toEqual([]);
    expect(await listSettingsWithPrefix(ctx, OVERLAY_PREFIX)).toEqual([]);
    const { id, ...value } = removed!;
    await store.getState().saveOverlayCalendar(id, value);
    await store.getState().loadOverlayCalendars();
    expect(store.getState().overlayCalendars).toEqual([calendar]);
  });

  it('drops the decrypted calendars when the workspace locks', async () => {
    await importIcs(deps(), file('apple-export.ics'));
    expect(store.getState().overlayCalendars).toHaveLength(1);
    store.getState().clearWorkspace();
    expect(store.getState().overlayCalendars).toBeNull();
  });
});
