/**
 * What importing a bundle would do, worked out before anything is written: the client partition's
 * merge state is copied, the bundle's changes are merged into the copy, and every record they
 * touch must come out valid and owned by the bundle's client and project. The plan counts what
 * would be added, updated or left as it is, and how many of the bundle's values lose to newer
 * ones here. Any problem refuses the whole bundle (BundleContentError); nothing is written.
 */
import { applyChange, cloneState, createState, readRecord, type MergeState } from '../../sync/merge/merge-state.ts';
import { decode, DEFAULT_MAX_DRIFT_MS } from '../../sync/hlc/hlc.ts';
import type { Client } from '../../domain/client.ts';
import type { Project } from '../../domain/project.ts';
import { ENTITY_DEFS } from '../../vault/repos/defs.ts';
import type { Change, EntityTableName } from '../../vault/store/rows.ts';
import { canonicalJson } from '../../sync/segment/canonical-json.ts';
import { BundleContentError, PROJECT_TABLES, type ProjectContent } from './project-content.ts';

export interface TableCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportPlan {
  content: ProjectContent;
  /** The client and project as they will be after the import. */
  client: Client;
  project: Project;
  /** The client's policy as the bundle states it (its own client record). */
  bundleClient: Client;
  /** The client does not exist in this vault yet. */
  newClient: boolean;
  counts: Readonly<Record<EntityTableName, TableCounts>>;
  /** Values in the bundle that are older than what this vault holds, so they are not applied. */
  keptNewer: number;
  /** Nothing would change: the bundle was imported before, or everything here is newer. */
  noChange: boolean;
  /** The bundle's changes that change this vault (the rest are known here or older): what the import writes and logs. */
  effective: Change[];
  /**
   * The client already exists here and the bundle would change its residency policy or its
   * "safe for travel" mark: those changes are left out (a policy is changed deliberately, with
   * the guard's confirmation, in the client's settings; never by an import).
   */
  policyKept: boolean;
}

/** Fields of a client that only its settings may change: they weaken or strengthen what may leave. */
const POLICY_FIELDS: ReadonlySet<string> = new Set(['residency', 'safeForTravel']);

/**
 * Records this vault holds under another client or in another table, as `table|id`. A bundle that
 * touches one is refused: a row is keyed by id alone, so merging it would overwrite (or delete)
 * another client's record and re-encrypt it under this client's key.
 */
export type ForeignIds = ReadonlySet<string>;

const WHAT: Readonly<Record<EntityTableName, string>> = {
  clients: 'client',
  projects: 'project',
  phases: 'phase',
  timeBlocks: 'time block',
  experiments: 'experiment',
  expenses: 'expense',
  killSwitches: 'kill switch',
  invoices: 'invoice',
  trips: 'trip',
  presenceDays: 'presence day',
  settings: 'setting',
};

function parsed<K extends EntityTableName>(table: K, record: Record<string, unknown>, id: string): ReturnType<(typeof ENTITY_DEFS)[K]['schema']['parse']> {
  const result = ENTITY_DEFS[table].schema.safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BundleContentError(
      `The bundle's ${WHAT[table]} ${id.slice(0, 8)} is not valid (${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}). Nothing was imported.`,
    );
  }
  return result.data as ReturnType<(typeof ENTITY_DEFS)[K]['schema']['parse']>;
}

function checkOwner(table: EntityTableName, id: string, record: Record<string, unknown>, content: ProjectContent): void {
  const ok =
    table === 'clients'
      ? id === content.clientId
      : table === 'projects'
        ? id === content.projectId && record['clientId'] === content.clientId
        : record['clientId'] === content.clientId && record['projectId'] === content.projectId;
  if (!ok || record['id'] !== id)
    throw new BundleContentError(
      `The bundle's ${WHAT[table]} ${id.slice(0, 8)} belongs to another client or project than the bundle says. Nothing was imported.`,
    );
}

/**
 * `current`: the client partition's merge state in this vault (empty for a new client); not
 * modified. `now`: the wall clock, to refuse changes from the far future as sync does.
 */
