/**
 * The middleware under Dexie's own API (not only the repositories): update/modify, counts,
 * cursors, limits, offsets, bulkGet and deletes on encrypted tables, with and without rows that
 * do not open.
 */
// Before Dexie loads: liveQuery only runs when Dexie found a global IndexedDB at load time.
import 'fake-indexeddb/auto';
import { type Dexie, liveQuery, type Table } from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isVaultError } from '../../../../../src-renderer/vault/crypto/errors.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import type { TimeBlock } from '../../../../../src-renderer/domain/time-block.ts';
import type { LiveRow } from '../../../../../src-renderer/vault/store/rows.ts';
import { openTestVault, T0, type TestVault } from '../../../support/store-helpers.ts';

let v: TestVault;
let raw: Dexie;
/** The table typed as holding live rows only (this file writes no tombstones). */
const tb = () => v.db.table('timeBlocks') as Table<LiveRow<TimeBlock>, string>;
const DAY = 86_400_000;
const ids = Array.from({ length: 10 }, (_, i) => `b${i}`);

function row(i: number, note = `note ${i}`): LiveRow<TimeBlock> {
  const start = T0 + i * DAY;
  return {
    id: `b${i}`,
    projectId: 'p1',
    clientId: 'c1',
    start,
    end: start + 60_000,
    zone: 'UTC',
    kind: 'deep',
    billable: true,
    billed: false,
    note,
    createdAt: T0,
    updatedAt: T0,
    hlc: '0'.repeat(32),
  };
}

/** Damages the stored ciphertext of these rows. */
async function damage(...keys: string[]): Promise<void> {
  for (const key of keys) {
    const stored = await raw.table('timeBlocks').get(key);
    const ct = (stored.ct as Uint8Array).slice();
    ct[30] = (ct[30] as number) ^ 0xff;
    await raw.table('timeBlocks').put({ ...stored, ct });
  }
}

beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
  raw = await v.raw();
  await v.keyRing.createClientKey(v.db, 'c1');
  await tb().bulkPut(ids.map((_, i) => row(i)));
});
afterEach(async () => {
  await v.close();
});

const notes = (rows: ReadonlyArray<{ note?: string } | undefined>) => rows.map((r) => r?.note);

describe('writes through Dexie', () => {
  it('Table.update re-encrypts the whole record', async () => {
    const before = (await raw.table('timeBlocks').get('b1')).ct as Uint8Array;
    expect(await tb().update('b1', { note: 'changed' })).toBe(1);
    expect(await tb().get('b1')).toEqual({ ...row(1), note: 'changed' });
    const stored = await raw.table('timeBlocks').get('b1');
    expect(stored.ct).not.toEqual(before);
    expect(Object.keys(stored).sort()).toEqual(['clientId', 'ct', 'day', 'id', 'projectId', 'v']);
    expect(Buffer.from(stored.ct as Uint8Array).includes(Buffer.from('changed'))).toBe(false);
  });

  it('Collection.modify changes readable rows, and refuses (changing nothing) when a row in range does not open', async () => {
    expect(
      await tb()
        .where('day')
        .belowOrEqual(Math.floor(row(4).start / DAY))
        .modify({ billed: true }),
    ).toBe(5);
    expect((await tb().toArray()).map((r) => r.billed)).toEqual([true, true, true, true, true, false, false, false, false, false]);
    await damage('b7');
    const error = await tb()
      .toCollection()
      .modify({ note: 'overwritten' })
      .catch((e: unknown) => e);
    expect(isVaultError(error, 'record-corrupt')).toBe(true);
    expect(notes(await tb().toArray())).not.toContain('overwritten');
  });

  it('a write whose key is missing or whose record is malformed is refused and stores nothing', async () => {
    const error = await tb()
      .put({ ...row(20), clientId: 'unknown-client' })
      .catch((e: unknown) => e);
    expect(isVaultError(error, 'record-key-missing')).toBe(true);
    await expect(tb().put({ ...row(21), start: 'soon' } as never)).rejects.toThrow(TypeError);
    expect(await raw.table('timeBlocks').count()).toBe(10);
  });

  it('upsert and bulkPut go through the same path', async () => {
    await tb().upsert('b2', { note: 'upserted' });
    expect(await tb().get('b2')).toMatchObject({ note: 'upserted' });
    expect(
      await tb()
        .where('day')
        .equals(Math.floor(row(2).start / DAY))
        .count(),
    ).toBe(1);
  });
});

