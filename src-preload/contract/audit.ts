/**
 * The locality audit log as it crosses the boundary: sealed lines from main, opened by the
 * renderer (which holds the audit key), and main's verification of the opened chain.
 */
import { z } from 'zod';
import { MAX_CLIENTS } from './spec.ts';

export const sealedAuditLineSchema = z.strictObject({ seq: z.number(), hash: z.string(), box: z.string() });
export type SealedAuditLine = z.infer<typeof sealedAuditLineSchema>;

/** The log as stored (sealed); a line that is not a sealed line is reported as `invalid`. */
export const auditLinesSchema = z.strictObject({
  lines: z.array(z.union([sealedAuditLineSchema, z.strictObject({ invalid: z.string() })])),
});
export type AuditLines = z.infer<typeof auditLinesSchema>;

/** An audit line after the renderer opened it: `entry` is the decrypted JSON, or null if the box did not open. */
/** `entry` is checked by main's chain rules, not here; its size is bounded by the line count and the message cap. */
export const openedAuditLineSchema = z.strictObject({ seq: z.int().nonnegative(), hash: z.string().max(64), entry: z.unknown() });
export type OpenedAuditLine = z.infer<typeof openedAuditLineSchema>;

/** The last line this device saw, kept outside the log so that a removed last entry is noticed. */
export const auditAnchorSchema = z.strictObject({
  seq: z.int().nonnegative(),
  hash: z
    .string()
    .length(64)
    .regex(/^[0-9a-f]{64}$/),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

/** Names the audit view shows in place of ids; kept by main only for the call. */
const namesById = z
  .record(z.string().max(128), z.string().max(400))
  // One name per client or target; a target is added per client at most, so MAX_CLIENTS bounds both.
  .refine((names) => Object.keys(names).length <= MAX_CLIENTS, `at most ${MAX_CLIENTS} names`);
export const auditNamesSchema = z.strictObject({ clients: namesById, targets: namesById });
export type AuditNames = z.infer<typeof auditNamesSchema>;

export const auditRowSchema = z.strictObject({
  seq: z.number(),
  at: z.number(),
  kind: z.string(),
  clientId: z.string().optional(),
  text: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditReportSchema = z.strictObject({
  ok: z.boolean(),
  count: z.number(),
  head: z.strictObject({ seq: z.number(), hash: z.string() }).nullable(),
  /** The first place the log stops being the chain it claims to be. */
  problem: z.strictObject({ seq: z.number(), message: z.string() }).optional(),
  /** Readable entries up to the first problem, oldest first. */
  rows: z.array(auditRowSchema),
});
export type AuditReport = z.infer<typeof auditReportSchema>;