export function planImport(current: MergeState, content: ProjectContent, now: number, foreign: ForeignIds = new Set()): ImportPlan {
  const newest = content.changes.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
  if (newest && decode(newest).ms - now > DEFAULT_MAX_DRIFT_MS) {
    throw new BundleContentError(
      `The bundle holds changes dated ${new Date(decode(newest).ms).toISOString().slice(0, 16).replace('T', ' ')} UTC, in the future. Check the clock of the computer that made it (or this one's), then export again.`,
    );
  }
  for (const change of content.changes) {
    if (foreign.has(`${change.table}|${change.id}`) || (change.table === 'clients' && change.id !== content.clientId)) {
      throw new BundleContentError(
        `The bundle touches a ${WHAT[change.table as EntityTableName]} (${change.id.slice(0, 8)}) that is not part of its client and project in this vault. Nothing was imported.`,
      );
    }
  }
  const existingClient = readRecord(current, 'clients', content.clientId).status === 'live';
  const after = cloneState(current);
  const alone = createState();
  let keptNewer = 0;
  let policyKept = false;
  const effective: Change[] = [];
  for (const change of content.changes) {
    applyChange(alone, change);
    if (existingClient && change.table === 'clients' && change.op !== 'delete' && POLICY_FIELDS.has(change.field)) {
      const here = current.tables.get('clients')?.get(change.id)?.fields.get(change.field);
      if (!here || here.hlc !== change.hlc) policyKept = true;
      continue;
    }
    if (applyChange(after, change)) {
      effective.push(change);
      continue;
    }
    if (change.op === 'delete') continue;
    // Not applied: either already here (same HLC) or hidden by a newer write or delete here.
    const record = current.tables.get(change.table)?.get(change.id);
    const here = record?.fields.get(change.field);
    if ((here && here.hlc > change.hlc) || (record?.tombstone !== undefined && record.tombstone >= change.hlc)) keptNewer++;
  }

  const touched = new Map<string, { table: EntityTableName; id: string }>();
  // A bundle holds this version's tables only (project-content.ts validates them strictly).
  for (const c of content.changes) touched.set(`${c.table}|${c.id}`, { table: c.table as EntityTableName, id: c.id });
  const counts = Object.fromEntries(PROJECT_TABLES.map((t) => [t, { added: 0, updated: 0, unchanged: 0 }])) as Record<EntityTableName, TableCounts>;
  counts.settings = { added: 0, updated: 0, unchanged: 0 };
  for (const { table, id } of touched.values()) {
    const before = readRecord(current, table, id);
    const view = readRecord(after, table, id);
    if (view.status !== 'live') {
      // A bundle never deletes what it carries (it holds live records, with a tombstone only
      // under newer writes): a record live here that would end deleted means a forged bundle.
      if (before.status === 'live')
        throw new BundleContentError(
          `The bundle would delete the ${WHAT[table]} ${id.slice(0, 8)} this vault holds; Caravan bundles never delete. Nothing was imported.`,
        );
      // Deleted here after the bundle was made: the delete stands, the record stays deleted.
      counts[table].unchanged++;
      continue;
    }
    checkOwner(table, id, view.record, content);
    parsed(table, view.record, id);
    if (before.status !== 'live') counts[table].added++;
    else if (canonicalJson(before.record) !== canonicalJson(view.record)) counts[table].updated++;
    else counts[table].unchanged++;
  }

  const clientView = readRecord(after, 'clients', content.clientId);
  const projectView = readRecord(after, 'projects', content.projectId);
  const bundleClientView = readRecord(alone, 'clients', content.clientId);
  if (bundleClientView.status !== 'live' || readRecord(alone, 'projects', content.projectId).status !== 'live') {
    throw new BundleContentError('The bundle does not hold its client and project records. Nothing was imported.');
  }
  if (clientView.status !== 'live' || projectView.status !== 'live') {
    throw new BundleContentError(
      'This client or project was deleted in this vault after the bundle was made, so importing it would change nothing. Restore it first if you want the bundle back.',
    );
  }
  const bundleClient = parsed('clients', bundleClientView.record, content.clientId) as Client;
  const noChange = Object.values(counts).every((c) => c.added === 0 && c.updated === 0);
  return {
    content,
    client: parsed('clients', clientView.record, content.clientId) as Client,
    project: parsed('projects', projectView.record, content.projectId) as Project,
    bundleClient,
    newClient: readRecord(current, 'clients', content.clientId).status === 'absent',
    counts,
    keptNewer,
    noChange,
    effective,
    policyKept,
  };
}
