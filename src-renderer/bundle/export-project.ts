/**
 * Exporting a project as a `.caravan` bundle: the client partition's merge state is read from the
 * change log, the project's records become field changes (redacted for a hand-off, with the
 * generated hand-off document), and the codec encrypts and signs them with the vault's identity.
 * Writing the file is main's (`bundle:save`), after the locality guard has decided.
 */
import { toPolicyWire } from '../locality/locality-session.ts';
import { materialize, createState, applyChanges } from '../sync/merge/merge-state.ts';
import { PartitionStates } from '../sync/engine/partition-states.ts';
import { ENTITY_DEFS } from '../vault/repos/defs.ts';
import type { VaultDb } from '../vault/store/schema.ts';
import type { VaultIdentity } from '../identity/vault-identity.ts';
import type { Client } from '../domain/client.ts';
import type { Project } from '../domain/project.ts';
import type { Phase } from '../domain/phase.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import type { Change, EntityRecords, EntityTableName } from '../vault/store/rows.ts';
import { encodeBundle, type BundleProtection } from './codec/index.ts';
import { collectProjectChanges } from './content/collect-project.ts';
import { handoffMarkdown } from './content/handoff-document.ts';
import { redactForHandoff } from './content/handoff-redaction.ts';
import { CONTENT_FORMAT, CONTENT_VERSION, encodeProjectContent, type BundleVariant, type ProjectContent } from './content/project-content.ts';

export type ExportStage = { stage: 'reading' } | { stage: 'encrypting'; done: number; total: number };

export interface ExportRequest {
  db: VaultDb;
  identity: VaultIdentity;
  clientId: string;
  projectId: string;
  variant: BundleVariant;
  protection: BundleProtection;
  now: number;
  onStage?: (stage: ExportStage) => void;
}

/** The live records of `table` in `changes`, parsed; a record that does not validate is left out of the document. */
function recordsOf<K extends EntityTableName>(changes: readonly Change[], table: K): EntityRecords[K][] {
  const state = createState();
  applyChanges(
    state,
    changes.filter((c) => c.table === table),
  );
  const live = materialize(state)[table] ?? {};
  return Object.values(live).flatMap((record) => {
    const parsed = ENTITY_DEFS[table].schema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The content of a project bundle, from the client partition's merge state. Pure but for the state it reads. */
export function projectContent(
  changes: readonly Change[],
  request: Pick<ExportRequest, 'clientId' | 'projectId' | 'variant' | 'now'>,
): { content: ProjectContent; client: Client } {
  const [client] = recordsOf(changes, 'clients');
  const [project] = recordsOf(changes, 'projects');
  if (!client || !project) throw new Error('The project or its client does not validate, so it cannot be exported. Open it and save it again.');
  const base = { format: CONTENT_FORMAT, v: CONTENT_VERSION, clientId: request.clientId, projectId: request.projectId, exportedAt: request.now } as const;
  if (request.variant === 'full') return { content: { ...base, variant: 'full', changes: [...changes] }, client };
  const markdown = handoffMarkdown({
    client,
    project: project as Project,
    phases: recordsOf(changes, 'phases') as Phase[],
    blocks: recordsOf(changes, 'timeBlocks') as TimeBlock[],
    experiments: recordsOf(changes, 'experiments') as Experiment[],
    killSwitches: recordsOf(changes, 'killSwitches') as KillSwitch[],
    at: request.now,
  });
  return { content: { ...base, variant: 'handoff', changes: redactForHandoff(changes), handoff: { markdown } }, client };
}

/** Builds the bundle's bytes. Throws ProjectNotFoundError, BundleError (e.g. a passphrase cost out of range). */
export async function exportProjectBundle(request: ExportRequest): Promise<Uint8Array> {
  request.onStage?.({ stage: 'reading' });
  const state = await new PartitionStates().forPartition(request.db, `client:${request.clientId}`);
  const changes = collectProjectChanges(state, request.clientId, request.projectId, { tombstones: request.variant === 'full' });
  const { content, client } = projectContent(changes, request);
  const bytes = await encodeProjectContent(content);
  const { identity } = request;
  return encodeBundle({
    meta: { kind: 'project', variant: request.variant, createdAt: request.now, residency: toPolicyWire(client.residency) },
    content: bytes,
    protection: request.protection,
    signer: { signPublicKey: identity.signPublicKey, signSecretKey: identity.signSecretKey, boxPublicKey: identity.boxPublicKey },
    onProgress: (done, total) => request.onStage?.({ stage: 'encrypting', done, total }),
  });
}
