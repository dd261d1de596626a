/**
 * The places Caravan may send data to (sync and export targets), kept by main
 * in its data folder. A target is configuration, not client data: a label the
 * person chose, where it is (provider and region, or a declared country), how
 * to reach it, and which partitions it already holds (opaque ids, so the guard
 * can list data on a target that a stronger policy no longer allows).
 * Credentials are not here: they are wrapped with safeStorage by the sync
 * transports. Persistence is injected, so this runs in tests and in the host.
 */
import { z } from 'zod';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import { targetLocationInputSchema, type ProviderId, type TargetLocationInput } from './policy.ts';

export type TargetKind = 'folder' | 'webdav' | 's3';

export interface TargetConfig {
  id: string;
  /** The person's name for it ("Hetzner bucket", "NAS at home"). */
  label: string;
  kind: TargetKind;
  location: TargetLocationInput;
  /** WebDAV URL or S3 endpoint (https, or http only on the loopback interface). */
  endpoint?: string;
  bucket?: string;
  /** Absolute folder path for a folder target. */
  path?: string;
  createdAt: number;
  /** Partitions (client ids, or `workspace`) with data on this target, and when they were last written. */
  holds: Record<string, number>;
}

/** What the person fills in to add a target. */
export type NewTarget = Omit<TargetConfig, 'id' | 'createdAt' | 'holds'>;

const S3_PROVIDERS: readonly ProviderId[] = ['aws', 'wasabi', 'hetzner', 'scaleway', 'backblaze', 'r2', 'minio', 'custom-s3'];

/** Which providers each kind of target may name: a folder is never "AWS". */
export function providersFor(kind: TargetKind): readonly ProviderId[] {
  return kind === 'folder' ? ['folder'] : kind === 'webdav' ? ['webdav'] : S3_PROVIDERS;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** https anywhere; plain http only to this machine (a local MinIO, rclone or test server). */
export const endpointSchema = z
  .string()
  .max(500)
  .refine((raw) => {
    try {
      const url = new URL(raw);
      return (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an https:// address (http:// only for this machine), without a user name or password in it');

const labelSchema = z
  .string()
  .trim()
  .min(1, 'needs a name')
  .max(80)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must be one line of text');

export const newTargetSchema = z
  .strictObject({
    label: labelSchema,
    kind: z.enum(['folder', 'webdav', 's3']),
    location: targetLocationInputSchema,
    endpoint: endpointSchema.optional(),
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lower-case letters, digits, dots or dashes)')
      .optional(),
    path: z
      .string()
      .min(1)
      .max(4096)
      .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'must be an absolute folder path')
      .optional(),
  })
  .superRefine((t, ctx) => {
    if (!providersFor(t.kind).includes(t.location.provider)) {
      ctx.addIssue({ code: 'custom', path: ['location', 'provider'], message: `a ${t.kind} target cannot be ${t.location.provider}` });
    }
    if (t.kind === 'folder' && !t.path) ctx.addIssue({ code: 'custom', path: ['path'], message: 'a folder target needs its folder' });
    if (t.kind === 'webdav' && !t.endpoint) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'a WebDAV target needs its URL' });
    if (t.kind === 's3' && !t.bucket) ctx.addIssue({ code: 'custom', path: ['bucket'], message: 'an S3 target needs a bucket' });
    if (t.kind === 's3' && ['minio', 'custom-s3'].includes(t.location.provider) && !t.endpoint) {
      ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'a self-hosted S3 target needs its endpoint' });
    }
  });

/** A partition id as the registry stores it: `workspace` or a client id (opaque, at most 64 characters). */
const PARTITION_RE = /^[A-Za-z0-9-]{1,64}$/;

