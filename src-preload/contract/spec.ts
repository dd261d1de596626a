/**
 * What a domain file of the contract declares, and the primitives several of them share.
 *
 * Each domain (`app.ts`, `timer.ts`, `locality.ts`...) exports a map from its channel names
 * (`domain:action`) to the zod schemas of the argument tuple and of the result, and, for events,
 * a map from channel name to the payload's schema. `channels.ts` joins the maps; every type the
 * preload, the renderer and main's handler table use is inferred from them.
 *
 * Input and output are told apart on purpose: a schema may normalise what it reads (a trimmed
 * label or attestation basis), so the renderer may send `z.input` and main's handler receives
 * `z.output`. Results are produced by main and reach the renderer unparsed, so result schemas
 * carry no transforms (their input and output are the same).
 *
 * Every file of the contract imports zod and other contract files only, never Node or Electron,
 * so main and the renderer import it at run time. The preload imports its types only.
 */
import { z } from 'zod';

/** One request/response channel: the argument tuple main validates, and what main answers. */
export interface InvokeSpec {
  args: z.ZodType<unknown[]>;
  result: z.ZodType;
}

/** A domain's invoke channels, each named `<domain>:<action>`. */
export type InvokeMap<D extends string> = Record<`${D}:${string}`, InvokeSpec>;

/** A domain's events (main to renderer), each named `<domain>:<event>`, with the payload's schema. */
export type EventMap<D extends string> = Record<`${D}:${string}`, z.ZodType>;

/** No arguments. */
export const noArgs = z.tuple([]);

/**
 * A record id (client, project, block). `|` is refused because ids are part of the ciphertext's
 * associated data (`table|id|schema|keyId`); control characters because ids end up in logs.
 */
export const recordIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^|\p{Cc}]+$/u, 'must not contain "|" or control characters');

/**
 * A client's id, in the one format the vault makes them (`crypto.randomUUID()`: a lower-case
 * UUID). Every channel that names a client takes this, not the looser record id: a client id
 * becomes an audit entry's id, a sync partition and a file name on a target, and main must refuse
 * a made-up one at the boundary rather than half-way through a change.
 */
export const clientIdSchema = z
  .string()
  .length(36, 'must be a client id (a lower-case UUID, as the vault makes them)')
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a client id (a lower-case UUID, as the vault makes them)');

/** A sync device's id (16 random bytes as 32 lower-case hex characters, as the sync layout makes them). */
export const deviceIdSchema = z
  .string()
  .length(32, 'must be a device id')
  .regex(/^[0-9a-f]{32}$/, 'must be a device id');

/** A vault's id. */
export const vaultIdSchema = z.uuid({ message: 'must be a vault id' });

/** A sync target's id, given by main's registry. */
export const targetIdSchema = z.uuid({ message: 'must be a target id' });

/** A 32-byte key (vault key, public key) in standard base64. */
export const key32Base64Schema = z
  .string()
  .length(44, 'must be a 32-byte key in base64')
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a 32-byte key in base64');

/** Standard padded base64 (no line breaks), as bytes cross IPC. */
export const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** How many base64 characters `bytes` bytes take (padded). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** How many bytes a padded base64 string decodes to (its length is a multiple of 4). */
export function base64Bytes(text: string): number {
  return (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
}

/** Base64 of at most `maxBytes` bytes. */
export function base64Schema(maxBytes: number) {
  return z.string().max(base64Length(maxBytes)).regex(BASE64_RE, 'must be base64');
}

/**
 * The most clients one call names (policies at unlock, "where is my data", travel mode, audit
 * names). A freelancer has tens to hundreds of clients over a career; 5 000 leaves an order of
 * magnitude above that, while every loop main runs over them (a decision per client and target,
 * an audit entry per client when a target is added) stays seconds, not minutes: with 100 000,
 * adding one target wrote 100 000 audit entries in 200 s.
 */
export const MAX_CLIENTS = 5_000;

/** A client's or target's display name as it may appear in a reason (never logged). */
export const labelForReasonSchema = z.string().max(400);
