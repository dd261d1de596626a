/** Sync transports in main: encrypted objects by key on a target, and the target's credentials. Bytes cross as base64. */
import { z } from 'zod';
import { newTargetSchema, targetViewSchema } from './target.ts';
import { BASE64_RE, clientIdSchema, targetIdSchema, type InvokeMap } from './spec.ts';

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
export const joinIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be a join main started');

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
/** Segments are at most 1 MiB; snapshots may be larger. 90 MiB of base64 (67.5 MiB of bytes) bounds one message either way. */
const objectBytes = z
  .string()
  .max(90 * 1024 * 1024)
  .regex(BASE64_RE, 'must be base64');

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
  'sync:put': { args: z.tuple([targetIdSchema, objectKey, objectBytes]), result: z.void() },
  /** Downloads one object (base64), or null when there is none. */
  'sync:get': { args: z.tuple([targetIdSchema, objectKey]), result: z.string().nullable() },
  'sync:list': { args: z.tuple([targetIdSchema, z.string().max(512)]), result: z.array(storedObjectSchema) },
  'sync:delete': { args: z.tuple([targetIdSchema, objectKey]), result: z.void() },
  /** Deletes a client's objects (segments, wrapped key) from a target, audited; returns how many. */
  'sync:deletePartition': { args: z.tuple([targetIdSchema, clientIdSchema]), result: z.number() },
} satisfies InvokeMap<'sync'>;
