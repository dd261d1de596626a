/**
 * The cache of a project's smaller records: kill switches, experiments and expenses (a few per
 * project, oldest first). Life cycle: workspace/workspace-slice.ts.
 */
import type { StateCreator } from 'zustand';
import type { KillSwitch } from '../domain/kill-switch.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { Expense } from '../domain/expense.ts';
import { createKillSwitch, type KillSwitchPatch, type NewKillSwitch, removeKillSwitch, updateKillSwitch } from '../vault/repos/kill-switches.ts';
import { createExperiment, type ExperimentPatch, type NewExperiment, updateExperiment } from '../vault/repos/experiments.ts';
import { createExpense, createExpenses, type ExpensePatch, type NewExpense, removeExpense, updateExpense } from '../vault/repos/expenses.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { byCreated, upsert } from '../workspace/sorted-lists.ts';

export interface ProjectRecordsSlice {
  /** Every kill switch, oldest first. */
  killSwitches: KillSwitch[];
  /** Every experiment and expense (small tables: a few per project), oldest first. */
  experiments: Experiment[];
  expenses: Expense[];
  addKillSwitch: (input: NewKillSwitch) => Promise<KillSwitch>;
  patchKillSwitch: (id: string, patch: KillSwitchPatch) => Promise<KillSwitch>;
  /** Deletes and returns the kill switch, for undo. */
  deleteKillSwitch: (id: string) => Promise<KillSwitch>;
  addExperiment: (input: NewExperiment) => Promise<Experiment>;
  patchExperiment: (id: string, patch: ExperimentPatch) => Promise<Experiment>;
  addExpense: (input: NewExpense) => Promise<Expense>;
  /** Adds many expenses in one transaction (a cost import): all or none. */
  addExpenses: (inputs: readonly NewExpense[]) => Promise<Expense[]>;
  patchExpense: (id: string, patch: ExpensePatch) => Promise<Expense>;
  /** Deletes and returns the expense, for undo. */
  deleteExpense: (id: string) => Promise<Expense>;
}

export const EMPTY_PROJECT_RECORDS = { killSwitches: [], experiments: [], expenses: [] } satisfies Partial<ProjectRecordsSlice>;

export const createProjectRecordsSlice: StateCreator<ProjectRecordsSlice, [], [], ProjectRecordsSlice> = (set, get) => ({
  ...EMPTY_PROJECT_RECORDS,
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
  deleteKillSwitch: async (id) => {
    const killSwitch = get().killSwitches.find((k) => k.id === id);
    await removeKillSwitch(repoContext(), id);
    set({ killSwitches: get().killSwitches.filter((k) => k.id !== id) });
    // The repository found it, so the cache had it too; undo needs the record.
    return killSwitch!;
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
  addExpenses: async (inputs) => {
    const created = await createExpenses(repoContext(), inputs);
    const ids = new Set(created.map((e) => e.id));
    set({ expenses: [...get().expenses.filter((e) => !ids.has(e.id)), ...created].sort(byCreated) });
    return created;
  },
  patchExpense: async (id, patch) => {
    const updated = await updateExpense(repoContext(), id, patch);
    set({ expenses: upsert(get().expenses, updated, byCreated) });
    return updated;
  },
  deleteExpense: async (id) => {
    const expense = get().expenses.find((e) => e.id === id);
    // On an issued invoice: the amount was billed; voiding the invoice unlocks it first.
    if (expense?.billed === true) throw new Error('This expense is on an issued invoice, so it cannot be deleted. Void the invoice in Reports first.');
    await removeExpense(repoContext(), id);
    set({ expenses: get().expenses.filter((e) => e.id !== id) });
    return expense!;
  },
});
