/**
 * The locality audit log as a pure, hash-chained, append-only model. Each
 * entry's hash covers its canonical serialisation (every field but `hash`,
 * which includes `prevHash`), so editing, removing, inserting or reordering
 * an entry breaks the chain at a seq `verify` reports. A chain alone cannot
 * catch a cut-off tail or a wholesale rewrite: keep the head (`anchorOf`)
 * somewhere the log cannot rewrite, e.g. the encrypted vault, and pass it to
 * `verify`. Uses WebCrypto only, so it runs in main and in the renderer.
 * Storage and encryption at rest are not this module's job.
 */
import { z } from 'zod';
import { auditReasonSchema, type AuditReason } from './audit-reason.ts';

/** What happened. Egress decisions plus the user actions that change what may leave. */
export const AUDIT_KINDS = [
  'egress-allowed',
  'egress-denied',
  'policy-set',
  'policy-weakened',
  'policy-strengthened',
  /** A weaker policy reached this device without the person allowing it here: not in force, the client held back. */
  'policy-held',
  /** A weakening main did not apply: not asked in main's dialog, or the person said no. */
  'policy-change-refused',
  'attestation-recorded',
  'attestation-revoked',
  'travel-start',
  'travel-end',
  'travel-removed',
  'travel-restored',
  'locality-data-updated',
  'target-removed',
  'client-exported',
  'client-erased',
  'remote-copies-deleted',
  'bundle-exported',
  'bundle-export-refused',
  'bundle-imported',
  'bundle-import-refused',
  'remote-object-deleted',
  'device-only-exported',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Opaque ids only: a UUID, a ULID, or 16-64 lower-case hex characters. These
 * shapes are what generators produce and what a person's or company's name
 * never looks like, so "Acme GmbH" or "acme" in an id field is refused.
 */
const opaqueIdSchema = z
  .string()
  .regex(
    /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-7][0-9A-HJKMNP-TV-Z]{25}|[0-9a-f]{16,64})$/,
    'Must be an opaque id (UUID, ULID or hex), never a name.',
  );

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Must be a SHA-256 hex digest.');

const draftShape = {
  /** Epoch milliseconds (UTC). */
  at: z.number().int().nonnegative(),
  kind: z.enum(AUDIT_KINDS),
  clientId: opaqueIdSchema.optional(),
  targetId: opaqueIdSchema.optional(),
  /** A client partition id, or `workspace` for the shared partition. */
  partition: z.union([z.literal('workspace'), opaqueIdSchema]).optional(),
  reason: auditReasonSchema,
};

const draftSchema = z.strictObject(draftShape);
const entrySchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  ...draftShape,
  prevHash: hashSchema,
  hash: hashSchema,
});

/** What a caller supplies; `append` adds seq and the hashes. */
export interface AuditDraft {
  at: number;
  kind: AuditKind;
  clientId?: string;
  targetId?: string;
  partition?: string;
  reason: AuditReason;
}

/** One stored entry. `seq` starts at 0 and increases by one; `hash` = SHA-256 of the rest. */
export interface AuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The last entry a trusted place remembers; `verify` then also catches a cut-off tail. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export type AppendResult = { ok: true; entry: AuditEntry } | { ok: false; message: string; issues: string[] };

export type VerifyProblem = 'invalid-entry' | 'seq-mismatch' | 'broken-link' | 'hash-mismatch' | 'truncated' | 'anchor-mismatch';

/**
 * `seq` is the first position where the log stops being the chain it claims
 * to be: the seq expected there (for a removed entry, the missing seq).
 */
export type VerifyResult = { ok: true; count: number; head: ChainAnchor | null } | { ok: false; seq: number; problem: VerifyProblem; message: string };

/** JSON with keys sorted at every level and undefined fields left out: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('Audit values must be finite numbers.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** SHA-256 (hex) over the canonical form of the entry without `hash`. */
export async function hashEntry(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  const { seq, at, kind, clientId, targetId, partition, reason, prevHash } = entry;
  const bytes = new TextEncoder().encode(canonicalJson({ seq, at, kind, clientId, targetId, partition, reason, prevHash }));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(entry)'}: ${i.message}`);
}

