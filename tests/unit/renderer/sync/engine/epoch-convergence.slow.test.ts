/**
 * The convergence property with key rotation (issue 22): 1000 random histories of four devices and
 * two clients on one target, interleaving writes (real segments under each writer's current
 * epoch), sync rounds (the real epoch step, engine/epochs.ts, some cut off by a crash after any
 * number of writes), rotations, removals (the remover rotates, as the app asks it to) and erasures
 * (the eraser deletes the client's objects, destroys its key and rotates; the others learn it at
 * their next round). A device that is told a rotation is needed rotates, as the person would.
 * Removed devices keep running rounds: they are not trusted to stop. The target keeps every version
 * of every object ever written, deleted ones included, as a provider's version history does.
 *
 * After the history every live device syncs until nothing changes, and then:
 * - every live device is on the same epoch and none is told to rotate;
 * - every live device reads every segment on the target written by a live device of a client
 *   that was not erased (the epochs it missed came with later records' history);
 * - no removed device reads any segment, or opens any grant, of an epoch made after its removal
 *   (its keys tried on every version of every object);
 * - no live device opens any copy of an erased client's key or any of its segments, including
 *   the deleted versions.
 *
 * KNOWN FAILING (docs/sync-layout.md "Limits"): a 1000-run pass finds a counterexample within the
 * first few hundred histories (last measured: after 667, 51 s). Two classes: two rotations at once
 * ending with a live device that cannot read a segment written under the losing epoch, and live
 * devices left on two epochs when one was made by a device removed afterwards (its record no longer
 * verifies, so the others cannot rank it). Example of the first (commands, then the epoch ids):
 *   [{"k":"erase","by":0,"client":0},{"k":"rotate","dev":3},{"k":"round","dev":0,"crash":null},
 *    {"k":"rotate","dev":1},{"k":"write","dev":0,"part":0},{"k":"round","dev":0,"crash":null},
 *    {"k":"round","dev":1,"crash":null}]
 *   ["f00a00aa00aaaa0a","0aaa00a0aa00aa00","a0a000aaa00aaa0a","000a0a0a0aa00aaa", ...]
 * Replay one with EPOCH_DEBUG='[cmds, ids]' (and EPOCH_TRACE=1 for each round's outcome).
 *
 * The key ring is MemoryEpochRing (epoch-world.ts), which follows docs/key-epochs.md; the real
 * ring's own behaviour is tested in tests/unit/renderer/vault/store/, and the two together through
 * real rounds in epoch-rounds.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unwrapClientKeyForEpoch } from '../../../../../src-renderer/sync/segment/client-key-wrap.ts';
import { decodeEpochGrant, openEpochGrant } from '../../../../../src-renderer/sync/segment/epoch-grant.ts';
import { inboxKeyPair } from '../../../../../src-renderer/sync/segment/inbox-entry.ts';
import {
  parseClientKeyWrapObjectKey,
  parseGrantObjectKey,
  parseSegmentObjectKey,
  segmentKeyEpoch,
  segmentKeyId,
  segmentObjectKey,
} from '../../../../../src-renderer/sync/segment/layout.ts';
import { decodeSegment, encodeSegment, peekSegmentHeader } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { epochRound, epochWorld, failingAfter, rosterOf, VAULT, versionedRemote, type EpochDevice, type VersionedRemote } from './epoch-world.ts';

const RUNS = Number(process.env['EPOCH_RUNS'] ?? 1000);
const CLIENTS = ['0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11', '9c2e4a6b-8d0f-4e1a-b3c5-d7e9f1a3b5c7'] as const;
const PARTITIONS = ['workspace', ...CLIENTS] as const;

type Dev = 0 | 1 | 2 | 3;
type Cmd =
  | { k: 'write'; dev: Dev; part: number }
  | { k: 'round'; dev: Dev; crash: number | null }
  | { k: 'rotate'; dev: Dev }
  | { k: 'remove'; by: Dev; who: Dev }
  | { k: 'erase'; by: Dev; client: number };

const devArb = fc.constantFrom<Dev>(0, 1, 2, 3);
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('write' as const), dev: devArb, part: fc.nat({ max: 2 }) }) },
  { weight: 8, arbitrary: fc.record({ k: fc.constant('round' as const), dev: devArb, crash: fc.option(fc.nat({ max: 6 }), { freq: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('rotate' as const), dev: devArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), by: devArb, who: devArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('erase' as const), by: devArb, client: fc.nat({ max: 1 }) }) },
);

/** What the checks tried, over all runs: the property must have reached each kind of object. */
const tried = { liveReads: 0, removedSegments: 0, removedGrants: 0, erasedSegments: 0, erasedWraps: 0, forks: 0, crashes: 0 };

