/**
 * The store's integrity seal (rollback detection, src-renderer/vault/integrity/): main keeps the
 * newest one per vault in a file, where a rollback of the IndexedDB files does not reach. Main
 * does not interpret it: it is the renderer's MAC'd text, printable ASCII, bounded in size.
 */
import { z } from 'zod';
import { vaultIdSchema, type InvokeMap } from './spec.ts';

/** The most characters a seal takes (13 tables with up to 32 states each fit in about 40 000). */
export const MAX_INTEGRITY_SEAL_CHARS = 96 * 1024;

/** A seal as it crosses: printable ASCII (the renderer writes JSON of hex and numbers), bounded. */
export const integritySealSchema = z
  .string()
  .min(1)
  .max(MAX_INTEGRITY_SEAL_CHARS)
  .regex(/^[\x20-\x7e]*$/, { message: 'must be printable ASCII' });

export const integrityInvoke = {
  /** This vault's seal as main keeps it, or null when there is none (or the file is not one). */
  'integrity:read': { args: z.tuple([vaultIdSchema]), result: integritySealSchema.nullable() },
  /**
   * Replaces this vault's seal. Refused ('refused') unless main's guard holds this vault open, so a
   * page cannot write the seal of a vault it has not unlocked.
   */
  'integrity:write': { args: z.tuple([vaultIdSchema, integritySealSchema]), result: z.void() },
} satisfies InvokeMap<'integrity'>;
