/** Sync transports in main: encrypted objects by key on a target, and the target's credentials. Bytes cross as base64. */
import { z } from 'zod';
import { newTargetSchema, targetViewSchema } from './target.ts';
import { BASE64_RE, base64Bytes, base64Length, clientIdSchema, targetIdSchema, type InvokeMap } from './spec.ts';

/** A target's credentials, sent once from the add-target form; main keeps them (safeStorage where it is secure). */
export const credentialsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('s3'), accessKeyId: z.string().trim().min(1).max(256), secretAccessKey: z.string().min(1).max(512) }),
  z.strictObject({ kind: z.literal('webdav'), username: z.string().max(256), password: z.string().max(1024) }),
]);
/** Credentials as main keeps them (access key id trimmed). */
export type Credentials = z.output<typeof credentialsSchema>;
/** Credentials as the form sends them. */
export type CredentialsInput = z.input<typeof credentialsSchema>;

export const credentialsSavedSchema = z.discriminatedUnion('persisted', [
  z.strictObject({ persisted: z.literal(true) }),
  z.strictObject({ persisted: z.literal(false), reason: z.string() }),
]);
export type CredentialsSaved = z.infer<typeof credentialsSavedSchema>;

/** A new device's join in progress: main's handle for the target it read the vault from. */
export const joinIdSchema = z
  .string()
  .length(32, 'must be a join main started')
  .regex(/^[0-9a-f]{32}$/, 'must be a join main started');

export const joinReadSchema = z.discriminatedUnion('found', [
  /** The target answered, but holds no `vault.json`. */
  z.strictObject({ found: z.literal(false) }),
  /** The vault header as text, and the join to complete once the vault is unlocked. */
  z.strictObject({ found: z.literal(true), joinId: joinIdSchema, header: z.string() }),
]);
export type JoinRead = z.infer<typeof joinReadSchema>;

export const storedObjectSchema = z.strictObject({
  key: z.string(),
  size: z.number(),
  /** The store's modification time, epoch ms, when it gives one (S3, WebDAV: the server's clock; a folder: the file's mtime). */
  modified: z.number().optional(),
});
export type StoredObject = z.infer<typeof storedObjectSchema>;

const objectKey = z.string().min(1).max(512);

/**
 * The largest object of each kind the sync layout writes (docs/sync-layout.md), so an upload is
 * refused before main decodes it if it is larger than its kind can be. The numbers are the
 * formats' own bounds, which the renderer's codecs enforce (tests/unit/preload/sync-object-caps
 * checks they agree):
 * - a segment (`.seg`): 1 MiB of changes that did not deflate, plus header and signature;
 * - a snapshot (`.snap`): 64 MiB deflated plus a 64 KiB header; measured, 100 000 time blocks
 *   are 8.6 MB, so the bound is some 7x the largest partition we have seen;
 * - anything else (`vault.json`, `devices/…json`, acknowledgements, erasure markers): JSON of a
 *   few hundred bytes, except a device removal, which lists one seq per partition (5 000
 *   clients at ~60 bytes each is 300 kB): 1 MiB.
 */
export const MAX_SEGMENT_OBJECT_BYTES = 1_050_044;
export const MAX_SNAPSHOT_OBJECT_BYTES = 67_174_510;
export const MAX_JSON_OBJECT_BYTES = 1024 * 1024;

/** The most bytes an object under `key` may have, by its kind. */
export function maxObjectBytes(key: string): number {
  if (key.endsWith('.seg')) return MAX_SEGMENT_OBJECT_BYTES;
  if (key.endsWith('.snap')) return MAX_SNAPSHOT_OBJECT_BYTES;
  return MAX_JSON_OBJECT_BYTES;
}

/** The bytes of an upload, base64: bounded by the largest kind here, and by the key's kind below. */
const objectBytes = z.string().max(base64Length(MAX_SNAPSHOT_OBJECT_BYTES)).regex(BASE64_RE, 'must be base64');
const putArgs = z.tuple([targetIdSchema, objectKey, objectBytes]).superRefine(([, key, bytes], ctx) => {
  const max = maxObjectBytes(key);
  if (base64Bytes(bytes) > max) ctx.addIssue({ code: 'custom', path: [2], message: `an object named like ${key.slice(-5)} is at most ${max} bytes` });
});

export const syncInvoke = {
  /** Keeps a target's credentials in main. */
  'sync:setCredentials': { args: z.tuple([targetIdSchema, credentialsSchema]), result: credentialsSavedSchema },
  /**
   * A new device joins a vault: main asks the person in its own dialog (host or folder, declared
   * place) and reads at most 64 KiB of `vault.json` from the target; refused ('refused') if they cancel.
   */
  'sync:join': { args: z.tuple([newTargetSchema, credentialsSchema.nullable()]), result: joinReadSchema },
  /** Once the joined vault is unlocked: the target the person confirmed at the join becomes a sync target. */
  'sync:completeJoin': { args: z.tuple([joinIdSchema]), result: targetViewSchema },
  /** Checks that a target answers and takes its credentials (writes and deletes a probe object). */
  'sync:test': { args: z.tuple([targetIdSchema]), result: z.void() },
  /** Uploads one encrypted object; refused ('refused', with the reason) unless the guard allows its partition there. */
  'sync:put': { args: putArgs, result: z.void() },
  /** Downloads one object (base64), or null when there is none. */
  'sync:get': { args: z.tuple([targetIdSchema, objectKey]), result: z.string().nullable() },
  'sync:list': { args: z.tuple([targetIdSchema, z.string().max(512)]), result: z.array(storedObjectSchema) },
  'sync:delete': { args: z.tuple([targetIdSchema, objectKey]), result: z.void() },
  /** Deletes a client's objects (segments, wrapped key) from a target, audited; returns how many. */
  'sync:deletePartition': { args: z.tuple([targetIdSchema, clientIdSchema]), result: z.number() },
} satisfies InvokeMap<'sync'>;
