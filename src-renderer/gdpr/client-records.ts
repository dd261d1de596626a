/**
 * Reading one client's records from the vault: everything, for an export, and a count of the
 * stored rows, for an erasure's receipt.
 */
import { Dexie } from 'dexie';
import type { RepoContext } from '../vault/repos/context.ts';
import { CLIENT_OWNED_TABLES, getClient } from '../vault/repos/clients.ts';
import { listExperiments } from '../vault/repos/experiments.ts';
import { listExpenses } from '../vault/repos/expenses.ts';
import { listKillSwitches } from '../vault/repos/kill-switches.ts';
import { listPhases } from '../vault/repos/phases.ts';
import { listProjects } from '../vault/repos/projects.ts';
import { listTimeBlocks } from '../vault/repos/time-blocks.ts';
import { listSettings } from '../vault/repos/settings.ts';
import { listInvoices } from '../vault/repos/invoices.ts';
import { readRegister } from '../reports/invoice-register.ts';
import { UnreadableInvoicesError, unreadableInvoicesOf } from './erase-invoices.ts';
import type { ClientRecords } from './export-document.ts';
import type { ErasedRows } from './erasure-receipt.ts';

/**
 * Every live record of client `clientId`, through the repositories (decrypted and checked):
 * its projects by the client index, everything else per project. RepoError when the client is
 * missing or unreadable. Unreadable child rows are reported by the store and left out, as on
 * every screen. Invoices come from the register; UnreadableInvoicesError when an entry naming the
 * client cannot be read (a newer version wrote it): an export without it would look complete.
 */
export async function readClientRecords(ctx: RepoContext, clientId: string): Promise<ClientRecords> {
  const client = await getClient(ctx, clientId);
  const projects = await listProjects(ctx, { clientId });
  // The register is a workspace setting per invoice; the client's entries are theirs to receive.
  const settings = await listSettings(ctx);
  const unreadable = unreadableInvoicesOf(settings, clientId);
  if (unreadable > 0) throw new UnreadableInvoicesError(unreadable, 'exported');
  const invoices = readRegister(settings).records.filter((r) => r.clientId === clientId);
  // The documents as sent: the client's right of access covers what it was billed, as billed.
  const invoiceDocuments = await listInvoices(ctx, { clientId });
  const perProject = await Promise.all(
    projects.map(async (p) => {
      const [phases, timeBlocks, experiments, expenses, killSwitches] = await Promise.all([
        listPhases(ctx, p.id),
        listTimeBlocks(ctx, { projectId: p.id }),
        listExperiments(ctx, p.id),
        listExpenses(ctx, { projectId: p.id }),
        listKillSwitches(ctx, { projectId: p.id }),
      ]);
      return { phases, timeBlocks, experiments, expenses, killSwitches };
    }),
  );
  return {
    client,
    projects,
    phases: perProject.flatMap((r) => r.phases),
    timeBlocks: perProject.flatMap((r) => r.timeBlocks),
    experiments: perProject.flatMap((r) => r.experiments),
    expenses: perProject.flatMap((r) => r.expenses),
    killSwitches: perProject.flatMap((r) => r.killSwitches),
    invoices,
    invoiceDocuments,
  };
}

/**
 * The rows `eraseClient` deletes, per kind, counted by the same clear indexes it deletes by
 * (keys only, nothing decrypted): live rows, markers of earlier deletions and rows that no longer
 * decrypt alike, plus the client's change-log partition. One read transaction, so the counts are
 * of one moment.
 */
export function countClientRows(ctx: RepoContext, clientId: string): Promise<ErasedRows> {
  const { db } = ctx;
  const partition = `client:${clientId}`;
  return db.transaction('r', ['clients', ...CLIENT_OWNED_TABLES, 'changes'], async () => {
    const [clients, projects, phases, timeBlocks, experiments, expenses, killSwitches, invoices, changes] = await Promise.all([
      db.clients.where('id').equals(clientId).count(),
      db.projects.where('clientId').equals(clientId).count(),
      db.phases.where('clientId').equals(clientId).count(),
      db.timeBlocks.where('clientId').equals(clientId).count(),
      db.experiments.where('clientId').equals(clientId).count(),
      db.expenses.where('clientId').equals(clientId).count(),
      db.killSwitches.where('clientId').equals(clientId).count(),
      db.invoices.where('clientId').equals(clientId).count(),
      db.changes.where('[partition+seq]').between([partition, Dexie.minKey], [partition, Dexie.maxKey]).count(),
    ]);
    return { clients, projects, phases, timeBlocks, experiments, expenses, killSwitches, invoices, changes };
  });
}
