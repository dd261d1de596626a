/**
 * Saving an export against main's real handler table: main's policy book, not the vault's record,
 * decides who counts as device-only, and its answer drives the question; one yes covers one export;
 * a lock answers an open question no and voids a yes given before it.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import type { Client } from '../../../../src-renderer/domain/client.ts';
import {
  askDeviceOnlyExport,
  dropDeviceOnlyQuestions,
  questionSession,
  type DeviceOnlyQuestion,
} from '../../../../src-renderer/exports/device-only-question.ts';
import { exportConsent, saveExportWith, type ExportFile, type SaveExportDeps } from '../../../../src-renderer/exports/save-export.ts';
import { startRealMain, type RealMain } from '../../support/real-main.ts';

const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };

let main: RealMain | undefined;
afterEach(async () => {
  dropDeviceOnlyQuestions();
  await main?.stop();
  main = undefined;
});

const client = (residency: ResidencyPolicy, name = 'Acme'): Client => ({ id: randomUUID(), name, residency }) as Client;
const csv = (c: Client): ExportFile => ({ kind: 'time-csv', stem: 'caravan-time-2026-12-07', content: 'secret,row\r\n', clients: [c] });

/** Main with `c` under `inForce`, then closed and opened again with `later` (a wider policy is held). */
async function world(c: Client, inForce: ResidencyPolicy, later?: ResidencyPolicy) {
  main = await startRealMain();
  await main.unlock([{ clientId: c.id, policy: inForce }]);
  if (later) {
    await main.api.locality.close();
    await main.unlock([{ clientId: c.id, policy: later }]);
  }
  const questions: DeviceOnlyQuestion[] = [];
  const answer = { yes: true };
  const deps: SaveExportDeps = {
    files: main.api.files,
    ask: async (q) => (questions.push(q), answer.yes),
    session: questionSession,
  };
  const auditLines = async () => {
    const audit = await main!.api.locality.audit();
    return audit.ok ? audit.value.lines.length : -1;
  };
  return { main, deps, questions, answer, auditLines };
}

describe('saveExport against main', () => {
  it('a client whose wider policy main holds: main asks through the renderer, and the yes saves and audits', async () => {
    const acme = client(ADQ); // The record says EEA+adequacy; main holds it back and has no policy in force.
    const { main, deps, questions, auditLines } = await world(acme, EEA, ADQ);
    const before = await auditLines();
    const path = await saveExportWith(deps, csv(acme));
    expect(questions).toEqual([{ what: 'Time CSV', clientNames: ['Acme'], unsettled: true }]);
    expect(path).toMatch(/caravan-time-2026-12-07\.csv$/);
    expect(await readFile(path!, 'utf8')).toBe('secret,row\r\n');
    expect(main.dialogs.saved).toEqual([path]);
    expect(await auditLines()).toBe(before + 1);
  });

  it('a client with its policy in force is saved without a question', async () => {
    const acme = client(EEA);
    const { deps, questions } = await world(acme, EEA);
    expect(await saveExportWith(deps, csv(acme))).toMatch(/\.csv$/);
    expect(questions).toEqual([]);
  });

  it('a no writes nothing and audits nothing', async () => {
    const quiet = client({ kind: 'device-only' }, 'Quiet');
    const { main, deps, questions, answer, auditLines } = await world(quiet, { kind: 'device-only' });
    answer.yes = false;
    const before = await auditLines();
    expect(await saveExportWith(deps, csv(quiet))).toBeNull();
    expect(questions.map((q) => [q.clientNames, q.unsettled])).toEqual([[['Quiet'], false]]);
    expect(main.dialogs.saved).toEqual([]);
    expect(await auditLines()).toBe(before);
  });

  it('with the guard closed, the access export says the guard is closed, not "unlock"', async () => {
    const acme = client(EEA);
    const { main, deps } = await world(acme, EEA);
    await main.api.locality.close();
    const error = await saveExportWith(deps, { ...csv(acme), kind: 'access-export-json', content: '{}' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/locality guard is closed.*Lock Caravan and unlock it again/);
    expect((error as Error).message).not.toMatch(/^Unlock the vault first/);
    expect(main.dialogs.saved).toEqual([]);
  });

  it('one export of several files asks once', async () => {
    const quiet = client({ kind: 'device-only' }, 'Quiet');
    const { main, deps, questions } = await world(quiet, { kind: 'device-only' });
    const consent = exportConsent();
    for (const name of ['a', 'b', 'c'])
      expect(await saveExportWith(deps, { ...csv(quiet), kind: 'access-export-csv', stem: `x-${name}` }, consent)).not.toBeNull();
    expect(questions).toHaveLength(1);
    expect(main.dialogs.saved).toHaveLength(3);
  });

  it('a lock answers the open question no: nothing is saved, and nothing comes back after unlock', async () => {
    const quiet = client({ kind: 'device-only' }, 'Quiet');
    const { main, deps } = await world(quiet, { kind: 'device-only' });
    let asked!: () => void;
    const shown = new Promise<void>((resolve) => (asked = resolve));
    const saving = saveExportWith({ ...deps, ask: (q) => (asked(), askDeviceOnlyExport(q)) }, csv(quiet));
    await shown;
    dropDeviceOnlyQuestions(); // the lock step
    expect(await saving).toBeNull();
    expect(main.dialogs.saved).toEqual([]);
  });

  it('a yes given before a lock covers nothing after it', async () => {
    const quiet = client({ kind: 'device-only' }, 'Quiet');
    const { main, deps, questions } = await world(quiet, { kind: 'device-only' });
    const consent = exportConsent();
    expect(await saveExportWith(deps, { ...csv(quiet), kind: 'access-export-csv' }, consent)).not.toBeNull();
    dropDeviceOnlyQuestions();
    expect(await saveExportWith(deps, { ...csv(quiet), kind: 'access-export-csv', stem: 'later' }, consent)).toBeNull();
    expect(questions).toHaveLength(1);
    expect(main.dialogs.saved).toHaveLength(1);
  });
});