const storedTargetSchema = z.strictObject({
  id: z.uuid(),
  label: labelSchema,
  kind: z.enum(['folder', 'webdav', 's3']),
  location: targetLocationInputSchema,
  endpoint: endpointSchema.optional(),
  bucket: z.string().max(63).optional(),
  path: z.string().max(4096).optional(),
  createdAt: z.number().int().nonnegative(),
  holds: z.record(z.string().regex(PARTITION_RE), z.number().int().nonnegative()),
});

const fileSchema = z.strictObject({ version: z.literal(1), targets: z.array(storedTargetSchema) });

export interface JsonStore {
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/** Host (with port) that a target's requests go to, for the network backstop; undefined for folders. */
export function targetHost(target: Pick<TargetConfig, 'endpoint'>): string | undefined {
  if (!target.endpoint) return undefined;
  try {
    return new URL(target.endpoint).host;
  } catch {
    return undefined;
  }
}

export class TargetRegistry {
  private targets: TargetConfig[] = [];
  /** Set when the file on disk could not be read; said once in the targets view. */
  problem: string | undefined;

  private readonly store: JsonStore;
  /** Changes run one at a time: each builds on the list the previous one saved. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly newId: () => string;
  private readonly now: () => number;

  private constructor(store: JsonStore, newId: () => string, now: () => number) {
    this.store = store;
    this.newId = newId;
    this.now = now;
  }

  static async load(store: JsonStore, newId: () => string, now: () => number): Promise<TargetRegistry> {
    const registry = new TargetRegistry(store, newId, now);
    const raw = await store.read();
    if (raw !== null && raw !== undefined) {
      const parsed = fileSchema.safeParse(raw);
      if (parsed.success) registry.targets = parsed.data.targets as TargetConfig[];
      // Failing closed: an unreadable file means no targets, so nothing can be sent anywhere.
      else registry.problem = 'The list of sync targets could not be read, so none are in use. Add them again.';
    }
    return registry;
  }

  list(): readonly TargetConfig[] {
    return this.targets;
  }

  get(id: string): TargetConfig | undefined {
    return this.targets.find((t) => t.id === id);
  }

  add(input: unknown): Promise<TargetConfig> {
    return this.serial(async () => {
      const parsed = newTargetSchema.safeParse(input);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new UserFacingError('invalid-argument', `This target cannot be added: ${first ? `${first.path.join('.') || 'target'} ${first.message}` : 'its settings are incomplete'}.`);
      }
      if (this.targets.some((t) => t.label.toLowerCase() === parsed.data.label.toLowerCase())) {
        throw new UserFacingError('invalid-argument', `A target called "${parsed.data.label}" exists already; choose another name.`);
      }
      const target = { ...(parsed.data as NewTarget), id: this.newId(), createdAt: this.now(), holds: {} } satisfies TargetConfig;
      await this.save([...this.targets, target]);
      return target;
    });
  }

  remove(id: string): Promise<TargetConfig> {
    return this.serial(async () => {
      const target = this.get(id);
      if (!target) throw new UserFacingError('invalid-argument', 'This target no longer exists.');
      await this.save(this.targets.filter((t) => t.id !== id));
      return target;
    });
  }

  /** Records that a partition was written to a target (sync calls this after a verified upload). */
  recordHolding(targetId: string, partition: string, at: number): Promise<void> {
    return this.serial(async () => {
      if (!PARTITION_RE.test(partition)) throw new Error(`not a partition id: ${partition.slice(0, 80)}`);
      await this.save(this.targets.map((t) => (t.id === targetId ? { ...t, holds: { ...t.holds, [partition]: at } } : t)));
    });
  }

  /** Records that a partition's objects were deleted from a target. */
  forgetHolding(targetId: string, partition: string): Promise<void> {
    return this.serial(async () => {
      await this.save(
        this.targets.map((t) => {
          if (t.id !== targetId) return t;
          const holds = { ...t.holds };
          delete holds[partition];
          return { ...t, holds };
        }),
      );
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async save(next: TargetConfig[]): Promise<void> {
    await this.store.write({ version: 1, targets: next });
    this.targets = next;
  }
}