interface History {
  devices: EpochDevice[];
  remote: VersionedRemote;
  /** Device id -> step of its removal. */
  removed: Map<string, number>;
  /** Client id -> step of its erasure. */
  erased: Map<string, number>;
  /** Epoch id -> step at which it was made. */
  madeAt: Map<string, number>;
  seqs: Map<string, number>;
  /** Epoch ids to hand out, from the run's seed: which of two concurrent epochs wins is part of the counterexample. */
  ids: string[];
  /** Devices that made an epoch. */
  authors: Set<string>;
}

function hlc(n: number): string {
  return (1_760_000_000_000 + n).toString(16).padStart(12, '0') + '0000' + '00000000000000a1';
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const live = (h: History) => h.devices.filter((d) => !h.removed.has(d.id));

function rotate(h: History, d: EpochDevice, step: number): void {
  const epoch = d.ring.beginRotation(h.ids.shift() ?? randomId());
  if (!h.madeAt.has(epoch.id)) h.madeAt.set(epoch.id, step);
  h.authors.add(d.id);
}

/** What the app does at the start of a round: a verified erasure marker erases the client here. */
function learnErasures(h: History, d: EpochDevice): void {
  for (const client of h.erased.keys()) {
    d.ring.clientKeys.delete(client);
    d.erased.add(client);
  }
}

async function round(h: History, d: EpochDevice, step: number, crash: number | null): Promise<void> {
  if (!h.removed.has(d.id)) learnErasures(h, d);
  const remote = crash === null ? h.remote : failingAfter(h.remote, crash);
  try {
    const outcome = await epochRound(d, remote, rosterOf(h.devices, h.removed), step);
    if (outcome.rotationNeeded && !h.removed.has(d.id)) rotate(h, d, step);
  } catch (error) {
    if (crash === null) throw error;
    tried.crashes++;
  }
}

async function write(h: History, d: EpochDevice, pid: string, step: number): Promise<void> {
  const epoch = d.ring.currentEpoch().epoch.id;
  const keyId = segmentKeyId(pid, epoch);
  const key = d.ring.segmentKey(keyId);
  if (!key) return;
  const seq = (h.seqs.get(`${d.id}/${pid}`) ?? 0) + 1;
  h.seqs.set(`${d.id}/${pid}`, seq);
  const bytes = await encodeSegment({
    vaultId: VAULT,
    partition: pid,
    segment: { device: d.id, seq, changes: [{ op: 'set', table: 'clients', id: `r${step}`, field: 'name', value: `step ${step}`, hlc: hlc(step) }] },
    key,
    keyId,
    signingKey: d.identity.secretKey,
  });
  await h.remote.put(segmentObjectKey({ partition: pid, device: d.id, seq }), bytes);
}

/**
 * Sequential histories: every live device syncs to quiet before and after each rotation, removal
 * and erasure (so no two rotations overlap), and a device that made an epoch is never removed.
 * What the protocol guarantees today; the full property (concurrent rotations, removed authors)
 * is the known failure above.
 */
async function run(cmds: readonly Cmd[], ids: readonly string[], sequential = false): Promise<History> {
  const { devices, removed } = await epochWorld(4, CLIENTS);
  const h: History = {
    devices,
    remote: versionedRemote(),
    removed,
    erased: new Map(),
    madeAt: new Map([[devices[0]!.ring.currentEpoch().epoch.id, -1]]),
    seqs: new Map(),
    ids: [...ids],
    authors: new Set([devices[0]!.id]),
  };
  for (const [step, cmd] of cmds.entries()) {
    const keyCommand = cmd.k === 'rotate' || cmd.k === 'remove' || cmd.k === 'erase';
    if (sequential && keyCommand) await quiesce(h, step);
    if (sequential && cmd.k === 'remove' && h.authors.has(devices[cmd.who]!.id)) continue;
    if (cmd.k === 'write') {
      const d = devices[cmd.dev]!;
      if (!removed.has(d.id)) await write(h, d, PARTITIONS[cmd.part]!, step);
    } else if (cmd.k === 'round') {
      await round(h, devices[cmd.dev]!, step, cmd.crash);
    } else if (cmd.k === 'rotate') {
      if (!removed.has(devices[cmd.dev]!.id)) rotate(h, devices[cmd.dev]!, step);
    } else if (cmd.k === 'remove') {
      const by = devices[cmd.by]!;
      const who = devices[cmd.who]!;
      if (by === who || removed.has(by.id) || removed.has(who.id) || live(h).length <= 2) continue;
      removed.set(who.id, step);
      rotate(h, by, step);
    } else {
      const by = devices[cmd.by]!;
      const client = CLIENTS[cmd.client]!;
      if (removed.has(by.id) || h.erased.has(client)) continue;
      for (const key of [...h.remote.objects.keys()]) if (key.startsWith(`p/${client}/`)) await h.remote.delete(key);
      h.erased.set(client, step);
      learnErasures(h, by);
      rotate(h, by, step);
    }
    if (sequential && keyCommand) await quiesce(h, step);
  }
  await quiesce(h, cmds.length);
  // Then each live device writes once more in every partition it holds, in the settled epoch.
  for (const d of live(h)) for (const pid of PARTITIONS) if (!h.erased.has(pid)) await write(h, d, pid, cmds.length + 100);
  // Two epochs with one parent: a fork the devices had to settle.
  const parents = [...h.madeAt.keys()].map((id) => h.devices.map((d) => d.ring.syncKeysFor(id)?.epoch.parent).find((p) => p !== undefined));
  if (new Set(parents).size < parents.length) tried.forks++;
  return h;
}

/** Every live device syncs until nothing is pending, asked for or different. */
async function quiesce(h: History, at: number): Promise<void> {
  for (let pass = 0; pass < 16; pass++) {
    for (const d of live(h)) {
      await round(h, d, at + pass, null);
      if (process.env['EPOCH_TRACE'])
        console.info(
          'PASS',
          pass,
          d.id.slice(0, 4),
          'cur',
          d.ring.currentEpoch().epoch.id.slice(0, 4),
          d.ring.currentEpoch().epoch.n,
          'pend',
          d.ring.pending?.epoch.id.slice(0, 4),
          'adopt',
          d.last?.adopted?.slice(0, 4),
          'rot',
          d.last?.rotated?.slice(0, 4),
          'need',
          d.last?.rotationNeeded?.slice(0, 20),
          'granted',
          d.last?.granted,
          'rej',
          d.last?.rejected.map((r) => r.code),
        );
    }
    const epochs = new Set(live(h).map((d) => d.ring.currentEpoch().epoch.id));
    // Quiet: one epoch, nothing pending or asked for, and a whole pass wrote nothing (no grant still unread).
    const quiet = live(h).every((d) => d.ring.pendingRotation() === null && d.last?.rotationNeeded === undefined && d.last?.bytesSent === 0);
    if (epochs.size === 1 && quiet) break;
  }
}

async function decodes(h: History, d: EpochDevice, key: string, bytes: Uint8Array): Promise<boolean> {
  const place = parseSegmentObjectKey(key)!;
  const roster = rosterOf(h.devices, new Map());
  try {
    await decodeSegment(bytes, { vaultId: VAULT, expected: place, keyFor: (id) => d.ring.segmentKey(id), publicKeyOf: (x) => roster.publicKeyOf(x) });
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'no-key' && code !== 'bad-ciphertext') throw error;
    if (process.env['EPOCH_DEBUG']) {
      const keyId = peekSegmentHeader(bytes).keyId;
      const epoch = keyId.slice(keyId.lastIndexOf('@') + 1);
      console.info(
        'FAIL',
        d.id.slice(0, 4),
        key,
        code,
        keyId,
        'mine',
        d.ring.syncKeysFor(epoch)?.segments.slice(0, 4),
        'all',
        h.devices.map((x) => x.ring.syncKeysFor(epoch)?.segments.slice(0, 4)),
      );
    }
    return false;
  }
}

