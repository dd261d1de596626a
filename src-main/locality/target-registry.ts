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
import {
  endpointSchema,
  refineTarget,
  targetKindSchema,
  targetLabelSchema,
  targetLocationSchema,
  targetShape,
  type TargetKind,
  type TargetLocation,
} from '../../src-preload/contract/target.ts';

export interface TargetConfig {
  id: string;
  /** The person's name for it ("Hetzner bucket", "NAS at home"). */
  label: string;
  kind: TargetKind;
  location: TargetLocation;
  /** WebDAV URL or S3 endpoint (https, or http only on the loopback interface). */
  endpoint?: string;
  bucket?: string;
  /** A folder target's folder: the real path main resolved from its own picker (never a path the renderer typed). */
  path?: string;
  createdAt: number;
  /** Partitions (client ids, or `workspace`) with data on this target, and when they were last written. */
  holds: Record<string, number>;
}

/** A partition id as the registry stores it: `workspace` or a client id (opaque, at most 64 characters). */
const PARTITION_RE = /^[A-Za-z0-9-]{1,64}$/;

/** A target as saved: what was added (read back with the same field schemas, so an edited file fails closed). */
const storedTargetSchema = z.strictObject({
  id: z.uuid(),
  label: targetLabelSchema,
  kind: targetKindSchema,
  location: targetLocationSchema,
  endpoint: endpointSchema.optional(),
  bucket: z.string().max(63).optional(),
  path: z.string().max(4096).optional(),
  createdAt: z.number().int().nonnegative(),
  holds: z.record(z.string().regex(PARTITION_RE), z.number().int().nonnegative()),
});

/**
 * A target as main adds it: the wire form with a folder's handle already resolved by main to its
 * real path (`target-admission.ts`). Never parsed from the renderer.
 */
export const addableTargetSchema = z
  .strictObject({ ...targetShape, path: z.string().min(1).max(4096).optional() })
  .superRefine((t, ctx) => refineTarget(t, t.path !== undefined, ctx, 'path'));
export type AddableTarget = z.output<typeof addableTargetSchema>;

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
      if (parsed.success) registry.targets = parsed.data.targets;
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

  /** Adds a target; `beforeSave` (the audit) runs once it is valid and before it is saved, and a throw there saves nothing. */
  add(input: unknown, beforeSave?: (target: TargetConfig) => Promise<void>): Promise<TargetConfig> {
    return this.serial(async () => {
      const parsed = addableTargetSchema.safeParse(input);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new UserFacingError(
          'invalid-argument',
          `This target cannot be added: ${first ? `${first.path.join('.') || 'target'} ${first.message}` : 'its settings are incomplete'}.`,
        );
      }
      if (this.targets.some((t) => t.label.toLowerCase() === parsed.data.label.toLowerCase())) {
        throw new UserFacingError('invalid-argument', `A target called "${parsed.data.label}" exists already; choose another name.`);
      }
      const target = { ...parsed.data, id: this.newId(), createdAt: this.now(), holds: {} } satisfies TargetConfig;
      await beforeSave?.(target);
      await this.save([...this.targets, target]);
      return target;
    });
  }

  /** Removes a target; `beforeSave` (the audit) runs first, and a throw there keeps it. */
  remove(id: string, beforeSave?: () => Promise<void>): Promise<TargetConfig> {
    return this.serial(async () => {
      const target = this.get(id);
      if (!target) throw new UserFacingError('invalid-argument', 'This target no longer exists.');
      await beforeSave?.();
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
