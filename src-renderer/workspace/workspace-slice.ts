/**
 * The unlocked workspace as the screens see it: a cache of clients, projects, phases and time
 * blocks, read once after unlock and kept current by the writes made here. Every write goes
 * through a repository (validation, encryption, change log); the cache is updated only with what
 * the repository returned, so the screens never show anything that was not stored.
 *
 * Cleared on lock (see store.ts): decrypted records must not outlive the keys.
 * Write actions throw RepoError; forms show its message.
 */
import type { StateCreator } from 'zustand';
import type { Client } from '../domain/client.ts';
import type { Phase } from '../domain/phase.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { type ClientPatch, createClient, listClients, type NewClient, updateClient } from '../vault/repos/clients.ts';
import { createProject, listProjects, type NewProject, type ProjectPatch, removeProject, updateProject } from '../vault/repos/projects.ts';
import { createPhase, listPhases, type NewPhase, type PhasePatch, updatePhase } from '../vault/repos/phases.ts';
import { createKillSwitch, type KillSwitchPatch, listKillSwitches, type NewKillSwitch, updateKillSwitch } from '../vault/repos/kill-switches.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { Expense } from '../domain/expense.ts';
import { createExperiment, type ExperimentPatch, listExperiments, type NewExperiment, updateExperiment } from '../vault/repos/experiments.ts';
import { createExpense, listExpenses, type NewExpense, removeExpense, updateExpense } from '../vault/repos/expenses.ts';
import { getSetting, setSetting } from '../vault/repos/settings.ts';
import {
  createTimeBlock,
  createTimeBlocks,
  firstBlockDayStart,
  listTimeBlocks,
  type NewTimeBlock,
  removeTimeBlock,
  type TimeBlockPatch,
  updateTimeBlock,
} from '../vault/repos/time-blocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { RepoError } from '../vault/repos/errors.ts';
import type { TimerBlock } from '../../src-preload/contract/index.ts';
import { byCreated, byStart, insertSorted, mergeOlder, upsert } from './sorted-lists.ts';
import { errorMessage } from '../ui/error-message.ts';

/** Where the cache stands. */
export type WorkspaceStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface WorkspaceSlice {
  workspace: WorkspaceStatus;
  clients: Client[];
  projects: Project[];
  phases: Phase[];
  /** Every live time block read so far, sorted by start (see `blocksComplete`). */
  blocks: TimeBlock[];
  /**
   * False while older blocks are still being read: the last {@link RECENT_DAYS} days come first so
   * the screens paint at once, older ones follow in chunks. Totals over longer ranges and exports
   * wait for true.
   */
  blocksComplete: boolean;
  /** Every kill switch, oldest first. */
  killSwitches: KillSwitch[];
  /** Every experiment and expense (small tables: a few per project), oldest first. */
  experiments: Experiment[];
  expenses: Expense[];
  loadWorkspace: () => Promise<void>;
  /** Drops every decrypted record (on lock). */
  clearWorkspace: () => void;
  saveClient: (input: NewClient, id?: string) => Promise<Client>;
  patchClient: (id: string, patch: ClientPatch) => Promise<Client>;
  /** Drops an erased client and everything of it from the cache (the vault rows are already gone). */
  dropErasedClient: (clientId: string) => void;
  saveProject: (input: NewProject, id?: string) => Promise<Project>;
  deleteProject: (id: string) => Promise<void>;
  patchProject: (id: string, patch: ProjectPatch) => Promise<Project>;
  addPhase: (input: NewPhase) => Promise<Phase>;
  patchPhase: (id: string, patch: PhasePatch) => Promise<Phase>;
  addKillSwitch: (input: NewKillSwitch) => Promise<KillSwitch>;
  addExperiment: (input: NewExperiment) => Promise<Experiment>;
  patchExperiment: (id: string, patch: ExperimentPatch) => Promise<Experiment>;
  addExpense: (input: NewExpense) => Promise<Expense>;
  /** Deletes and returns the expense, for undo. */
  deleteExpense: (id: string) => Promise<Expense>;
  /** Marks what an invoice bills as billed; returns how many were marked (all, unless a write failed). */
  markBilled: (blockIds: readonly string[], expenseIds: readonly string[]) => Promise<number>;
  /** A workspace setting (encrypted under the workspace key), e.g. the seller's details for invoices. */
  readSetting: (key: string) => Promise<unknown>;
  writeSetting: (key: string, value: unknown) => Promise<void>;
  patchKillSwitch: (id: string, patch: KillSwitchPatch) => Promise<KillSwitch>;
  addBlock: (input: NewTimeBlock) => Promise<TimeBlock>;
  addBlocks: (inputs: readonly NewTimeBlock[]) => Promise<TimeBlock[]>;
  patchBlock: (id: string, patch: TimeBlockPatch) => Promise<TimeBlock>;
  /** Deletes and returns the block, so that the caller can offer undo (re-create it). */
  deleteBlock: (id: string) => Promise<TimeBlock>;
  /**
   * Stores a block the timer recorded, under the timer's id. Idempotent: a block already stored
   * (the acknowledgement to main was lost) counts as stored, so main may re-send it safely.
   */
  storeTimerBlock: (block: TimerBlock, zone: string) => Promise<void>;
}