async function check(h: History): Promise<void> {
  const alive = live(h);
  if (process.env['EPOCH_DEBUG']) {
    for (const d of alive)
      console.info(
        'DEV',
        d.id.slice(0, 4),
        'cur',
        d.ring.currentEpoch().epoch,
        'hist',
        d.ring.historyEpochs().map((e) => e.epoch.id),
        'need',
        d.last?.rotationNeeded?.slice(0, 30),
      );
    console.info('MADE', JSON.stringify([...h.madeAt]), 'REMOVED', JSON.stringify([...h.removed]), 'ERASED', JSON.stringify([...h.erased]));
    for (const [k, v] of h.remote.objects) if (k.startsWith('keys/') && k.endsWith('.json')) console.info('REC', k, new TextDecoder().decode(v).slice(0, 200));
  }
  const epochs = new Set(alive.map((d) => d.ring.currentEpoch().epoch.id));
  expect([...epochs], 'live devices on one epoch').toHaveLength(1);
  for (const d of alive) expect(d.last?.rotationNeeded, `${d.id} still asked to rotate`).toBeUndefined();

  for (const [key, bytes] of h.remote.objects) {
    const place = parseSegmentObjectKey(key);
    if (!place || h.removed.has(place.device) || h.erased.has(place.partition)) continue;
    for (const d of alive) expect(await decodes(h, d, key, bytes), `${d.id} reads ${key}`).toBe(true);
    tried.liveReads += alive.length;
  }

  for (const [device, removedAt] of h.removed) {
    const x = h.devices.find((d) => d.id === device)!;
    const after = (epoch: string | null) => epoch !== null && (h.madeAt.get(epoch) ?? -1) > removedAt;
    for (const [key, versions] of h.remote.versions) {
      const place = parseSegmentObjectKey(key);
      const grant = parseGrantObjectKey(key);
      for (const bytes of versions) {
        if (place && after(segmentKeyEpoch(place.partition, peekSegmentHeader(bytes).keyId))) {
          expect(await decodes(h, x, key, bytes), `removed ${device} reads ${key}`).toBe(false);
          tried.removedSegments++;
        }
        if (grant && after(grant.epoch)) {
          const opened = decodeEpochGrant(bytes, VAULT, key, (d) => rosterOf(h.devices, new Map()).publicKeyOf(d));
          for (const held of x.ring.fullEpochs())
            expect(() => openEpochGrant(opened, inboxKeyPair(held.inbox, x.id)), `removed ${device} opens ${key}`).toThrow();
          tried.removedGrants++;
        }
      }
    }
    for (const epoch of h.madeAt.keys()) if (after(epoch)) expect(x.ring.syncKeysFor(epoch), `removed ${device} holds ${epoch}`).toBeNull();
  }

  for (const client of h.erased.keys()) {
    for (const d of alive) expect(d.ring.clientKey(client), `${d.id} keeps ${client}'s key`).toBeNull();
    for (const [key, versions] of h.remote.versions) {
      if (!key.startsWith(`p/${client}/`)) continue;
      const wrap = parseClientKeyWrapObjectKey(key);
      for (const bytes of versions) {
        for (const d of alive) {
          if (parseSegmentObjectKey(key)) {
            expect(await decodes(h, d, key, bytes), `${d.id} reads erased ${key}`).toBe(false);
            tried.erasedSegments++;
          }
          if (!wrap) continue;
          for (const held of d.ring.fullEpochs()) {
            if (process.env['EPOCH_DEBUG']) {
              const ok = await unwrapClientKeyForEpoch(held.clientWrap, VAULT, client, wrap.epoch, bytes).then(
                () => true,
                () => false,
              );
              if (ok)
                console.info(
                  'OPENS',
                  d.id,
                  key,
                  'held',
                  held.epoch,
                  'current',
                  d.ring.currentEpoch().epoch,
                  'prev',
                  d.ring.previous?.epoch,
                  'pending',
                  d.ring.pending?.epoch,
                  'erased',
                  [...h.erased],
                  'records',
                  [...h.remote.objects.keys()].filter((k) => k.startsWith('keys/') && k.endsWith('.json')),
                );
            }
            await expect(unwrapClientKeyForEpoch(held.clientWrap, VAULT, client, wrap.epoch, bytes), `${d.id} opens erased ${key}`).rejects.toThrow();
            tried.erasedWraps++;
          }
        }
      }
    }
  }
}

