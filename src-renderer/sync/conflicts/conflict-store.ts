/**
 * The conflicts this device met while syncing (engine/conflicts.ts), kept until the person picks a
 * value or dismisses them.
 *
 * Device-local, in the meta store, not a synced table: a conflict is what this device saw (each
 * device sees the ones its own writes took part in), and the answer to one is an ordinary new
 * write, which syncs by itself. A synced table would send every device the other's list, values
 * that lost included, and two devices dismissing the same conflict would be one more merge.
 *
 * The values are client data: each partition's list is ENCRYPTED under that partition's key (the
 * workspace key, or the client's), with the vault and partition in the associated data. Erasing a
 * client destroys its key, and with it the list; a list that does not open is read as empty.
 */
import { decryptJson, encryptJson, type RecordContext } from '../../vault/crypto/record-cipher.ts';
import { WORKSPACE_KEY_ID } from '../../vault/store/schema.ts';
import type { DetectedConflict } from '../engine/conflicts.ts';

/** One side of a stored conflict. `value` is absent when the write cleared the field. */
export interface StoredSide {
  op: 'set' | 'unset';
  value?: unknown;
  hlc: string;
  device: string;
}

export interface StoredConflict {
  /** table|id|field|HLC of the lost write: one conflict, whichever device reports it. */
  key: string;
  partition: string;
  table: string;
  id: string;
  field: string;
  kept: StoredSide;
  lost: StoredSide;
  /** When this device met it (epoch ms). */
  at: number;
}

interface PartitionList {
  open: StoredConflict[];
  /** Keys answered here, so the same conflict met again (a resync) is not listed again. */
  answered: string[];
}

/** Open conflicts kept per partition (the newest); answered keys remembered. */
export const MAX_OPEN = 200;
export const MAX_ANSWERED = 2000;

/** Where the lists live and the keys that open them (while unlocked). */
export interface ConflictStore {
  vaultId: string;
  read(partition: string): Promise<unknown>;
  write(partition: string, bytes: Uint8Array): Promise<void>;
  partitions(): Promise<string[]>;
  /** The partition's key; null when it is gone (an erased client). */
  key(partition: string): Uint8Array | null;
}

export function keyIdOf(partition: string): string {
  return partition === 'workspace' ? WORKSPACE_KEY_ID : `client:${partition}`;
}

function context(vaultId: string, partition: string): RecordContext {
  return { table: 'meta', id: `syncConflicts:${vaultId}:${partition}`, schema: 1, keyId: keyIdOf(partition) };
}

function sideOk(v: unknown): v is StoredSide {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (s['op'] === 'set' || s['op'] === 'unset') && typeof s['hlc'] === 'string' && typeof s['device'] === 'string';
}

function readList(value: unknown, partition: string): PartitionList {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const open = Array.isArray(v['open'])
    ? v['open'].filter(
        (c): c is StoredConflict =>
          typeof c === 'object' &&
          c !== null &&
          ['key', 'table', 'id', 'field'].every((k) => typeof (c as Record<string, unknown>)[k] === 'string') &&
          sideOk((c as Record<string, unknown>)['kept']) &&
          sideOk((c as Record<string, unknown>)['lost']) &&
          typeof (c as Record<string, unknown>)['at'] === 'number',
      )
    : [];
  const answered = Array.isArray(v['answered']) ? v['answered'].filter((k): k is string => typeof k === 'string') : [];
  return { open: open.map((c) => ({ ...c, partition })), answered };
}

async function load(store: ConflictStore, partition: string): Promise<PartitionList> {
  const key = store.key(partition);
  const bytes = await store.read(partition);
  if (!key || !(bytes instanceof Uint8Array)) return { open: [], answered: [] };
  try {
    return readList(decryptJson(key, bytes, context(store.vaultId, partition)), partition);
  } catch {
    // Does not open (a damaged row, a key replaced): the list is lost, nothing else.
    return { open: [], answered: [] };
  }
}

async function save(store: ConflictStore, partition: string, list: PartitionList): Promise<void> {
  const key = store.key(partition);
  if (!key) return;
  const value = { open: list.open.map(({ partition: _p, ...c }) => c), answered: list.answered.slice(-MAX_ANSWERED) };
  await store.write(partition, encryptJson(key, value, context(store.vaultId, partition)));
}

function side(write: DetectedConflict['kept']): StoredSide {
  return write.write.op === 'set'
    ? { op: 'set', value: write.write.value, hlc: write.write.hlc, device: write.device }
    : { op: 'unset', hlc: write.write.hlc, device: write.device };
}

export function conflictKey(c: Pick<StoredConflict, 'table' | 'id' | 'field'> & { lostHlc: string }): string {
  return `${c.table}|${c.id}|${c.field}|${c.lostHlc}`;
}

// One change at a time: the sync runner adds while the conflicts view answers.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Adds what a round met; a newer conflict of a field replaces the open one (its kept value has
 * since been overtaken). Returns how many were new.
 */
export function addConflicts(store: ConflictStore, found: readonly DetectedConflict[], now: number): Promise<number> {
  return serial(async () => {
    let added = 0;
    const byPartition = new Map<string, DetectedConflict[]>();
    for (const c of found) byPartition.set(c.partition, [...(byPartition.get(c.partition) ?? []), c]);
    for (const [partition, list] of byPartition) {
      const stored = await load(store, partition);
      const answered = new Set(stored.answered);
      let open = stored.open;
      for (const c of list) {
        const key = conflictKey({ ...c, lostHlc: c.lost.write.hlc });
        if (answered.has(key) || open.some((o) => o.key === key)) continue;
        const same = open.find((o) => o.table === c.table && o.id === c.id && o.field === c.field);
        if (same && same.kept.hlc > c.kept.write.hlc) continue;
        const entry: StoredConflict = { key, partition, table: c.table, id: c.id, field: c.field, kept: side(c.kept), lost: side(c.lost), at: now };
        open = [...open.filter((o) => o !== same), entry];
        added++;
      }
      await save(store, partition, { open: open.slice(-MAX_OPEN), answered: stored.answered });
    }
    return added;
  });
}

/** Every open conflict, newest first. */
export async function listConflicts(store: ConflictStore): Promise<StoredConflict[]> {
  const all: StoredConflict[] = [];
  for (const partition of await store.partitions()) all.push(...(await load(store, partition)).open);
  return all.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : 1));
}

/** Takes a conflict off the list, remembering it as answered. */
export function answerConflict(store: ConflictStore, partition: string, key: string): Promise<void> {
  return serial(async () => {
    const stored = await load(store, partition);
    await save(store, partition, { open: stored.open.filter((c) => c.key !== key), answered: [...stored.answered.filter((k) => k !== key), key] });
  });
}