/**
 * Builds the next entry after `chain`'s last one. Only the tail is read, so
 * a caller may pass just the last stored entry. The draft is validated: a
 * name in an id field or a free-text param is refused, not logged.
 */
export async function append(chain: readonly AuditEntry[], draft: unknown): Promise<AppendResult> {
  return appendAfter(anchorOf(chain), draft);
}

/** `append` for a store that keeps only the head of the chain (main appends to a log it cannot read). */
export async function appendAfter(last: ChainAnchor | null, draft: unknown): Promise<AppendResult> {
  const parsed = draftSchema.safeParse(draft);
  if (!parsed.success) {
    return { ok: false, message: 'This audit entry was refused: it must hold ids and codes only.', issues: describeIssues(parsed.error) };
  }
  const body = { seq: last ? last.seq + 1 : 0, ...parsed.data, prevHash: last ? last.hash : GENESIS_HASH };
  return { ok: true, entry: { ...body, hash: await hashEntry(body) } };
}

/** The anchor to remember after appending. */
export function anchorOf(chain: readonly AuditEntry[]): ChainAnchor | null {
  const last = chain.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
}

/**
 * Checks a log in stored order: from seq 0, or, given `start` (the last entry of the part already
 * verified), the part after it, so a long log is verified in pages. Entries are `unknown` because
 * they come from disk. Reports the first bad seq and why.
 */
export async function verify(entries: readonly unknown[], anchor?: ChainAnchor | null, start?: ChainAnchor | null): Promise<VerifyResult> {
  let prevHash = start ? start.hash : GENESIS_HASH;
  const base = start ? start.seq + 1 : 0;
  for (let i = 0; i < entries.length; i += 1) {
    const seq = base + i;
    const parsed = entrySchema.safeParse(entries[i]);
    if (!parsed.success) {
      return { ok: false, seq, problem: 'invalid-entry', message: `Entry ${seq} is malformed: ${describeIssues(parsed.error)[0] ?? 'rejected'}.` };
    }
    const entry = parsed.data;
    if (entry.seq !== seq) {
      return { ok: false, seq, problem: 'seq-mismatch', message: `Entry ${seq} is missing or out of order (found seq ${entry.seq} in its place).` };
    }
    if (entry.prevHash !== prevHash) {
      return {
        ok: false,
        seq,
        problem: 'broken-link',
        message: `Entry ${seq} does not follow entry ${seq - 1}: an entry before it was changed, removed or inserted.`,
      };
    }
    if ((await hashEntry(entry)) !== entry.hash) {
      return { ok: false, seq, problem: 'hash-mismatch', message: `Entry ${seq} was changed after it was written.` };
    }
    prevHash = entry.hash;
  }
  // The anchor is checked on the part that holds it (or, past the end, on the last part).
  if (anchor && anchor.seq >= base) {
    const end = base + entries.length;
    if (end <= anchor.seq) {
      return {
        ok: false,
        seq: end,
        problem: 'truncated',
        message: `The log ends at ${end} entries, but entry ${anchor.seq} was written; the tail was removed.`,
      };
    }
    const atAnchor = entries[anchor.seq - base] as AuditEntry;
    if (atAnchor.hash !== anchor.hash) {
      return { ok: false, seq: anchor.seq, problem: 'anchor-mismatch', message: `Entry ${anchor.seq} is not the one that was written: the log was rewritten.` };
    }
  }
  const last = entries.at(-1) as AuditEntry | undefined;
  return { ok: true, count: entries.length, head: last ? { seq: last.seq, hash: last.hash } : null };
}

/** Readable text for an entry lives with the reason codes; re-exported here for the audit view. */
export { formatAuditReason, type AuditNames } from './audit-reason.ts';