const EMPTY = { clients: [], projects: [], phases: [], blocks: [], killSwitches: [], experiments: [], expenses: [], blocksComplete: false } satisfies Partial<WorkspaceSlice>;

/** Days read before the workspace shows (Today, this week, the recent table). */
export const RECENT_DAYS = 42;
/** Older blocks are read this many days at a time, yielding to the UI in between. */
const CHUNK_DAYS = 120;
const DAY = 86_400_000;
/** Bumped by every load and clear: a chunk that arrives for an older load (or after a lock) is dropped. */
let loadGeneration = 0;


const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
const byPhase = (a: Phase, b: Phase) => a.projectId.localeCompare(b.projectId) || a.order - b.order || a.id.localeCompare(b.id);

export const createWorkspaceSlice: StateCreator<WorkspaceSlice, [], [], WorkspaceSlice> = (set, get) => ({
  workspace: { kind: 'idle' },
  ...EMPTY,
  loadWorkspace: async () => {
    const generation = ++loadGeneration;
    set({ workspace: { kind: 'loading' }, blocksComplete: false });
    try {
      const ctx = repoContext();
      const cutoff = Date.now() - RECENT_DAYS * DAY;
      const [clients, projects, phases, blocks, killSwitches, experiments, expenses, firstDay] = await Promise.all([
        listClients(ctx),
        listProjects(ctx),
        listPhases(ctx),
        listTimeBlocks(ctx, { from: cutoff }),
        listKillSwitches(ctx),
        listExperiments(ctx),
        listExpenses(ctx),
        firstBlockDayStart(ctx),
      ]);
      if (generation !== loadGeneration) return;
      set({ clients, projects, phases, blocks, killSwitches, experiments, expenses, workspace: { kind: 'ready' } });
      // Older chunks are collected and published once at the end: every publish rebuilds the time
      // table's row model, so publishing per chunk would rebuild it for ever larger arrays. The
      // one exception is the first chunk when nothing recent exists (someone back from a long
      // break): then it is shown at once, so the screen is not empty while the rest is read.
      const older: TimeBlock[][] = [];
      for (let to = cutoff; firstDay !== undefined && to > firstDay; to -= CHUNK_DAYS * DAY) {
        // Let the screens paint and take input between chunks.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const chunk = await listTimeBlocks(ctx, { from: Math.max(0, to - CHUNK_DAYS * DAY), to });
        if (generation !== loadGeneration) return;
        if (chunk.length === 0) continue;
        if (get().blocks.length === 0) set({ blocks: chunk });
        else older.unshift(chunk);
      }
      // Chunks overlap by the blocks that straddle an edge: keep the first copy of each id.
      const seen = new Set<string>();
      const all: TimeBlock[] = [];
      for (const block of older.flat()) {
        if (seen.has(block.id)) continue;
        seen.add(block.id);
        all.push(block);
      }
      all.sort(byStart);
      set({ blocks: mergeOlder(get().blocks, all), blocksComplete: true });
    } catch (error) {
      if (generation !== loadGeneration) return;
      set({ workspace: { kind: 'error', message: errorMessage(error) } });
    }
  },
  clearWorkspace: () => {
    loadGeneration++;
    set({ ...EMPTY, workspace: { kind: 'idle' } });
  },
  saveClient: async (input, id) => {
    const client = id === undefined ? await createClient(repoContext(), input) : await updateClient(repoContext(), id, input);
    set({ clients: upsert(get().clients, client, byName) });
    return client;
  },
  patchClient: async (id, patch) => {
    const client = await updateClient(repoContext(), id, patch);
    set({ clients: upsert(get().clients, client, byName) });
    return client;
  },
  dropErasedClient: (clientId) => {
    const keep = <T extends { clientId: string }>(list: T[]) => list.filter((r) => r.clientId !== clientId);
    const s = get();
    set({
      clients: s.clients.filter((c) => c.id !== clientId),
      projects: keep(s.projects),
      phases: keep(s.phases),
      blocks: keep(s.blocks),
      killSwitches: keep(s.killSwitches),
      experiments: keep(s.experiments),
      expenses: keep(s.expenses),
    });
  },
  saveProject: async (input, id) => {
    const { clientId: _fixed, ...patch } = input;
    const project = id === undefined ? await createProject(repoContext(), input) : await updateProject(repoContext(), id, patch);
    set({ projects: upsert(get().projects, project, byName) });
    return project;
  },
  patchProject: async (id, patch) => {
    const project = await updateProject(repoContext(), id, patch);
    set({ projects: upsert(get().projects, project, byName) });
    return project;
  },
  deleteProject: async (id) => {
    await removeProject(repoContext(), id);
    set({ projects: get().projects.filter((p) => p.id !== id), phases: get().phases.filter((p) => p.projectId !== id) });
  },
  addPhase: async (input) => {
    const phase = await createPhase(repoContext(), input);
    set({ phases: upsert(get().phases, phase, byPhase) });
    return phase;
  },
  patchPhase: async (id, patch) => {
    const phase = await updatePhase(repoContext(), id, patch);
    set({ phases: upsert(get().phases, phase, byPhase) });
    return phase;
  },
  addKillSwitch: async (input) => {
    const created = await createKillSwitch(repoContext(), input);
    set({ killSwitches: upsert(get().killSwitches, created, byCreated) });
    return created;
  },
  patchKillSwitch: async (id, patch) => {
    const updated = await updateKillSwitch(repoContext(), id, patch);
    set({ killSwitches: upsert(get().killSwitches, updated, byCreated) });
    return updated;
  },
  addExperiment: async (input) => {
    const created = await createExperiment(repoContext(), input);
    set({ experiments: upsert(get().experiments, created, byCreated) });
    return created;
  },
  patchExperiment: async (id, patch) => {
    const updated = await updateExperiment(repoContext(), id, patch);
    set({ experiments: upsert(get().experiments, updated, byCreated) });
    return updated;
  },
  addExpense: async (input) => {
    const created = await createExpense(repoContext(), input);
    set({ expenses: upsert(get().expenses, created, byCreated) });
    return created;
  },
  deleteExpense: async (id) => {
    const expense = get().expenses.find((e) => e.id === id);
    await removeExpense(repoContext(), id);
    set({ expenses: get().expenses.filter((e) => e.id !== id) });
    return expense!;
  },
  markBilled: async (blockIds, expenseIds) => {
    const ctx = repoContext();
    let marked = 0;
    try {
      for (const id of blockIds) {
        const block = await updateTimeBlock(ctx, id, { billed: true });
        set({ blocks: insertSorted(get().blocks.filter((b) => b.id !== id), [block]) });
        marked++;
      }
      for (const id of expenseIds) {
        const expense = await updateExpense(ctx, id, { billed: true });
        set({ expenses: upsert(get().expenses, expense, byCreated) });
        marked++;
      }
    } catch (error) {
      throw new Error(`${marked} of ${blockIds.length + expenseIds.length} items were marked billed before an error: ${errorMessage(error)}`, { cause: error });
    }
    return marked;
  },
  readSetting: (key) => getSetting(repoContext(), key),
  writeSetting: async (key, value) => {
    await setSetting(repoContext(), key, value);
  },
  addBlock: async (input) => {
    const block = await createTimeBlock(repoContext(), input);
    set({ blocks: insertSorted(get().blocks, [block]) });
    return block;
  },
  addBlocks: async (inputs) => {
    const created = await createTimeBlocks(repoContext(), inputs);
    set({ blocks: insertSorted(get().blocks, [...created].sort(byStart)) });
    return created;
  },
  patchBlock: async (id, patch) => {
    const block = await updateTimeBlock(repoContext(), id, patch);
    set({ blocks: insertSorted(get().blocks.filter((b) => b.id !== id), [block]) });
    return block;
  },
  storeTimerBlock: async (block, zone) => {
    try {
      await get().addBlock({
        id: block.id,
        projectId: block.projectId,
        ...(block.phaseId ? { phaseId: block.phaseId } : {}),
        ...(block.experimentId ? { experimentId: block.experimentId } : {}),
        start: block.start,
        end: block.end,
        zone,
        kind: block.kind,
        billable: block.kind === 'deep',
        note: '',
      });
    } catch (error) {
      if (error instanceof RepoError && error.code === 'already-exists') return;
      throw error;
    }
  },
  deleteBlock: async (id) => {
    const block = get().blocks.find((b) => b.id === id);
    await removeTimeBlock(repoContext(), id);
    set({ blocks: get().blocks.filter((b) => b.id !== id) });
    // The repository found it, so the cache had it too; undo needs the record.
    return block!;
  },
});
