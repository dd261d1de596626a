/**
 * The unlocked workspace's life cycle across the feature caches: read once after unlock, dropped
 * on lock (see app/store.ts), and a client's rows dropped after erasure. The caches and their
 * writes live with their features (clients/, projects/, time/, settings/, reports/), one slice
 * each, combined into the one bound store; `WorkspaceSlice` is their union.
 *
 * Every write goes through a repository (validation, encryption, change log); a cache is updated
 * only with what the repository returned, so the screens never show anything that was not stored.
 * Decrypted records must not outlive the keys. Write actions throw RepoError; forms show its message.
 */
import type { StateCreator } from 'zustand';
import type { TimeBlock } from '../domain/time-block.ts';
import { listClients } from '../vault/repos/clients.ts';
import { listProjects } from '../vault/repos/projects.ts';
import { listPhases } from '../vault/repos/phases.ts';
import { listKillSwitches } from '../vault/repos/kill-switches.ts';
import { listExperiments } from '../vault/repos/experiments.ts';
import { listExpenses } from '../vault/repos/expenses.ts';
import { firstBlockDayStart, listTimeBlocks } from '../vault/repos/time-blocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { EMPTY_CLIENTS, type ClientsSlice } from '../clients/clients-slice.ts';
import { EMPTY_PROJECTS, type ProjectsSlice } from '../projects/projects-slice.ts';
import { EMPTY_PROJECT_RECORDS, type ProjectRecordsSlice } from '../projects/project-records-slice.ts';
import { EMPTY_TIME, type TimeSlice } from '../time/time-slice.ts';
import type { WorkspaceSettingsSlice } from '../settings/workspace-settings-slice.ts';
import { EMPTY_BILLING, type BillingSlice } from '../reports/billing-slice.ts';
import { byStart, mergeOlder } from './sorted-lists.ts';
import { errorMessage } from '../ui/error-message.ts';
import { anonymiseErasedOnLoad } from '../gdpr/erased-on-load.ts';
import type { RemindersSlice } from '../reminders/reminders-slice.ts';
import { EMPTY_OVERLAY, type OverlaySlice } from '../calendar/ics/overlay-slice.ts';

/** Where the cache stands. */
export type WorkspaceStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface WorkspaceLifecycleSlice {
  workspace: WorkspaceStatus;
  loadWorkspace: () => Promise<void>;
  /** Drops every decrypted record, and the reminders shown (on lock). */
  clearWorkspace: () => void;
  /** Drops an erased client and everything of it from the cache (the vault rows are already gone). */
  dropErasedClient: (clientId: string) => void;
}

/** Everything the unlocked workspace holds and does, as the screens see it. */
export type WorkspaceSlice = WorkspaceLifecycleSlice & ClientsSlice & ProjectsSlice & ProjectRecordsSlice & TimeSlice & WorkspaceSettingsSlice & BillingSlice;

// Imported calendars are decrypted records too: they go with the rest on lock.
const EMPTY = { ...EMPTY_CLIENTS, ...EMPTY_PROJECTS, ...EMPTY_PROJECT_RECORDS, ...EMPTY_TIME, ...EMPTY_BILLING, ...EMPTY_OVERLAY };

/** Days read before the workspace shows (Today, this week, the recent table). */
export const RECENT_DAYS = 42;
/** Older blocks are read this many days at a time, yielding to the UI in between. */
const CHUNK_DAYS = 120;
const DAY = 86_400_000;
/** Bumped by every load and clear: a chunk that arrives for an older load (or after a lock) is dropped. */
let loadGeneration = 0;

export const createWorkspaceLifecycleSlice: StateCreator<
  WorkspaceSlice & Pick<RemindersSlice, 'reminders'> & Pick<OverlaySlice, 'overlayCalendars' | 'overlayUnreadable'>,
  [],
  [],
  WorkspaceLifecycleSlice
> = (set, get) => ({
  workspace: { kind: 'idle' },
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
      // Erased clients' invoices are anonymised again first: a row synced from a device that did
      // not know of the erasure may name the client again (gdpr/erased-on-load.ts).
      const erasedProblem = generation === loadGeneration ? await anonymiseErasedOnLoad() : null;
      // With every block read, the billed marks are made to agree with the invoice register: an
      // issue or void that stopped half way, or sync bringing them apart, is repaired here.
      try {
        if (generation === loadGeneration) await get().loadInvoices();
      } catch (error) {
        if (generation === loadGeneration) set({ registerProblems: [`Your invoice register could not be read: ${errorMessage(error)}`] });
      }
      if (erasedProblem !== null && generation === loadGeneration) set({ registerProblems: [...get().registerProblems, erasedProblem] });
    } catch (error) {
      if (generation !== loadGeneration) return;
      set({ workspace: { kind: 'error', message: errorMessage(error) } });
    }
  },
  clearWorkspace: () => {
    loadGeneration++;
    // Reminders go too: they speak of this unlock's day and timer session, and a lock screen
    // should not carry a "Stop the timer" into whatever is unlocked next.
    set({ ...EMPTY, workspace: { kind: 'idle' }, reminders: [] });
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
      // The register was anonymised by the erasure: read it again when next shown.
      invoices: null,
      invoiceDocs: s.invoiceDocs === null ? null : keep(s.invoiceDocs),
    });
  },
});
