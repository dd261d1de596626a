/**
 * The locality audit log as it crosses the boundary: sealed lines from main, opened by the
 * renderer (which holds the audit key), and main's verification of the opened chain.
 */
import { z } from 'zod';

export const sealedAuditLineSchema = z.strictObject({ seq: z.number(), hash: z.string(), box: z.string() });
export type SealedAuditLine = z.infer<typeof sealedAuditLineSchema>;

/** The log as stored (sealed); a line that is not a sealed line is reported as `invalid`. */
export const auditLinesSchema = z.strictObject({
  lines: z.array(z.union([sealedAuditLineSchema, z.strictObject({ invalid: z.string() })])),
});
export type AuditLines = z.infer<typeof auditLinesSchema>;

/** An audit line after the renderer opened it: `entry` is the decrypted JSON, or null if the box did not open. */
export const openedAuditLineSchema = z.strictObject({ seq: z.int().nonnegative(), hash: z.string().max(64), entry: z.unknown() });
export type OpenedAuditLine = z.infer<typeof openedAuditLineSchema>;

/** The last line this device saw, kept outside the log so that a removed last entry is noticed. */
export const auditAnchorSchema = z.strictObject({ seq: z.int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

/** Names the audit view shows in place of ids; kept by main only for the call. */
export const auditNamesSchema = z.strictObject({
  clients: z.record(z.string().max(128), z.string().max(400)),
  targets: z.record(z.string().max(128), z.string().max(400)),
});
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
