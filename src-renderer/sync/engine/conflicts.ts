/**
 * Which contested fields (apply-remote.ts) were concurrent edits: neither writer had seen the
 * other's value. Those are conflicts the person is shown; a later edit made after seeing this
 * device's value is not one. The rules (docs/sync-merge.md, "Conflicts"):
 *
 * - This device's write won: the remote write is older by HLC, and it arrives here for the first
 *   time. Its writer had not seen ours (a device's clock moves past every HLC it applies, so it
 *   would have stamped a higher one), and we had not seen it: concurrent, always.
 * - The remote write won: its writer D had seen ours only if D had applied our segment holding it
 *   before writing. D's acknowledgements say that: each is written after a pull, with D's own
 *   last segment in its vector. The newest acknowledgement of D older than the segment that
 *   carries the write (its vector's entry for D below that segment) decides: it covers our
 *   segment, D had seen ours (not a conflict); it does not, or there is none, or ours was not sent
 *   yet: concurrent. The one blind spot is a write made on D during the round that pulled ours.
 */
import { decodeAck } from '../segment/ack.ts';
import type { DeviceRoster } from '../segment/device-roster.ts';
import { ackObjectKey, parseAckObjectKey } from '../segment/layout.ts';
import { lastSeq, type VersionVector } from '../merge/version-vector.ts';
import type { FieldWrite } from '../merge/merge-state.ts';
import type { Contest } from './apply-remote.ts';
import type { RoundDeps } from './round-types.ts';

/** One side of a conflict: what was written, when (HLC) and on which device. */
export interface ConflictSide {
  write: FieldWrite;
  device: string;
}

/** Two concurrent writes of one field; `kept` won the merge everywhere, `lost` is the other. */
export interface DetectedConflict {
  partition: string;
  table: string;
  id: string;
  field: string;
  kept: ConflictSide;
  lost: ConflictSide;
}

/** This device's segments of a partition as sent: [seq, highest HLC in it], oldest first; the newest {@link MAX_SENT} kept. */
export type SentLog = [number, string][];
export const MAX_SENT = 512;

/** `log` with segment `seq` (highest HLC `hlc`) appended, bounded. */
export function withSent(log: SentLog | undefined, seq: number, hlc: string): SentLog {
  return [...(log ?? []).filter(([s]) => s < seq), [seq, hlc] as [number, string]].slice(-MAX_SENT);
}

/** Our segment that carried the write stamped `hlc`; undefined when it has not been sent. */
export function segmentOf(log: SentLog | undefined, hlc: string): number | undefined {
  // Older than the log keeps: its segment is at most the oldest kept one (an overestimate leans to "concurrent").
  return (log ?? []).find(([, max]) => max >= hlc)?.[0];
}

/** Reads each device's acknowledgements of one partition once per round, newest first. */
export class AckReader {
  readonly #cache = new Map<string, VersionVector[]>();
  readonly #deps: Pick<RoundDeps, 'remote' | 'vaultId'>;
  readonly #roster: DeviceRoster;
  readonly #keys: readonly string[];

  constructor(deps: Pick<RoundDeps, 'remote' | 'vaultId'>, roster: DeviceRoster, keys: readonly string[]) {
    this.#deps = deps;
    this.#roster = roster;
    this.#keys = keys;
  }

  async vectors(pid: string, device: string): Promise<VersionVector[]> {
    const cached = this.#cache.get(`${pid}|${device}`);
    if (cached) return cached;
    const ns = this.#keys
      .map((k) => parseAckObjectKey(k))
      .filter((a) => a !== null && a.partition === pid && a.device === device)
      .map((a) => (a as { n: number }).n)
      .sort((x, y) => y - x);
    const out: VersionVector[] = [];
    for (const n of ns) {
      const bytes = await this.#deps.remote.get(ackObjectKey(pid, device, n));
      const ack = bytes ? decodeAck(bytes, this.#deps.vaultId, { partition: pid, device, n }, (d) => this.#roster.publicKeyOf(d)) : null;
      if (ack) out.push(ack.vector);
    }
    this.#cache.set(`${pid}|${device}`, out);
    return out;
  }
}

/** Whether device `writer`, writing its segment `seq`, had seen this device's write stamped `hlc`. */
export async function hadSeen(
  deps: Pick<RoundDeps, 'progress' | 'device'>,
  acks: AckReader,
  pid: string,
  writer: string,
  seq: number,
  hlc: string,
): Promise<boolean> {
  const ours = segmentOf(deps.progress.sent?.[pid], hlc);
  if (ours === undefined) return false;
  const before = (await acks.vectors(pid, writer)).find((v) => lastSeq(v, writer) < seq);
  return before !== undefined && lastSeq(before, deps.device.id) >= ours;
}

/** The conflicts among `contested` (remote writes of device `writer`'s segment `seq`). */
export async function conflictsOf(
  deps: Pick<RoundDeps, 'progress' | 'device'>,
  acks: AckReader,
  pid: string,
  writer: string,
  seq: number,
  contested: readonly Contest[],
): Promise<DetectedConflict[]> {
  const out: DetectedConflict[] = [];
  for (const c of contested) {
    if (c.remoteWon && (await hadSeen(deps, acks, pid, writer, seq, c.local.hlc))) continue;
    const here = { write: c.local, device: deps.device.id };
    const there = { write: c.remote, device: writer };
    out.push({ partition: pid, table: c.table, id: c.id, field: c.field, kept: c.remoteWon ? there : here, lost: c.remoteWon ? here : there });
  }
  return out;
}