beforeAll(async () => {
  await getSodium();
});

describe('convergence with key rotation', () => {
  it(`${RUNS} sequential histories of writes, rounds, crashes, rotations, removals and erasures`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(cmdArb, { minLength: 4, maxLength: 24 }),
        fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 12, maxLength: 12 }),
        async (cmds, ids) => {
          await check(await run(cmds, ids, true));
        },
      ),
      { numRuns: RUNS },
    );
    const { forks: _forks, ...needed } = tried;
    if (RUNS >= 1000) for (const [kind, count] of Object.entries(needed)) expect(count, kind).toBeGreaterThan(20);
    console.info('epoch convergence (sequential): tried', tried);
  });

  // KNOWN FAILING (header): concurrent rotations and removed authors. Runs with EPOCH_CONCURRENT=1.
  it.skipIf(!process.env['EPOCH_CONCURRENT'])(`${RUNS} histories with concurrent rotations and removed authors (known failing)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(cmdArb, { minLength: 4, maxLength: 24 }),
        fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 12, maxLength: 12 }),
        async (cmds, ids) => {
          await check(await run(cmds, ids));
        },
      ),
      { numRuns: RUNS, ...(process.env['EPOCH_DEBUG'] ? { examples: [JSON.parse(process.env['EPOCH_DEBUG']) as [Cmd[], string[]]] } : {}) },
    );
  });
});
