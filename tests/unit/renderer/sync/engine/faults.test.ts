/**
 * Sync rounds under faults, between two devices of one vault (each with its own
 * fake-indexeddb), through real targets:
 * - the process is killed in the middle of uploading a segment (before or after it reached the
 *   target): after a restart, which keeps only the vault and the saved progress, the next round
 *   re-sends the reserved seq with the same changes and the other device gets every change once;
 * - a segment damaged on the target (cut short, a byte flipped) is reported, never applied, holds
 *   back that device's later segments, and is caught up once it is whole again;
 * - a WebDAV or S3 server answering 5xx, resetting or hanging (behind a fault-injecting proxy):
 *   the round fails as retryable, progress stops before what was not written, the next round
 *   completes;
 * - a full disk (ENOSPC from the file system under a folder target, through main's guarded
 *   SyncService): a non-retryable failure saying the target is full, then recovery;
 * - another device's clock 30 minutes ahead: its segments are quarantined, local work goes on, and
 *   they are applied once this device's clock catches up.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { openWorkspace, type Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { MetaStore } from '../../../../../src-renderer/vault/session/meta-store.ts';
import { createClient, getClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { getSetting, listSettings, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import type { Change, Partition } from '../../../../../src-renderer/vault/store/rows.ts';
import type { VaultDb } from '../../../../../src-renderer/vault/store/schema.ts';
import { decode } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { decodeSegment, MAX_SEGMENT_PLAINTEXT_BYTES } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { parseSegmentObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { PartitionStates } from '../../../../../src-renderer/sync/engine/partition-states.ts';
import { RemoteError, type Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import { readProgress, type SyncProgress } from '../../../../../src-renderer/sync/engine/sync-progress.ts';
import { syncRound } from '../../../../../src-renderer/sync/engine/sync-round.ts';
import type { RoundResult } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { FolderTransport } from '../../../../../src-main/sync/folder-transport.ts';
import { WebDavTransport } from '../../../../../src-main/sync/webdav-transport.ts';
import { S3Transport } from '../../../../../src-main/sync/s3-transport.ts';
import { LocalityService } from '../../../../../src-main/locality/locality-service.ts';
import { SyncService } from '../../../../../src-main/sync/sync-service.ts';
import { CredentialStore } from '../../../../../src-main/sync/credential-store.ts';
import { UserFacingError } from '../../../../../src-main/ipc/user-facing-error.ts';
import { createSecretCipherStub } from '../../../../host/stub-services.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, direct, newVault } from './harness.ts';
import { rcloneMissing, startWebDav } from '../../../../servers/rclone-webdav.ts';
import { startS3 } from '../../../../servers/s3rver.ts';
import { startFaultyProxy, type Fault, type FaultRule } from '../../../../servers/faulty-http.ts';

/**
 * A disk that fills up: while `fullUnder` is set, a file opened for writing under it takes half
 * of what is written and then fails with ENOSPC, as Node reports a full file system. Everything
 * else goes to the real file system.
 */
