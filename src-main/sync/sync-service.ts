/**
 * Main's side of sync: the renderer's engine decides what to send and how to
 * merge; this moves encrypted objects to and from targets, and nothing else.
 * Only names of the sync layout cross (`object-key.ts`), each within its
 * kind's size bound, and every operation needs the vault unlocked and the
 * guard's yes: an upload for the partition its key names (a refusal carries
 * the guard's reason), and a read, listing, test or delete for the target
 * itself (its location must be one the guard can name). Deletes are audited
 * before they happen. No request follows a redirect.
 */
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { SyncGate } from '../locality/sync-gate.ts';
import type { AddableTarget, TargetConfig, TargetRegistry } from '../locality/target-registry.ts';
import type { CredentialStore } from './credential-store.ts';
import type { Credentials } from '../../src-preload/contract/sync.ts';
import { FolderTransport } from './folder-transport.ts';
import { checkObjectKey, checkPrefix, LAYOUT_LIMITS, layoutObject } from './object-key.ts';
import { s3Connection } from './s3-endpoints.ts';
import { S3Transport } from './s3-transport.ts';
import { TransportError, type StoredObject, type Transport } from './transport.ts';
import { WebDavTransport } from './webdav-transport.ts';

export interface SyncServiceOptions {
  /** The targets main keeps, and which partitions each holds. */
  targets: TargetRegistry;
  /** Locality's yes (or no) before any operation on a target, recorded. */
  gate: SyncGate;
  credentials: CredentialStore;
  now: () => number;
  /** Per request; tests shorten it. */
  timeoutMs?: number;
}

/** A holding is re-stamped at most this often, so a busy sync does not rewrite the target list per segment. */
const HOLDING_RESTAMP_MS = 60_000;

function asUserError(error: unknown): never {
  if (error instanceof TransportError) throw new UserFacingError(error.retry ? 'unavailable' : 'io-failed', error.message);
  throw error;
}

export class SyncService {
  readonly #options: SyncServiceOptions;
  readonly #transports = new Map<string, { target: TargetConfig; transport: Transport }>();

  constructor(options: SyncServiceOptions) {
    this.#options = options;
  }

