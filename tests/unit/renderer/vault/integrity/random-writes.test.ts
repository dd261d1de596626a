/**
 * No false alarm after many ordinary writes of every kind (create, update, delete, bulk writes, a
 * client erased by index, a table cleared, writes that fail): each unlock, and the last after
 * 1000 writes, finds the store as this device left it.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { clientInput } from '../../../support/store-helpers.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, eraseClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlock, createTimeBlocks, removeTimeBlock, updateTimeBlock } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import type { Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { integrityVault, settle, type IntegrityVault } from './integrity-helpers.ts';

let v: IntegrityVault;
beforeAll(async () => {
  await getSodium();
});
afterEach(async () => {
  await v.dispose();
});

/** mulberry32: the same writes on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.UTC(2025, 5, 15, 12);
const WRITES = 1000;

it(`${WRITES} random writes, with unlocks between: never an alarm`, async () => {
  v = integrityVault();
  const next = random(22);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  let w: Workspace = await v.open();
  const clients: string[] = [];
  const projects: string[] = [];
  const blocks: string[] = [];
  const block = (projectId: string) => {
    const start = T0 + Math.floor(next() * 60) * 3_600_000;
    return { projectId, start, end: start + 1_800_000, zone: 'UTC', kind: 'deep' as const, billable: next() < 0.5 };
  };
  for (let i = 0; i < WRITES; i++) {
    const roll = next();
    if (clients.length === 0 || roll < 0.08) clients.push((await createClient(w.ctx, clientInput({ name: `Client ${i}` }))).id);
    else if (projects.length === 0 || roll < 0.16)
      projects.push((await createProject(w.ctx, { clientId: pick(clients), name: `Project ${i}`, status: 'active' })).id);
    else if (roll < 0.45) blocks.push((await createTimeBlock(w.ctx, block(pick(projects)))).id);
    else if (roll < 0.5)
      blocks.push(...(await createTimeBlocks(w.ctx, [block(pick(projects)), block(pick(projects)), block(pick(projects))])).map((b) => b.id));
    else if (roll < 0.7 && blocks.length > 0)
      await updateTimeBlock(w.ctx, pick(blocks), { billable: next() < 0.5 }).catch(() => undefined); // a deleted one is refused
    else if (roll < 0.8 && blocks.length > 0) {
      const id = pick(blocks);
      await removeTimeBlock(w.ctx, id).catch(() => undefined); // a second delete is refused: still no alarm
    } else if (roll < 0.9) await updateClient(w.ctx, pick(clients), { name: `Renamed ${i}` });
    else if (roll < 0.93) await w.ctx.db.settings.put({ id: `s${i % 5}`, value: i, hlc: '0'.repeat(32) } as never);
    else if (roll < 0.94) await w.ctx.db.settings.clear();
    else if (roll < 0.95 && clients.length > 3) {
      const id = clients.splice(Math.floor(next() * clients.length), 1)[0]!;
      await eraseClient(w.ctx, id);
      // Its projects and blocks are gone; forget them here too (their ids no longer resolve).
      projects.length = 0;
      blocks.length = 0;
      projects.push(...(await w.ctx.db.projects.toCollection().primaryKeys()));
      blocks.push(...(await w.ctx.db.timeBlocks.toCollection().primaryKeys()));
    } else await createClient(w.ctx, clientInput({ name: '' })).catch(() => undefined); // refused by validation
    if (i % 250 === 249) {
      await settle();
      w = await v.open();
      expect(w.integrity, `unlock after write ${i + 1}`).toMatchObject({ kind: 'ok' });
    }
  }
  await settle();
  expect((await v.open()).integrity).toMatchObject({ kind: 'ok' });
  expect(v.errors).toEqual([]);
}, 30_000);
