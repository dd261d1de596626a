/**
 * How each entity is stored: table, schema, change log partition, tombstone, and the records it
 * points to. One module for all of them so that the references between entities (a time block's
 * phase and experiment) need no import cycle.
 */
import type { z } from 'zod';
import { clientSchema } from '../../domain/client.ts';
import { experimentSchema } from '../../domain/experiment.ts';
import { expenseSchema } from '../../domain/expense.ts';
import { invoiceSchema } from '../../domain/invoice.ts';
import { killSwitchSchema } from '../../domain/kill-switch.ts';
import { phaseSchema } from '../../domain/phase.ts';
import { presenceDaySchema, tripSchema } from '../../domain/presence.ts';
import { projectSchema } from '../../domain/project.ts';
import { settingSchema } from '../../domain/setting.ts';
import { timeBlockSchema } from '../../domain/time-block.ts';
import type { EntityRecords, EntityTableName } from '../store/rows.ts';
import { WORKSPACE_KEY_ID } from '../store/schema.ts';
import type { EntityDef } from './entity-repo.ts';

/** Tables of records that hang off a project. */
export type ChildTable = 'phases' | 'timeBlocks' | 'experiments' | 'expenses' | 'killSwitches';

/** Fields every project child has. */
interface ChildRecord {
  id: string;
  projectId: string;
  clientId: string;
}

/** Clients: partition and key are the client's own. */
export const clientDef: EntityDef<'clients'> = {
  table: 'clients',
  what: 'client',
  schema: clientSchema,
  partition: (c) => `client:${c.id}`,
  tombstone: (c) => ({ id: c.id, deleted: true }),
};

/** Projects: under their client's key. */
export const projectDef: EntityDef<'projects'> = {
  table: 'projects',
  what: 'project',
  schema: projectSchema,
  partition: (p) => `client:${p.clientId}`,
  tombstone: (p) => ({ id: p.id, clientId: p.clientId, deleted: true }),
};

/**
 * Invoice documents: in their client's partition, under its key (they name the client and what was
 * done for it). Not a project child: an invoice may bill several projects of the client.
 */
export const invoiceDef: EntityDef<'invoices'> = {
  table: 'invoices',
  what: 'invoice',
  schema: invoiceSchema,
  partition: (i) => `client:${i.clientId}`,
  tombstone: (i) => ({ id: i.id, clientId: i.clientId, deleted: true }),
};

/** Trips of the presence ledger: the person's own data, workspace key and partition. */
export const tripDef: EntityDef<'trips'> = {
  table: 'trips',
  what: 'trip',
  schema: tripSchema,
  partition: () => WORKSPACE_KEY_ID,
  tombstone: (t) => ({ id: t.id, deleted: true }),
};

/** Corrected days of the presence ledger (id = the day): workspace key and partition. */
export const presenceDayDef: EntityDef<'presenceDays'> = {
  table: 'presenceDays',
  what: 'presence day',
  schema: presenceDaySchema,
  partition: () => WORKSPACE_KEY_ID,
  tombstone: (d) => ({ id: d.id, deleted: true }),
};

/** Tables of the workspace partition (no client owns their rows); every other table is a client's. */
export const WORKSPACE_TABLES: ReadonlySet<EntityTableName> = new Set<EntityTableName>(['settings', 'trips', 'presenceDays']);

/** Settings: workspace key and partition. */
export const settingDef: EntityDef<'settings'> = {
  table: 'settings',
  what: 'setting',
  schema: settingSchema,
  partition: () => WORKSPACE_KEY_ID,
  tombstone: (s) => ({ id: s.id, deleted: true }),
};

function childDef<K extends ChildTable>(
  table: K,
  what: string,
  schema: z.ZodType<EntityRecords[K]>,
  refs?: (record: EntityRecords[K]) => { phaseId?: string | undefined; experimentId?: string | undefined },
): EntityDef<K> {
  return {
    table,
    what,
    schema,
    partition: (r) => `client:${(r as ChildRecord).clientId}`,
    tombstone: (r) => ({ id: r.id, clientId: (r as ChildRecord).clientId, deleted: true }),
    ...(refs && {
      refs: (record: EntityRecords[K]) => {
        const { phaseId, experimentId } = refs(record);
        const out: Array<{ def: EntityDef<'phases' | 'experiments'>; id: string }> = [];
        // Read at call time: phaseDef and experimentDef are initialised further down.
        if (phaseId !== undefined) out.push({ def: phaseDef, id: phaseId });
        if (experimentId !== undefined) out.push({ def: experimentDef, id: experimentId });
        return out;
      },
    }),
  };
}

/** Phases. */
export const phaseDef: EntityDef<'phases'> = childDef('phases', 'phase', phaseSchema);

/** Experiments, optionally within a phase. */
export const experimentDef: EntityDef<'experiments'> = childDef('experiments', 'experiment', experimentSchema, (e) => ({
  phaseId: e.phaseId,
}));

/** Time blocks, optionally for a phase and an experiment. */
export const timeBlockDef: EntityDef<'timeBlocks'> = childDef('timeBlocks', 'time block', timeBlockSchema, (b) => ({
  phaseId: b.phaseId,
  experimentId: b.experimentId,
}));

/** Expenses, optionally for a phase or an experiment (a GPU run) of their project. */
export const expenseDef: EntityDef<'expenses'> = childDef('expenses', 'expense', expenseSchema, (e) => ({
  phaseId: e.phaseId,
  experimentId: e.experimentId,
}));

/** Kill switches; a metric trigger points to an experiment. */
export const killSwitchDef: EntityDef<'killSwitches'> = childDef('killSwitches', 'kill switch', killSwitchSchema, (k) => ({
  experimentId: k.trigger.kind === 'metric' ? k.trigger.experimentId : undefined,
}));

/** Every entity table's definition, by table name (sync and bundle import merge records with these). */
export const ENTITY_DEFS: { readonly [K in EntityTableName]: EntityDef<K> } = {
  clients: clientDef,
  projects: projectDef,
  phases: phaseDef,
  timeBlocks: timeBlockDef,
  experiments: experimentDef,
  expenses: expenseDef,
  killSwitches: killSwitchDef,
  invoices: invoiceDef,
  trips: tripDef,
  presenceDays: presenceDayDef,
  settings: settingDef,
};
