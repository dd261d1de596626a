/** The import's write against a real (fake-indexeddb) vault: once, never twice, nothing on a bad file. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { clientInput, idb } from '../../support/store-helpers.ts';
import { generateKey } from '../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { newNodeId } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace } from '../../../../src-renderer/vault/session/workspace.ts';
import { setCurrentSession } from '../../../../src-renderer/vault/session/runtime.ts';
import { listExpenses } from '../../../../src-renderer/vault/repos/expenses.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { importCosts, type ImportDeps } from '../../../../src-renderer/cost-import/import-costs.ts';
import { markupFromPercent, planImport, type ImportTarget } from '../../../../src-renderer/cost-import/plan.ts';
import { PRESETS_SETTING, readPresets, withPreset } from '../../../../src-renderer/cost-import/presets.ts';
import { type ColumnMapping, mappedReader, mappedSource } from '../../../../src-renderer/cost-import/mapping.ts';
import { readHeaders } from '../../../../src-renderer/csv/read-csv.ts';
import { scanFile } from '../../../../src-renderer/cost-import/scan.ts';
import { createWorkspaceStore, type WorkspaceStoreState } from '../workspace/workspace-store.ts';
import { fixture, scanProvider } from './fixtures.ts';

let store: StoreApi<WorkspaceStoreState>;
let ctx: RepoContext;
let n = 0;

beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  const session = { vaultId: `cost-import-${process.pid}-${++n}`, vaultKey: generateKey() };
  const workspace = await openWorkspace({ ...session, vaultKey: session.vaultKey.slice() }, { nodeId: newNodeId(), ...idb });
  setCurrentSession(session, workspace);
  ctx = workspace.ctx;
  store = createWorkspaceStore();
  await store.getState().loadWorkspace();
});
afterEach(() => setCurrentSession(null));

const deps = (): ImportDeps => ({ expenses: () => store.getState().expenses, addExpenses: (inputs) => store.getState().addExpenses(inputs) });

async function project() {
  const client = await store.getState().saveClient(clientInput());
  return store.getState().saveProject({ clientId: client.id, name: 'Vision pilot' });
}

describe('importing costs', () => {
  it('adds one expense per day and service; the same file again adds nothing', async () => {
    const p = await project();
    const target: ImportTarget = { projectId: p.id, category: 'compute', passThrough: true, markupBp: 1000 };
    const { source, scan } = await scanProvider(fixture('aws-cur.csv'));
    expect(await importCosts(deps(), scan, source, target, 'aws-cur.csv')).toEqual({ ok: true, added: 7, skipped: 0 });
    const stored = await listExpenses(ctx, { projectId: p.id });
    expect(stored).toHaveLength(7);
    expect(stored[0]).toMatchObject({
      date: '2026-11-01',
      currency: 'USD',
      category: 'compute',
      passThrough: true,
      billed: false,
      markupBp: 1000,
      imported: { source: 'aws-cur' },
    });
    expect(stored.map((e) => e.amountMinor).reduce((a, b) => a + b)).toBe(143 + 3 * 555 + 3 * 1);
    expect(await importCosts(deps(), scan, source, target, 'aws-cur.csv')).toEqual({ ok: true, added: 0, skipped: 7 });
    expect(await listExpenses(ctx, { projectId: p.id })).toHaveLength(7);
  });

  it('from an overlapping file adds only the new days, and says which earlier day now differs', async () => {
    const p = await project();
    const target: ImportTarget = { projectId: p.id, category: 'compute', passThrough: true };
    const first = await scanProvider(fixture('aws-cur.csv'));
    await importCosts(deps(), first.scan, first.source, target, 'aws-cur.csv');
    const second = await scanProvider(fixture('aws-cur-overlap.csv'));
    const plan = planImport(second.source, second.scan.groups, store.getState().expenses, target, 'aws-cur-overlap.csv');
    expect(plan.adding.map((g) => `${g.day} ${g.amountMinor}`)).toEqual(['2026-11-04 402']);
    expect(plan.skipped.map((s) => [s.group.day, s.differs])).toEqual([
      ['2026-11-03', false],
      ['2026-11-03', false],
    ]);
    expect(plan.totals).toEqual([{ currency: 'USD', addMinor: 402, skippedMinor: 556 }]);
    expect(plan.toAdd[0]).not.toHaveProperty('markupBp');
    expect(await importCosts(deps(), second.scan, second.source, target, 'aws-cur-overlap.csv')).toEqual({ ok: true, added: 1, skipped: 2 });
    expect(await listExpenses(ctx, { projectId: p.id })).toHaveLength(8);
  });

  it('writes nothing from a file with an unreadable line', async () => {
    const p = await project();
    const { source, scan } = await scanProvider(fixture('aws-cur-bad.csv'));
    const outcome = await importCosts(deps(), scan, source, { projectId: p.id, category: 'compute', passThrough: true }, 'aws-cur-bad.csv');
    expect(outcome).toEqual({ ok: false, message: '2 lines of the file could not be read, so nothing was imported. Correct them and choose the file again.' });
    expect(await listExpenses(ctx, { projectId: p.id })).toEqual([]);
  });

  it('writes nothing when one expense is refused (all or nothing)', async () => {
    const p = await project();
    const { source, scan } = await scanProvider(fixture('openai-costs.csv'));
    const outcome = await importCosts(deps(), scan, source, { projectId: p.id, category: 'compute', passThrough: true, phaseId: 'no-such-phase' }, 'o.csv');
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^Nothing was imported: /) });
    expect(await listExpenses(ctx, { projectId: p.id })).toEqual([]);
    expect(store.getState().expenses).toEqual([]);
  });

  it('keeps mapped files from two sources apart: row id "1" of one bank is not row "1" of another; each file again adds nothing', async () => {
    const p = await project();
    const target: ImportTarget = { projectId: p.id, category: 'software', passThrough: true };
    const card: ColumnMapping = {
      date: 'Date',
      amount: 'Amount',
      currency: { column: 'Currency' },
      description: 'Description',
      id: 'ID',
      decimal: '.',
      dateOrder: 'ymd',
      aggregate: false,
    };
    const cardFile = 'Date,Amount,Currency,Description,ID\n2026-11-03,49.00,EUR,Hosting Zürich,1\n2026-11-04,12.00,EUR,Domain,2\n';
    const bank: ColumnMapping = {
      date: 'Buchungstag',
      amount: 'Betrag',
      currency: { fixed: 'EUR' },
      description: 'Verwendungszweck',
      id: 'Nr',
      decimal: ',',
      dateOrder: 'dmy',
      aggregate: false,
    };
    const bankFile = 'Buchungstag;Verwendungszweck;Betrag;Nr\n03.11.2026;Łódź GPU-Server;184,45;1\n';
    const read = async (mapping: ColumnMapping, text: string) => scanFile(text, mappedReader(mapping, await readHeaders(text)));
    const [cardScan, bankScan] = await Promise.all([read(card, cardFile), read(bank, bankFile)]);
    expect(await importCosts(deps(), cardScan, mappedSource(card), target, 'card.csv')).toEqual({ ok: true, added: 2, skipped: 0 });
    // Its row "1" has the key of the card export's row "1": only the source tells them apart.
    expect(bankScan.groups[0]?.key).toBe(cardScan.groups[0]?.key);
    expect(await importCosts(deps(), bankScan, mappedSource(bank), target, 'bank.csv')).toEqual({ ok: true, added: 1, skipped: 0 });
    // The same files through the same presets (a preset renamed keeps its mapping) are recognised.
    expect(await importCosts(deps(), cardScan, mappedSource({ ...card }), target, 'card.csv')).toEqual({ ok: true, added: 0, skipped: 2 });
    expect(await importCosts(deps(), bankScan, mappedSource(bank), target, 'bank.csv')).toEqual({ ok: true, added: 0, skipped: 1 });
    const stored = await listExpenses(ctx, { projectId: p.id });
    expect(stored.map((e) => [e.date, e.amountMinor, e.currency]).sort()).toEqual([
      ['2026-11-03', 18_445, 'EUR'],
      ['2026-11-03', 4_900, 'EUR'],
      ['2026-11-04', 1_200, 'EUR'],
    ]);
  });

  it('keeps presets in the workspace setting, read back through the schema', async () => {
    const saved = withPreset([], {
      name: 'Bank',
      mapping: { date: 'Datum', amount: 'Betrag', currency: { fixed: 'EUR' }, description: 'Text', decimal: ',', dateOrder: 'dmy', aggregate: false },
    });
    if (!saved.ok) throw new Error(saved.message);
    await store.getState().writeSetting(PRESETS_SETTING, saved.presets);
    expect(readPresets(await store.getState().readSetting(PRESETS_SETTING))).toEqual({ ok: true, presets: saved.presets });
    await store.getState().writeSetting(PRESETS_SETTING, [{ name: 'Bank', mapping: { date: 'Datum' } }]);
    expect(readPresets(await store.getState().readSetting(PRESETS_SETTING)).ok).toBe(false);
  });
});

describe('markup', () => {
  it('reads a percentage into basis points, refusing in words', () => {
    expect(markupFromPercent('10')).toEqual({ ok: true, bp: 1000 });
    expect(markupFromPercent('12,5 %')).toEqual({ ok: true, bp: 1250 });
    expect(markupFromPercent('')).toEqual({ ok: true, bp: 0 });
    expect(markupFromPercent('-5')).toMatchObject({ ok: false, message: expect.stringMatching(/^Markup: "-5" is not a percentage/) });
    expect(markupFromPercent('1000.01')).toEqual({ ok: false, message: 'Markup: at most 1000 %.' });
  });
});