  #target(targetId: string): TargetConfig {
    const target = this.#options.targets.get(targetId);
    if (!target) throw new UserFacingError('invalid-argument', 'This target no longer exists.');
    return target;
  }

  async #transport(targetId: string): Promise<Transport> {
    const target = this.#target(targetId);
    const cached = this.#transports.get(targetId);
    if (cached && cached.target === target) return cached.transport;
    const transport = await this.#build(target);
    this.#transports.set(targetId, { target, transport });
    return transport;
  }

  async #build(target: AddableTarget & { id?: string }, given?: Credentials | null): Promise<Transport> {
    const timeoutMs = this.#options.timeoutMs ?? 60_000;
    if (target.kind === 'folder') {
      if (!target.path) throw new UserFacingError('invalid-argument', 'This folder target has no folder.');
      return new FolderTransport(target.path);
    }
    const credentials = given !== undefined ? given : target.id ? await this.#options.credentials.get(target.id) : null;
    if (target.kind === 'webdav') {
      if (!target.endpoint) throw new UserFacingError('invalid-argument', 'This WebDAV target has no URL.');
      const login = credentials?.kind === 'webdav' ? { username: credentials.username, password: credentials.password } : {};
      return new WebDavTransport({ url: target.endpoint, timeoutMs, ...login });
    }
    if (credentials?.kind !== 's3') throw new UserFacingError('refused', `Enter the access key for ${target.label} (Sync > Targets): Caravan has none for it.`);
    const connection = s3Connection(target.location.provider, target.location.region, target.endpoint);
    if ('problem' in connection) throw new UserFacingError('invalid-argument', connection.problem);
    return new S3Transport({
      ...connection,
      bucket: target.bucket ?? '',
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      timeoutMs,
    });
  }

  /**
   * Reads the vault header (`vault.json`) from a target that is not added yet, for a new device
   * joining its vault (`target-admission.ts` asks the person first). At most 64 KiB is read.
   */
  async readVaultHeaderFrom(target: AddableTarget, credentials: Credentials | null): Promise<string | null> {
    const transport = await this.#build(target, credentials);
    const bytes = await transport.get('vault.json', LAYOUT_LIMITS['vault-header']).catch(asUserError);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  }

  /** The guard's yes to contact a target at all: the vault unlocked and a location it can name. */
  async #contact(targetId: string): Promise<Transport> {
    this.#target(targetId);
    const decision = await this.#options.gate.decideContact(targetId);
    if (!decision.allowed) throw new UserFacingError('refused', decision.reason);
    return this.#transport(targetId);
  }

  async setCredentials(targetId: string, credentials: Credentials) {
    const target = this.#target(targetId);
    if (target.kind === 'folder' || credentials.kind !== target.kind)
      throw new UserFacingError('invalid-argument', `A ${target.kind} target does not take ${credentials.kind} credentials.`);
    this.#transports.delete(targetId);
    return this.#options.credentials.set(targetId, credentials);
  }

  async forgetTarget(targetId: string): Promise<void> {
    this.#transports.delete(targetId);
    await this.#options.credentials.remove(targetId);
  }

  async test(targetId: string): Promise<void> {
    const transport = await this.#contact(targetId);
    await transport.test().catch(asUserError);
  }

  /** Uploads one object, if and only if the guard allows its partition on this target. */
  async put(targetId: string, key: string, bytes: Uint8Array): Promise<void> {
    const checked = checkObjectKey(key);
    if (!checked.ok) throw new UserFacingError('invalid-argument', checked.message);
    if (bytes.byteLength > checked.maxBytes)
      throw new UserFacingError(
        'invalid-argument',
        `${key.slice(0, 80)} is ${bytes.byteLength} bytes; an object of its kind (${checked.kind}) is at most ${checked.maxBytes}.`,
      );
    const decision = await this.#options.gate.decide(checked.partition, targetId, 'sync-upload');
    if (!decision.allowed) throw new UserFacingError('refused', decision.reason);
    const transport = await this.#transport(targetId);
    // Recorded before the upload: a timeout after the server kept the object, or a crash, must not
    // leave a copy that erasure and a stricter policy do not know about.
    const last = this.#target(targetId).holds[checked.partition];
    const now = this.#options.now();
    if (last === undefined || now - last > HOLDING_RESTAMP_MS) await this.#options.targets.recordHolding(targetId, checked.partition, now);
    await transport.put(key, bytes).catch(asUserError);
  }

  async get(targetId: string, key: string): Promise<Uint8Array | null> {
    const checked = checkObjectKey(key);
    if (!checked.ok) throw new UserFacingError('invalid-argument', checked.message);
    const transport = await this.#contact(targetId);
    return transport.get(key, checked.maxBytes).catch(asUserError);
  }

  /** Objects of the layout under `prefix`; anything else on the target is not listed. */
  async list(targetId: string, prefix: string): Promise<StoredObject[]> {
    if (!checkPrefix(prefix))
      throw new UserFacingError(
        'invalid-argument',
        `"${prefix.slice(0, 80)}" is not a listing prefix of the sync layout (p/, devices/, erased/, p/<partition>/log/...).`,
      );
    const transport = await this.#contact(targetId);
    const listed = await transport.list(prefix).catch(asUserError);
    return listed.filter((o) => o.key.startsWith(prefix) && layoutObject(o.key) !== null);
  }

  /**
   * Deletes every object of a client's partition from a target (its segments and wrapped key):
   * the one action that takes a client's data off a target its policy no longer allows, or off
   * every target when the client is erased. Recorded in the audit log; returns how many objects.
   */
  async deletePartition(targetId: string, clientId: string): Promise<number> {
    if (!/^[0-9a-f-]{36}$/.test(clientId)) throw new UserFacingError('invalid-argument', 'Not a client id.');
    if (!this.#options.gate.isOpen) throw new UserFacingError('refused', 'Unlock the vault first: the deletion is recorded in its audit log.');
    const transport = await this.#contact(targetId);
    const listed = await transport.list(`p/${clientId}/`).catch(asUserError);
    const objects = listed.filter((o) => layoutObject(o.key)?.partition === clientId);
    for (const object of objects) await transport.delete(object.key).catch(asUserError);
    await this.#options.targets.forgetHolding(targetId, clientId);
    await this.#options.gate.remoteCopiesDeleted(clientId, targetId);
    return objects.length;
  }

  /**
   * Deletes one segment, snapshot or acknowledgement (what compaction removes); audited first. The
   * header, the roster, erasure markers and a client's key are never deleted one by one.
   */
  async delete(targetId: string, key: string): Promise<void> {
    const checked = checkObjectKey(key);
    if (!checked.ok) throw new UserFacingError('invalid-argument', checked.message);
    if (checked.kind !== 'segment' && checked.kind !== 'snapshot' && checked.kind !== 'ack') {
      throw new UserFacingError('invalid-argument', `${key.slice(0, 80)} is not deleted by sync: only segments, snapshots and acknowledgements are.`);
    }
    const transport = await this.#contact(targetId);
    await this.#options.gate.objectDeleted(checked.partition, targetId, checked.kind);
    await transport.delete(key).catch(asUserError);
  }
}
