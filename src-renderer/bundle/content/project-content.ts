/**
 * What a project bundle carries inside its encryption: the project's records as field-level
 * changes, each with the HLC of the write that set it, exactly as sync ships them. Import merges
 * them with the same last-writer-wins rule as sync, so importing twice, or importing an older
 * bundle over newer work, changes nothing that is newer here. The byte layout around this JSON
 * (header, chunks, signature) is the codec's, in bundle/codec/ and docs/bundle-format.md.
 */
import { z } from 'zod';
import { validateChange } from '../../sync/merge/merge-state.ts';
import { jsonValueProblem } from '../../sync/segment/canonical-json.ts';
import type { Change, EntityTableName } from '../../vault/store/rows.ts';
import { BundleContentError } from './content-error.ts';
import { packJson, unpackContent } from './packed-body.ts';
import { errorMessage } from '../../ui/error-message.ts';

export { BundleContentError, type BundleContentErrorCode, isBundleContentError } from './content-error.ts';
export { isPacked, MAX_CONTENT_JSON_BYTES, PACKED_MAGIC, unpackContent } from './packed-body.ts';

export const CONTENT_FORMAT = 'caravan-project';
export const CONTENT_VERSION = 1;

/**
 * Tables a project bundle may hold: a client's partition (settings are the workspace's, never
 * exported). Not `invoices`: an invoice document may bill several projects, and its number and
 * lifecycle belong to the exporting vault's register, which a bundle does not carry; a bundle
 * that holds one is refused like any table not listed here.
 */
export const PROJECT_TABLES: readonly EntityTableName[] = ['clients', 'projects', 'phases', 'timeBlocks', 'experiments', 'expenses', 'killSwitches'];

export type BundleVariant = 'full' | 'handoff';

export interface ProjectContent {
  format: typeof CONTENT_FORMAT;
  v: typeof CONTENT_VERSION;
  variant: BundleVariant;
  clientId: string;
  projectId: string;
  exportedAt: number;
  changes: Change[];
  /** The hand-off variant's generated document (Markdown). */
  handoff?: { markdown: string };
}

/** Far above 100k time blocks; bounds what a hostile file can make us hold. */
export const MAX_RECORDS = 2_000_000;
/**
 * How deep the JSON may nest: the envelope, `records`, a record and its `fields` are 4 levels, and
 * a field's value may have 64 more (sync's own limit, merge-state.ts). Checked on the whole
 * document, without recursion, before the schema, whose recursive JSON check would overflow the
 * stack on a value nested thousands deep instead of refusing it.
 */
const MAX_DOCUMENT_DEPTH = 4 + 64;

const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^|\p{Cc}]+$/u);
const hlcSchema = z.string().regex(/^[0-9a-f]{32}$/);
/**
 * One record on the wire: its field values under the HLC most of them were written with, the
 * exceptions in `fieldHlc`, fields removed in `unset`, and the record's tombstone in `deleted`.
 * Grouping by record instead of one object per field change makes a bundle about five times
 * smaller (a time block has a dozen fields, usually all from one write).
 */
const wireRecordSchema = z.strictObject({
  table: z.string(),
  id: z.string(),
  hlc: hlcSchema,
  fields: z.record(z.string(), z.json()),
  fieldHlc: z.record(z.string(), hlcSchema).optional(),
  unset: z.array(z.string()).optional(),
  deleted: hlcSchema.optional(),
});
type WireRecord = z.infer<typeof wireRecordSchema>;

const envelopeSchema = z.strictObject({
  format: z.literal(CONTENT_FORMAT),
  v: z.literal(CONTENT_VERSION),
  variant: z.enum(['full', 'handoff']),
  clientId: idSchema,
  projectId: idSchema,
  exportedAt: z.number().int().nonnegative(),
  records: z.array(z.unknown()),
  handoff: z.strictObject({ markdown: z.string().max(10_000_000) }).optional(),
});

const PROJECT_TABLE_SET: ReadonlySet<string> = new Set(PROJECT_TABLES);