const disk = vi.hoisted(() => ({ fullUnder: null as string | null, refused: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const open: typeof actual.open = async (path, flags, mode) => {
    const handle = await actual.open(path, flags, mode);
    const under = disk.fullUnder;
    // Opened for writing: 'w', or O_WRONLY / O_RDWR in numeric flags (the folder transport opens with O_EXCL | O_NOFOLLOW).
    const writing = flags === 'w' || (typeof flags === 'number' && (flags & 3) !== 0);
    if (under === null || typeof path !== 'string' || !path.startsWith(under) || !writing) return handle;
    const writeFile = async (data: Uint8Array) => {
      await handle.write(data.subarray(0, Math.floor(data.length / 2)));
      disk.refused++;
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    };
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'writeFile') return writeFile;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { ...actual, open };
});

const temps: string[] = [];
beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

type Vault = ReturnType<typeof newVault>;
const TARGET_ID = '2f0c5a6e-8d1b-4c3a-9e7f-0a1b2c3d4e5f';

/**
 * A device that can be killed and restarted: what survives a restart is exactly what the app
 * keeps on disk, the vault's IndexedDB and the meta store (device identity, HLC node id and the
 * progress that `saveProgress` wrote). Merge states, the open workspace and the progress object
 * in memory are rebuilt from them.
 */
class RestartableDevice {
  readonly #vault: Vault;
  readonly #factory = new IDBFactory();
  readonly #metaName = `meta-faults-${crypto.randomUUID()}`;
  readonly #now: () => number;
  workspace!: Workspace;
  meta!: MetaStore;
  states!: PartitionStates;
  progress!: SyncProgress;

  private constructor(vault: Vault, now: () => number) {
    this.#vault = vault;
    this.#now = now;
  }

  static async open(vault: Vault, now: () => number = Date.now): Promise<RestartableDevice> {
    const d = new RestartableDevice(vault, now);
    await d.#boot();
    return d;
  }

  async #boot(): Promise<void> {
    this.meta = new MetaStore(this.#metaName, { indexedDB: this.#factory, IDBKeyRange });
    const nodeId = await this.meta.nodeId();
    this.workspace = await openWorkspace(
      { vaultId: this.#vault.vaultId, vaultKey: this.#vault.vaultKey.slice() },
      { nodeId, indexedDB: this.#factory, IDBKeyRange, now: this.#now },
    );
    this.states = new PartitionStates();
    this.progress = readProgress(await this.meta.syncProgress(this.#vault.vaultId, TARGET_ID));
  }

  async round(remote: Remote): Promise<RoundResult> {
    const identity = await loadOrCreateDevice(this.meta, this.#vault.vaultId, this.workspace.keyRing);
    return syncRound({
      vaultId: this.#vault.vaultId,
      db: this.workspace.ctx.db,
      keyRing: this.workspace.keyRing,
      clock: this.workspace.ctx.clock,
      device: identity,
      remote,
      progress: this.progress,
      saveProgress: (p) => this.meta.setSyncProgress(this.#vault.vaultId, TARGET_ID, p),
      states: this.states,
      now: this.#now,
    });
  }

  /** The process dies and starts again. */
  async restart(): Promise<void> {
    this.close();
    await this.#boot();
  }

  close(): void {
    this.workspace.close();
    this.meta.close();
  }
}

/** What both kinds of device offer the tests. */
interface AnyDevice {
  workspace: Workspace;
  meta: MetaStore;
  progress: SyncProgress;
}

async function deviceId(d: AnyDevice, vault: Vault): Promise<string> {
  return (await loadOrCreateDevice(d.meta, vault.vaultId, d.workspace.keyRing)).id;
}

/** The seqs of `device`'s segments for partition `pid` on the target, in numeric order. */
async function segmentsOn(remote: Remote, pid: string, device: string): Promise<number[]> {
  return (await remote.list(`p/${pid}/log/${device}/`)).map((o) => parseSegmentObjectKey(o.key)?.seq ?? -1).sort((x, y) => x - y);
}

function sortChanges(changes: Change[]): Change[] {
  const key = (c: Change) => `${c.hlc}|${c.table}|${c.id}|${c.op}|${'field' in c ? c.field : ''}`;
  return [...changes].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/** The changes this device made itself in `partition`. */
async function ownChanges(db: VaultDb, partition: Partition): Promise<Change[]> {
  return sortChanges((await readChanges(db, partition)).filter((e) => e.origin === undefined).flatMap((e) => e.changes));
}

/** The changes this device applied from `origin` in `partition`. */
async function changesFrom(db: VaultDb, partition: Partition, origin: string): Promise<Change[]> {
  return sortChanges((await readChanges(db, partition)).filter((e) => e.origin === origin).flatMap((e) => e.changes));
}

/** The error a promise rejects with (fails the test if it resolves). */
async function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.unreachable('the round should have failed'),
    (error: unknown) => error,
  );
}

async function tmpFilesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.tmp'));
}

describe('killed during an upload', () => {
  /** The process dying: the put in progress is cut off and nothing else happens in that process. */
  class Killed extends Error {}

  interface Put {
    key: string;
    sha256: string;
    bytes: Uint8Array;
  }

  /** Records every put that reaches the target. */
  function recorded(inner: Remote, log: Put[]): Remote {
    return {
      put: async (key, bytes) => {
        await inner.put(key, bytes);
        log.push({ key, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.slice() });
      },
      get: (key) => inner.get(key),
      list: (prefix) => inner.list(prefix),
      delete: (key) => inner.delete(key),
    };
  }

  /** Dies at the `n`th segment upload, before it reached the target or once it had. */
  function killedAt(inner: Remote, n: number, when: 'before' | 'after'): Remote {
    let segments = 0;
    let dead = false;
    const alive = () => {
      if (dead) throw new Killed('the process is gone');
    };
    return {
      put: async (key, bytes) => {
        alive();
        if (parseSegmentObjectKey(key) && ++segments === n) {
          dead = true;
          if (when === 'after') await inner.put(key, bytes);
          throw new Killed(`killed ${when} segment ${key} reached the target`);
        }
        await inner.put(key, bytes);
      },
      get: async (key) => {
        alive();
        return inner.get(key);
      },
      list: async (prefix) => {
        alive();
        return inner.list(prefix);
      },
      delete: async (key) => {
        alive();
        return inner.delete(key);
      },
    };
  }

  /** Text of about `bytes` bytes, different per `i`. */
  const filler = (i: number, bytes: number) => `${i}:`.padEnd(bytes, String.fromCharCode(97 + i));

  it.each([
    [2, 'before'],
    [2, 'after'],
    [1, 'after'],
  ] as const)(
    'killed at segment %i %s it reached the target: after a restart the reserved seq is re-sent with the same changes, no key ever holds two contents, the other device gets every change exactly once',
    async (n, when) => {
      const root = await tempDir('caravan-faults-kill-');
      const folder = direct(new FolderTransport(root));
      const puts: Put[] = [];
      const vault = newVault();
      const a = await RestartableDevice.open(vault);
      const b = await RestartableDevice.open(vault);
      try {
        // Seven settings of ~0.28 MiB: three workspace segments ([1-3], [4-6], [7]), then a client's.
        const big = Math.floor(MAX_SEGMENT_PLAINTEXT_BYTES * 0.28);
        for (let i = 1; i <= 7; i++) await setSetting(a.workspace.ctx, `big-${i}`, filler(i, big));
        const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme Killed' }));
        const aId = await deviceId(a, vault);

        await expect(a.round(killedAt(recorded(folder, puts), n, when))).rejects.toBeInstanceOf(Killed);

        // B syncs meanwhile: it sees only whole segments, none damaged.
        const meanwhile = await b.round(folder);
        expect(meanwhile.rejected).toEqual([]);
        const onTarget = when === 'after' ? n : n - 1;
        expect(meanwhile.appliedSegments).toBe(onTarget);
        expect(await segmentsOn(folder, 'workspace', aId)).toEqual(Array.from({ length: onTarget }, (_, i) => i + 1));

        // The restart keeps the reservation (saved before the upload) and nothing held in memory.
        await a.restart();
        expect(a.progress.pushed['workspace']).toMatchObject({ segSeq: n - 1, inFlight: { seq: n } });
        await setSetting(a.workspace.ctx, 'after-restart', 'written after the restart');

        const retry = await a.round(recorded(folder, puts));
        expect(retry.heldBack).toEqual([]);
        // Workspace segments n..3 (segment 3 now also carries the new setting), then the client's.
        expect(retry.pushedSegments).toBe(3 - (n - 1) + 1);
        expect(await segmentsOn(folder, 'workspace', aId)).toEqual([1, 2, 3]);
        expect(await segmentsOn(folder, client.id, aId)).toEqual([1]);
        expect(a.progress.pushed['workspace']?.inFlight).toBeUndefined();

        // No key ever named two different contents: a re-put segment carries the same changes.
        const identity = await loadOrCreateDevice(a.meta, vault.vaultId, a.workspace.keyRing);
        const byKey = new Map<string, Put[]>();
        for (const put of puts) byKey.set(put.key, [...(byKey.get(put.key) ?? []), put]);
        const reput: string[] = [];
        for (const [key, versions] of byKey) {
          if (versions.length === 1) continue;
          reput.push(key);
          const place = parseSegmentObjectKey(key);
          if (!place) {
            expect(new Set(versions.map((v) => v.sha256)).size, key).toBe(1);
            continue;
          }
          const contents = await Promise.all(
            versions.map(
              async (v) =>
                (
                  await decodeSegment(v.bytes, {
                    vaultId: vault.vaultId,
                    expected: place,
                    keyFor: (keyId) => a.workspace.keyRing.segmentKey(keyId),
                    publicKeyOf: (d) => (d === identity.id ? identity.publicKey : null),
                  })
                ).changes,
            ),
          );
          for (const other of contents.slice(1)) expect(other, key).toEqual(contents[0]);
        }
        // Only a segment that had reached the target before the kill is sent twice.
        expect(reput).toEqual(when === 'after' ? [`p/workspace/log/${aId}/${n}.seg`] : []);

        const caught = await b.round(folder);
        expect(caught.rejected).toEqual([]);
        expect(caught.incomplete).toBe(0);
        expect(caught.appliedSegments).toBe(4 - onTarget);
        // Every change of A, each exactly once, and the same records on both devices.
        expect(await changesFrom(b.workspace.ctx.db, 'workspace', aId)).toEqual(await ownChanges(a.workspace.ctx.db, 'workspace'));
        expect(await changesFrom(b.workspace.ctx.db, `client:${client.id}`, aId)).toEqual(await ownChanges(a.workspace.ctx.db, `client:${client.id}`));
        expect(await listSettings(b.workspace.ctx)).toEqual(await listSettings(a.workspace.ctx));
        expect(await getClient(b.workspace.ctx, client.id)).toEqual(await getClient(a.workspace.ctx, client.id));

        const idle = await a.round(folder);
        expect([idle.pushedSegments, idle.appliedSegments]).toEqual([0, 0]);
      } finally {
        a.close();
        b.close();
      }
    },
  );
});

describe('a damaged segment on the target', () => {
  const flip = (at: (length: number) => number) => (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    const i = at(copy.length);
    copy[i] = (copy[i] ?? 0) ^ 0x01;
    return copy;
  };

  it.each([
    ['cut in half', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2)), 'truncated'],
    ['cut to nothing', () => Buffer.alloc(0), 'truncated'],
    ['a byte flipped in the ciphertext', flip((length) => length - 100), 'bad-signature'],
    ['a byte flipped in the signature', flip((length) => length - 1), 'bad-signature'],
    ['a byte flipped in the magic', flip(() => 0), 'bad-magic'],
  ])('%s: reported with its code, nothing from that device applied after it, no local data lost, caught up once whole again', async (_name, damage, code) => {
    const root = await tempDir('caravan-faults-damage-');
    const transport = new FolderTransport(root);
    const remote = direct(transport);
    const vault = newVault();
    const a = await device(vault);
    const b = await device(vault);
    try {
      await setSetting(a.workspace.ctx, 'a1', 'first from A');
      await a.round(remote);
      await setSetting(b.workspace.ctx, 'b1', 'first from B');
      expect((await b.round(remote)).appliedSegments).toBe(1);
      await setSetting(a.workspace.ctx, 'a2', 'second from A');
      await a.round(remote);
      await setSetting(a.workspace.ctx, 'a3', 'third from A');
      await a.round(remote);
      const aId = await deviceId(a, vault);

      const key = `p/workspace/log/${aId}/2.seg`;
      const file = join(root, ...key.split('/'));
      const original = await readFile(file);
      await writeFile(file, damage(original));

      // B works on while A's segment is damaged.
      await setSetting(b.workspace.ctx, 'b2', 'second from B');
      for (let attempt = 0; attempt < 2; attempt++) {
        const hit = await b.round(remote);
        expect(hit.rejected).toEqual([{ key, code, message: expect.any(String) }]);
        expect(hit.appliedSegments).toBe(0);
        expect(hit.recordsWritten).toBe(0);
        expect(b.progress.vectors['workspace']?.[aId]).toBe(1);
        // Segment 3 is whole, but waits behind 2.
        expect(await getSetting(b.workspace.ctx, 'a2')).toBeUndefined();
        expect(await getSetting(b.workspace.ctx, 'a3')).toBeUndefined();
        expect(await getSetting(b.workspace.ctx, 'a1')).toBe('first from A');
        expect(await getSetting(b.workspace.ctx, 'b1')).toBe('first from B');
        expect(await getSetting(b.workspace.ctx, 'b2')).toBe('second from B');
        // B's own change still went out (first attempt only: nothing new the second time).
        expect(hit.pushedSegments).toBe(attempt === 0 ? 1 : 0);
      }

      // Made whole again: the damaged object removed and the original bytes put back.
      await transport.delete(key);
      await transport.put(key, new Uint8Array(original));
      const healed = await b.round(remote);
      expect(healed.rejected).toEqual([]);
      expect(healed.appliedSegments).toBe(2);
      expect(b.progress.vectors['workspace']?.[aId]).toBe(3);
      expect(await getSetting(b.workspace.ctx, 'a2')).toBe('second from A');
      expect(await getSetting(b.workspace.ctx, 'a3')).toBe('third from A');
      expect(await getSetting(b.workspace.ctx, 'b2')).toBe('second from B');

      await a.round(remote);
      expect(await listSettings(a.workspace.ctx)).toEqual(await listSettings(b.workspace.ctx));
      expect((await listSettings(b.workspace.ctx)).map((s) => s.id)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});

/** The proxy's rule, once A's device id is known. */
type RuleFor = (aId: string) => FaultRule;
/** How the round must fail. */
interface Expected {
  code: 'unavailable' | 'failed';
  message: RegExp;
}
const RETRY = (message: RegExp): Expected => ({ code: 'unavailable', message });
const onSegmentsOf =
  (aId: string, method: string, fault: Fault): FaultRule =>
  (r) =>
    r.method === method && r.path.includes(`/log/${aId}/`) ? fault : 'pass';

const webdavFaults: [string, RuleFor, Expected][] = [
  ['HTTP 503 on the upload', (aId) => onSegmentsOf(aId, 'PUT', { status: 503 }), RETRY(/server error \(HTTP 503\)/)],
  ['HTTP 500 on the move into place', (aId) => onSegmentsOf(aId, 'MOVE', { status: 500 }), RETRY(/server error \(HTTP 500\)/)],
  ['a server that stops answering', (aId) => onSegmentsOf(aId, 'PUT', 'hang'), RETRY(/did not answer within 1 s/)],
  ['a connection reset', (aId) => onSegmentsOf(aId, 'PUT', 'reset'), RETRY(/cannot be reached|failed/)],
  // WebDAV's "Insufficient Storage": the target is full, which waiting alone does not fix.
  ['HTTP 507 on the upload', (aId) => onSegmentsOf(aId, 'PUT', { status: 507 }), { code: 'failed', message: /out of space \(HTTP 507\)/ }],
];

const noRclone = rcloneMissing();
describe.skipIf(noRclone !== null)(`a WebDAV server failing (rclone behind a fault-injecting proxy)${noRclone ? `: skipped, ${noRclone}` : ''}`, () => {
  /** rclone, the proxy in front of it, transports through the proxy (1 s timeout) and straight to its folder. */
  async function servers() {
    const webdav = await startWebDav();
    const proxy = await startFaultyProxy(webdav.url);
    const remote = direct(new WebDavTransport({ url: proxy.url, username: webdav.username, password: webdav.password, timeoutMs: 1_000 }));
    const disk = direct(new FolderTransport(webdav.root));
    return {
      proxy,
      remote,
      disk,
      close: async () => {
        await proxy.close();
        await webdav.close();
      },
    };
  }

  it.each(webdavFaults)(
    '%s: the round fails (retryable unless the target is full), progress stops before the unwritten segment, nothing local is lost, the next round completes',
    async (_name, ruleFor, expected) => {
      const s = await servers();
      const vault = newVault();
      const a = await device(vault);
      const b = await device(vault);
      try {
        await setSetting(a.workspace.ctx, 'a1', 'first from A');
        expect((await a.round(s.remote)).pushedSegments).toBe(1);
        expect((await b.round(s.remote)).appliedSegments).toBe(1);
        const aId = await deviceId(a, vault);

        await setSetting(a.workspace.ctx, 'a2', 'second from A');
        await setSetting(b.workspace.ctx, 'b1', 'first from B');
        const before = structuredClone(a.progress);
        s.proxy.set(ruleFor(aId));
        const started = Date.now();
        const failure = await failureOf(a.round(s.remote));
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(failure).toBeInstanceOf(RemoteError);
        expect(failure).toMatchObject({ code: expected.code, retry: expected.code === 'unavailable', message: expect.stringMatching(expected.message) });
        expect(s.proxy.requests.some((r) => r.fault !== 'pass')).toBe(true);

        // Progress: segment 2 reserved, not counted as written; the target has exactly what progress says.
        expect(a.progress.pushed['workspace']).toEqual({ ...before.pushed['workspace'], inFlight: { seq: 2, toChangeSeq: expect.any(Number) } });
        expect(a.progress.vectors).toEqual(before.vectors);
        expect(await segmentsOn(s.disk, 'workspace', aId)).toEqual([1]);
        expect(await getSetting(a.workspace.ctx, 'a2')).toBe('second from A');

        // The other device keeps syncing through the same server meanwhile.
        const meanwhile = await b.round(s.remote);
        expect([meanwhile.pushedSegments, meanwhile.appliedSegments, meanwhile.rejected.length]).toEqual([1, 0, 0]);

        s.proxy.recover();
        const retry = await a.round(s.remote);
        expect([retry.pushedSegments, retry.appliedSegments]).toEqual([1, 1]);
        expect(await segmentsOn(s.disk, 'workspace', aId)).toEqual([1, 2]);
        const caught = await b.round(s.remote);
        expect([caught.appliedSegments, caught.rejected.length]).toEqual([1, 0]);
        expect(await listSettings(b.workspace.ctx)).toEqual(await listSettings(a.workspace.ctx));
        expect((await listSettings(b.workspace.ctx)).map((x) => x.id)).toEqual(['a1', 'a2', 'b1']);
      } finally {
        a.workspace.close();
        b.workspace.close();
        await s.close();
      }
    },
  );

  it('a 503 while B downloads a segment: B fails as retryable, keeps its own work, applies nothing past what it read, then catches up', async () => {
    const s = await servers();
    const vault = newVault();
    const a = await device(vault);
    const b = await device(vault);
    try {
      await setSetting(a.workspace.ctx, 'a1', 'first from A');
      await a.round(s.remote);
      await b.round(s.remote);
      const aId = await deviceId(a, vault);
      await setSetting(a.workspace.ctx, 'a2', 'second from A');
      await a.round(s.remote);
      await setSetting(a.workspace.ctx, 'a3', 'third from A');
      await a.round(s.remote);

      await setSetting(b.workspace.ctx, 'b1', 'first from B');
      const bId = await deviceId(b, vault);
      s.proxy.set((r) => (r.method === 'GET' && r.path.endsWith(`/log/${aId}/3.seg`) ? { status: 503 } : 'pass'));
      const failure = await failureOf(b.round(s.remote));
      expect(failure).toMatchObject({ code: 'unavailable', retry: true, message: expect.stringMatching(/HTTP 503/) });
      // Segment 2 was read and applied before 3 failed; the vector says exactly that.
      expect(b.progress.vectors['workspace']?.[aId]).toBe(2);
      expect(await getSetting(b.workspace.ctx, 'a2')).toBe('second from A');
      expect(await getSetting(b.workspace.ctx, 'a3')).toBeUndefined();
      expect(await getSetting(b.workspace.ctx, 'b1')).toBe('first from B');
      expect(await segmentsOn(s.disk, 'workspace', bId)).toEqual([1]);

      s.proxy.recover();
      const caught = await b.round(s.remote);
      expect([caught.pushedSegments, caught.appliedSegments]).toEqual([0, 1]);
      await a.round(s.remote);
      expect(await listSettings(a.workspace.ctx)).toEqual(await listSettings(b.workspace.ctx));
      expect((await listSettings(a.workspace.ctx)).map((x) => x.id)).toEqual(['a1', 'a2', 'a3', 'b1']);
    } finally {
      a.workspace.close();
      b.workspace.close();
      await s.close();
    }
  });

  it('the whole server down (503 to everything): both devices fail as retryable, both keep writing locally, both converge once it is back', async () => {
    const s = await servers();
    const vault = newVault();
    const a = await device(vault);
    const b = await device(vault);
    try {
      await setSetting(a.workspace.ctx, 'a1', 'first from A');
      await a.round(s.remote);
      await b.round(s.remote);
      s.proxy.set(() => ({ status: 503 }));
      for (const [d, name] of [
        [a, 'a2'],
        [b, 'b1'],
      ] as const) {
        await setSetting(d.workspace.ctx, name, `${name} during the outage`);
        const vectors = structuredClone(d.progress.vectors);
        const segSeq = d.progress.pushed['workspace']?.segSeq;
        expect(await failureOf(d.round(s.remote))).toMatchObject({ code: 'unavailable', retry: true });
        expect(d.progress.vectors).toEqual(vectors);
        expect(d.progress.pushed['workspace']?.segSeq).toBe(segSeq);
        expect(await getSetting(d.workspace.ctx, name)).toBe(`${name} during the outage`);
      }
      s.proxy.recover();
      await a.round(s.remote);
      await b.round(s.remote);
      await a.round(s.remote);
      expect(await listSettings(a.workspace.ctx)).toEqual(await listSettings(b.workspace.ctx));
      expect((await listSettings(a.workspace.ctx)).map((x) => x.id)).toEqual(['a1', 'a2', 'b1']);
    } finally {
      a.workspace.close();
      b.workspace.close();
      await s.close();
    }
  });
});

const S3_SLOW_DOWN =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message><RequestId>f1</RequestId></Error>';

describe('an S3 server failing (s3rver behind a fault-injecting proxy)', () => {
  it.each([
    [
      'HTTP 503 with an S3 error body on every upload of a segment',
      { status: 503, body: S3_SLOW_DOWN, contentType: 'application/xml' },
      RETRY(/server error \(HTTP 503\)/),
    ],
    // A gateway or load balancer in front of the bucket answers in HTML or text, not S3's XML. The SDK
    // then throws a plain Error carrying only `$metadata.httpStatusCode`, which s3-transport.ts must
    // map like any HTTP status (it currently calls it a network failure: a full target is retried).
    ['HTTP 503 in plain text (a gateway in front of the bucket)', { status: 503 }, RETRY(/server error \(HTTP 503\)/)],
    ['HTTP 507 in plain text (a gateway in front of the bucket)', { status: 507 }, { code: 'failed', message: /out of space \(HTTP 507\)/ } satisfies Expected],
    ['a server that stops answering', 'hang', RETRY(/did not answer within 1 s/)],
  ] as [string, Fault, Expected][])(
    '%s: the round fails with the right kind of error, progress stops before it, then it completes',
    async (_name, fault, expected) => {
      const s3 = await startS3();
      const proxy = await startFaultyProxy(s3.endpoint);
      const transport = new S3Transport({
        endpoint: proxy.url.replace(/\/$/, ''),
        region: 'us-east-1',
        bucket: s3.bucket,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        pathStyle: true,
        timeoutMs: 1_000,
      });
      const remote = direct(transport);
      const vault = newVault();
      const a = await device(vault);
      const b = await device(vault);
      try {
        await setSetting(a.workspace.ctx, 'a1', 'first from A');
        await a.round(remote);
        const aId = await deviceId(a, vault);
        await setSetting(a.workspace.ctx, 'a2', 'second from A');
        proxy.set(onSegmentsOf(aId, 'PUT', fault));
        const failure = await failureOf(a.round(remote));
        expect(failure).toBeInstanceOf(RemoteError);
        expect({ code: (failure as RemoteError).code, message: (failure as RemoteError).message }).toEqual({
          code: expected.code,
          message: expect.stringMatching(expected.message),
        });
        expect(a.progress.pushed['workspace']).toMatchObject({ segSeq: 1, inFlight: { seq: 2 } });
        proxy.recover();
        expect(await segmentsOn(remote, 'workspace', aId)).toEqual([1]);
        expect((await a.round(remote)).pushedSegments).toBe(1);
        expect(await segmentsOn(remote, 'workspace', aId)).toEqual([1, 2]);
        const got = await b.round(remote);
        expect([got.appliedSegments, got.rejected.length]).toEqual([2, 0]);
        expect(await listSettings(b.workspace.ctx)).toEqual(await listSettings(a.workspace.ctx));
      } finally {
        a.workspace.close();
        b.workspace.close();
        transport.close();
        await proxy.close();
        await s3.close();
      }
    },
  );
});

describe('a full disk under a folder target (through main’s guarded SyncService)', () => {
  it('ENOSPC fails the round as not retryable, saying the target is full; nothing local lost, progress not advanced, no temporary file left; then it completes', async () => {
    const dataDir = await tempDir('caravan-faults-main-');
    const root = await tempDir('caravan-faults-full-');
    const locality = await LocalityService.create({ dataDir, newId: () => crypto.randomUUID(), now: Date.now, log: () => {} });
    const service = new SyncService({
      targets: locality.targets,
      gate: locality.syncGate,
      credentials: new CredentialStore(join(dataDir, 'cred'), createSecretCipherStub('basic_text')),
      now: Date.now,
    });
    const vault = newVault();
    const a = await device(vault);
    const b = await device(vault);
    try {
      await locality.open(vault.vaultId, Buffer.from(sodium.crypto_box_keypair().publicKey).toString('base64'), []);
      const target = await locality.addTarget({ label: 'USB disk', kind: 'folder', location: { provider: 'folder', declaredCountry: 'DE' }, path: root });
      // As remote.ts's ipcRemote maps main's errors.
      const fromMain = (error: unknown): never => {
        if (error instanceof UserFacingError)
          throw new RemoteError(error.code === 'refused' ? 'refused' : error.code === 'unavailable' ? 'unavailable' : 'failed', error.message);
        throw error;
      };
      const remote: Remote = {
        put: (k, bytes) => service.put(target.id, k, bytes).catch(fromMain),
        get: (k) => service.get(target.id, k).catch(fromMain),
        list: (p) => service.list(target.id, p).catch(fromMain),
        delete: (k) => service.delete(target.id, k).catch(fromMain),
      };
      await setSetting(a.workspace.ctx, 'a1', 'first from A');
      expect((await a.round(remote)).pushedSegments).toBe(1);
      const aId = await deviceId(a, vault);

      await setSetting(a.workspace.ctx, 'a2', 'second from A');
      const before = structuredClone(a.progress);
      disk.fullUnder = root;
      disk.refused = 0;
      let failure: unknown;
      try {
        failure = await failureOf(a.round(remote));
      } finally {
        disk.fullUnder = null;
      }
      expect(disk.refused).toBe(1);
      expect(failure).toBeInstanceOf(RemoteError);
      expect(failure).toMatchObject({ code: 'failed', retry: false, message: `The folder ${root} is full; free some space or choose another target.` });
      expect(a.progress.pushed['workspace']).toEqual({ ...before.pushed['workspace'], inFlight: { seq: 2, toChangeSeq: expect.any(Number) } });
      expect(await tmpFilesUnder(root)).toEqual([]);
      expect(await segmentsOn(remote, 'workspace', aId)).toEqual([1]);
      // A keeps working locally while the disk is full.
      await setSetting(a.workspace.ctx, 'a3', 'written while the disk is full');
      expect(await getSetting(a.workspace.ctx, 'a2')).toBe('second from A');
      // B sees only what was written.
      expect((await b.round(remote)).appliedSegments).toBe(1);
      expect(await getSetting(b.workspace.ctx, 'a2')).toBeUndefined();

      // Space freed: the reserved seq goes out with its changes, the rest after it.
      const retry = await a.round(remote);
      expect(retry.pushedSegments).toBe(2);
      expect(await segmentsOn(remote, 'workspace', aId)).toEqual([1, 2, 3]);
      expect((await b.round(remote)).appliedSegments).toBe(2);
      expect(await listSettings(b.workspace.ctx)).toEqual(await listSettings(a.workspace.ctx));
      expect((await listSettings(b.workspace.ctx)).map((x) => x.id)).toEqual(['a1', 'a2', 'a3']);
    } finally {
      disk.fullUnder = null;
      a.workspace.close();
      b.workspace.close();
      locality.close();
    }
  });
});

describe('clock skew', () => {
  it('a device 30 minutes ahead: its segments are quarantined (none applied) while local work goes on, and applied once this clock catches up', async () => {
    const root = await tempDir('caravan-faults-skew-');
    const remote = direct(new FolderTransport(root));
    const vault = newVault();
    const AHEAD = 30 * 60_000;
    let bOffset = 0;
    const a = await device(vault, () => Date.now() + AHEAD);
    const b = await device(vault, () => Date.now() + bOffset);
    try {
      await setSetting(a.workspace.ctx, 'a1', 'from the future');
      await a.round(remote);
      await setSetting(a.workspace.ctx, 'a2', 'also from the future');
      await a.round(remote);
      const aId = await deviceId(a, vault);
      expect(await segmentsOn(remote, 'workspace', aId)).toEqual([1, 2]);

      // B writes during the skew; its HLC is not dragged into the future.
      await setSetting(b.workspace.ctx, 'b1', 'from the present');
      const skewed = await b.round(remote);
      expect(skewed.quarantined).toBeGreaterThan(0);
      expect([skewed.appliedSegments, skewed.appliedChanges, skewed.recordsWritten]).toEqual([0, 0, 0]);
      expect(skewed.rejected).toEqual([]);
      expect(skewed.pushedSegments).toBe(1);
      expect(b.progress.vectors['workspace']?.[aId]).toBeUndefined();
      expect(await getSetting(b.workspace.ctx, 'a1')).toBeUndefined();
      await setSetting(b.workspace.ctx, 'b2', 'still from the present');
      const newest = (await readChanges(b.workspace.ctx.db, 'workspace')).at(-1);
      expect(newest?.changes[0]?.id).toBe('b2');
      expect(decode(newest?.hlc ?? '').ms).toBeLessThan(Date.now() + 60_000);

      // 20 minutes later on B: still more than 5 minutes behind A's changes.
      bOffset = 20 * 60_000;
      const later = await b.round(remote);
      expect(later.quarantined).toBeGreaterThan(0);
      expect(later.appliedSegments).toBe(0);

      // B's clock catches up: both segments apply.
      bOffset = AHEAD;
      const caught = await b.round(remote);
      expect([caught.quarantined, caught.appliedSegments, caught.rejected.length]).toEqual([0, 2, 0]);
      expect(b.progress.vectors['workspace']?.[aId]).toBe(2);
      const fromA = await a.round(remote);
      expect(fromA.quarantined).toBe(0);
      expect(await listSettings(a.workspace.ctx)).toEqual(await listSettings(b.workspace.ctx));
      expect((await listSettings(a.workspace.ctx)).map((x) => x.id)).toEqual(['a1', 'a2', 'b1', 'b2']);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});
