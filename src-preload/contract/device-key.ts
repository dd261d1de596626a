/** "Unlock on this device": the vault key kept wrapped by the OS secret store (safeStorage). */
import { z } from 'zod';
import { key32Base64Schema, vaultIdSchema, type InvokeMap } from './spec.ts';

export const deviceKeyStatusSchema = z.union([
  z.strictObject({ available: z.literal(true), enrolled: z.boolean() }),
  /** `reason` says why in words a person can act on (e.g. no secret store on this Linux desktop). */
  z.strictObject({ available: z.literal(false), enrolled: z.literal(false), reason: z.string() }),
]);
export type DeviceKeyStatus = z.infer<typeof deviceKeyStatusSchema>;

export const deviceKeyInvoke = {
  /** Whether "unlock on this device" is possible here and enrolled for this vault. */
  'deviceKey:status': { args: z.tuple([vaultIdSchema]), result: deviceKeyStatusSchema },
  /** Keeps the vault key wrapped by the OS secret store (safeStorage). Refused where that store is not secure. */
  'deviceKey:enable': { args: z.tuple([vaultIdSchema, key32Base64Schema]), result: deviceKeyStatusSchema },
  /** The vault key kept by `enable`, or null if none is kept (or the OS store no longer opens it). */
  'deviceKey:read': { args: z.tuple([vaultIdSchema]), result: z.string().nullable() },
  /** Forgets the kept key. */
  'deviceKey:forget': { args: z.tuple([vaultIdSchema]), result: deviceKeyStatusSchema },
} satisfies InvokeMap<'deviceKey'>;