describe('reads with rows that do not open', () => {
  beforeEach(async () => {
    await damage('b1', 'b2', 'b5');
    v.unreadable.length = 0;
  });

  it('get throws the VaultError; a missing key is undefined', async () => {
    expect(
      isVaultError(
        await tb()
          .get('b1')
          .catch((e: unknown) => e),
        'record-corrupt',
      ),
    ).toBe(true);
    expect(await tb().get('nope')).toBeUndefined();
    expect(v.unreadable).toMatchObject([{ table: 'timeBlocks', key: 'b1' }]);
  });

  it('bulkGet throws after reporting every unreadable row; without them it is positional', async () => {
    expect(
      isVaultError(
        await tb()
          .bulkGet(['b0', 'b1', 'b2'])
          .catch((e: unknown) => e),
        'record-corrupt',
      ),
    ).toBe(true);
    expect(v.unreadable.map((r) => r.key)).toEqual(['b1', 'b2']);
    expect(notes(await tb().bulkGet(['b3', 'nope', 'b0']))).toEqual(['note 3', undefined, 'note 0']);
  });

  it('toArray, where, filter, each, reverse leave them out and report each once', async () => {
    const readable = ['note 0', 'note 3', 'note 4', 'note 6', 'note 7', 'note 8', 'note 9'];
    expect(notes(await tb().toArray())).toEqual(readable);
    expect(v.unreadable.map((r) => r.key)).toEqual(['b1', 'b2', 'b5']);
    expect(
      notes(
        await tb()
          .where('day')
          .between(row(1).start / DAY, row(5).start / DAY, true, true)
          .toArray(),
      ),
    ).toEqual(['note 3', 'note 4']);
    expect(
      notes(
        await tb()
          .filter((b) => b.note.endsWith('6'))
          .toArray(),
      ),
    ).toEqual(['note 6']);
    const seen: string[] = [];
    await tb()
      .orderBy('day')
      .each((b) => void seen.push(b.id));
    expect(seen).toEqual(['b0', 'b3', 'b4', 'b6', 'b7', 'b8', 'b9']);
    expect(notes(await tb().orderBy('day').reverse().toArray())).toEqual([...readable].reverse());
  });

  it('limit returns that many readable rows; offset counts readable rows only; first skips', async () => {
    expect(notes(await tb().limit(3).toArray())).toEqual(['note 0', 'note 3', 'note 4']);
    expect(notes(await tb().orderBy('day').limit(2).toArray())).toEqual(['note 0', 'note 3']);
    expect(notes(await tb().orderBy('day').offset(2).limit(2).toArray())).toEqual(['note 4', 'note 6']);
    expect(
      notes(
        await tb()
          .where('day')
          .aboveOrEqual(row(1).start / DAY)
          .offset(1)
          .toArray(),
      ),
    ).toEqual(['note 4', 'note 6', 'note 7', 'note 8', 'note 9']);
    expect(
      (
        await tb()
          .where('day')
          .aboveOrEqual(row(1).start / DAY)
          .first()
      )?.id,
    ).toBe('b3');
    expect(await tb().limit(0).toArray()).toEqual([]);
  });

  it('a limited read past a long run of unreadable rows still fills its page', async () => {
    await damage('b0', 'b3', 'b4', 'b6', 'b7');
    expect(notes(await tb().limit(2).toArray())).toEqual(['note 8', 'note 9']);
    expect(notes(await tb().where('day').above(0).limit(1).toArray())).toEqual(['note 8']);
    expect(notes(await tb().orderBy('day').reverse().limit(1).toArray())).toEqual(['note 9']);
    expect(await tb().where('clientId').equals('c1').limit(20).toArray()).toHaveLength(2);
  });

  it('keys-only reads and counts include them (keys are clear); deletes by range or index remove them', async () => {
    expect(await tb().count()).toBe(10);
    expect(await tb().toCollection().primaryKeys()).toEqual(ids);
    expect(await tb().where('clientId').equals('c1').count()).toBe(10);
    expect(v.unreadable).toEqual([]); // nothing was decrypted
    await tb().where(':id').between('b0', 'b2', true, true).delete();
    expect(await raw.table('timeBlocks').count()).toBe(7);
    await tb().where('clientId').equals('c1').delete();
    expect(await raw.table('timeBlocks').count()).toBe(0);
  });
});

describe('liveQuery', () => {
  it('sees decrypted rows and later writes', async () => {
    const results: string[][] = [];
    const subscription = liveQuery(() =>
      tb()
        .where('day')
        .below(Math.floor(row(2).start / DAY))
        .toArray(),
    ).subscribe((rows) => results.push(rows.map((r) => r.note)));
    try {
      await expect.poll(() => results.length).toBe(1);
      await tb().update('b0', { note: 'live' });
      await expect.poll(() => results.at(-1)).toEqual(['live', 'note 1']);
      expect(results[0]).toEqual(['note 0', 'note 1']);
    } finally {
      subscription.unsubscribe();
    }
  });
});