function toWire(changes: readonly Change[]): WireRecord[] {
  const byRecord = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${change.table}|${change.id}`;
    const group = byRecord.get(key);
    if (group) group.push(change);
    else byRecord.set(key, [change]);
  }
  const out: WireRecord[] = [];
  for (const group of byRecord.values()) {
    const first = group[0] as Change;
    const tally = new Map<string, number>();
    for (const c of group) if (c.op !== 'delete') tally.set(c.hlc, (tally.get(c.hlc) ?? 0) + 1);
    const hlc = [...tally].sort((x, y) => y[1] - x[1])[0]?.[0] ?? first.hlc;
    const record: WireRecord = { table: first.table, id: first.id, hlc, fields: {} };
    for (const c of group) {
      if (c.op === 'delete') {
        record.deleted = c.hlc;
        continue;
      }
      if (c.op === 'set') record.fields[c.field] = c.value as WireRecord['fields'][string];
      else (record.unset ??= []).push(c.field);
      if (c.hlc !== hlc) (record.fieldHlc ??= {})[c.field] = c.hlc;
    }
    out.push(record);
  }
  return out;
}

function fromWire(record: WireRecord): Change[] {
  const table = record.table as EntityTableName;
  const changes: Change[] = [];
  if (record.deleted !== undefined) changes.push({ op: 'delete', table, id: record.id, hlc: record.deleted });
  for (const [field, value] of Object.entries(record.fields))
    changes.push({ op: 'set', table, id: record.id, field, value, hlc: record.fieldHlc?.[field] ?? record.hlc });
  for (const field of record.unset ?? []) changes.push({ op: 'unset', table, id: record.id, field, hlc: record.fieldHlc?.[field] ?? record.hlc });
  return changes;
}

/** The content as the bundle's body: packed, deflated JSON (a time block's JSON shrinks about fivefold). */
export async function encodeProjectContent(content: ProjectContent): Promise<Uint8Array> {
  const { changes, handoff, ...rest } = content;
  return packJson(new TextEncoder().encode(JSON.stringify({ ...rest, records: toWire(changes), ...(handoff ? { handoff } : {}) })));
}

/**
 * Parses and checks a decrypted bundle's content: the envelope, every change well formed and in a
 * table of the client's partition. Whether the records merge into valid, owned records is the
 * import's check (it needs the vault's current state). Throws BundleContentError.
 */
export async function decodeProjectContent(bytes: Uint8Array): Promise<ProjectContent> {
  const json = await unpackContent(bytes);
  let parsed: unknown;
  try {
    // ignoreBOM keeps a byte order mark in the text, where JSON.parse refuses it: Caravan never writes one.
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(json));
  } catch (cause) {
    throw badContent('The bundle opened, but its content is not readable JSON. It was not made by Caravan, or by a newer version.', 'not UTF-8 JSON', cause);
  }
  const top = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  if (top?.['format'] !== CONTENT_FORMAT)
    throw badContent("The bundle's content is not a Caravan project. It was not made by Caravan.", `format is not "${CONTENT_FORMAT}"`);
  if (top['v'] !== CONTENT_VERSION) {
    throw new BundleContentError('This bundle was made by a newer version of Caravan. Update Caravan, then import it again.', {
      code: 'newer-content',
      detail: `v ${String(top['v']).slice(0, 20)}`,
    });
  }
  // Counted before anything is checked per record, so a hostile list costs no more than its parse.
  if (Array.isArray(top['records']) && top['records'].length > MAX_RECORDS) {
    throw new BundleContentError(
      `This bundle holds more records than Caravan imports from one bundle (${MAX_RECORDS.toLocaleString('en')}). Nothing was imported.`,
      {
        code: 'too-many-records',
        detail: `${top['records'].length} records`,
      },
    );
  }
  const depth = jsonValueProblem(parsed, MAX_DOCUMENT_DEPTH);
  if (depth !== null) throw badContent(`The bundle's content is not a Caravan project: it holds ${depth}.`, depth);
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) {
    const where = `${envelope.error.issues[0]?.path.join('.') || 'envelope'}: ${envelope.error.issues[0]?.message ?? 'invalid'}`;
    throw badContent(`The bundle's content is not a Caravan project (${where}).`, where);
  }
  const changes: Change[] = [];
  for (const [index, raw] of envelope.data.records.entries()) {
    const record = wireRecordSchema.safeParse(raw);
    if (!record.success) {
      const where = `${record.error.issues[0]?.path.join('.') || 'record'}: ${record.error.issues[0]?.message ?? 'invalid'}`;
      throw badContent(`Record ${index + 1} of the bundle is malformed (${where}).`, `record ${index + 1}: ${where}`);
    }
    if (!PROJECT_TABLE_SET.has(record.data.table)) {
      throw badContent(`Record ${index + 1} of the bundle is in ${record.data.table}, which a project bundle never holds.`, `record ${index + 1}: table`);
    }
    for (const change of fromWire(record.data)) {
      try {
        changes.push(validateChange(change));
      } catch (error) {
        const why = errorMessage(error);
        throw badContent(`Record ${index + 1} of the bundle is malformed: ${why}`, `record ${index + 1}`);
      }
    }
  }
  const { handoff, records: _records, ...rest } = envelope.data;
  return { ...rest, changes, ...(handoff ? { handoff } : {}) };
}

function badContent(message: string, detail: string, cause?: unknown): BundleContentError {
  return new BundleContentError(message, { code: 'bad-content', detail, cause });
}
