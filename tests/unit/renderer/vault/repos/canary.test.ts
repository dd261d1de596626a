/**
 * Canary: records carry a unique marker in every sensitive field (and distinctive numbers in every
 * amount, duration and instant); the rows IndexedDB actually holds, read without the middleware,
 * must not contain any of them, as text or as bytes (UTF-8 and UTF-16LE), in any table.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, removeClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../../../src-renderer/vault/repos/projects.ts';
import { createPhase } from '../../../../../src-renderer/vault/repos/phases.ts';
import { createTimeBlock, listTimeBlocks } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { createExperiment } from '../../../../../src-renderer/vault/repos/experiments.ts';
import { createExpense } from '../../../../../src-renderer/vault/repos/expenses.ts';
import { createKillSwitch } from '../../../../../src-renderer/vault/repos/kill-switches.ts';
import { setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { createDraft } from '../../../../../src-renderer/vault/repos/invoices.ts';
import { writeTrips } from '../../../../../src-renderer/vault/repos/trips.ts';
import { putPresenceDays } from '../../../../../src-renderer/vault/repos/presence-days.ts';
import { draftInput, timeLine } from '../../../support/invoice-doc-fixtures.ts';
import { openTestVault, rawRows, T0, type TestVault } from '../../../support/store-helpers.ts';

const CANARY = `CANARY-${crypto.randomUUID()}`;
const c = (field: string) => `${CANARY}-${field}`;
/** Distinctive numbers, one per kind of numeric field. */
const MONEY = 987_654_321;
const HOURS = 87_654.321;
const METRIC = 123_456.789;
const START = T0 + 1_234_567; // an exact instant; only its UTC day may be stored in clear
const SECRETS = [CANARY, String(MONEY), String(HOURS), String(METRIC), String(START), String(START + 3_600_000)];

let v: TestVault;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
});
afterEach(async () => {
  await v.close();
});

/** Writes one record of every kind with every sensitive field marked. */
async function writeMarkedRecords(): Promise<void> {
  const client = await createClient(v.ctx, {
    name: c('name'),
    company: c('company'),
    contact: { email: `${c('email')}@example.org`, phone: c('phone'), address: c('address') },
    country: 'PT',
    timeZone: 'Europe/Lisbon',
    currency: 'EUR',
    defaultRateMinor: MONEY,
    residency: { kind: 'countries', countries: ['PT'] },
    notes: c('notes'),
  });
  const project = await createProject(v.ctx, {
    clientId: client.id,
    name: c('project-name'),
    billing: { kind: 'value', feeMinor: MONEY, basis: c('basis') },
    estimateHours: HOURS,
    notes: c('project-notes'),
  });
  const phase = await createPhase(v.ctx, { projectId: project.id, name: c('phase'), order: 0, budgetHours: HOURS, exitCriteria: c('exit') });
  const experiment = await createExperiment(v.ctx, {
    projectId: project.id,
    phaseId: phase.id,
    hypothesis: c('hypothesis'),
    setup: c('setup'),
    metricName: c('metric'),
    metricUnit: c('unit').slice(0, 40),
    baseline: METRIC,
    target: METRIC,
    value: METRIC,
    links: [`https://example.org/${c('link')}`],
    notes: c('experiment-notes'),
  });
  await createTimeBlock(v.ctx, {
    projectId: project.id,
    phaseId: phase.id,
    experimentId: experiment.id,
    start: START,
    end: START + 3_600_000,
    zone: 'Europe/Lisbon',
    kind: 'deep',
    billable: true,
    note: c('block-note'),
  });
  await createExpense(v.ctx, {
    projectId: project.id,
    date: '2025-06-15',
    amountMinor: MONEY,
    currency: 'EUR',
    category: 'travel',
    receiptNote: c('receipt'),
  });
  await createKillSwitch(v.ctx, {
    projectId: project.id,
    trigger: { kind: 'spend', amountMinor: MONEY, currency: 'EUR' },
    consequence: c('consequence'),
    notes: c('switch-notes'),
  });
  const base = draftInput(client.id);
  await createDraft(v.ctx, {
    ...base,
    buyer: { ...base.buyer, legalName: c('buyer'), address: c('buyer-address') },
    seller: { ...base.seller, legalName: c('seller') },
    lines: [timeLine('l1', 1, MONEY, [], { description: c('line') })],
    note: c('invoice-note'),
  });
  await setSetting(v.ctx, 'signature', { text: c('setting'), rate: MONEY });
  // Where the person was: the country and dates of a trip, the countries of a corrected day.
  await writeTrips(v.ctx, [{ from: '2025-06-01', to: '2025-06-20', country: 'PT', note: c('trip-note') }], () => undefined);
  await putPresenceDays(v.ctx, [{ day: '2025-06-21', stays: [{ country: 'PT' }, { country: 'ES', midnight: true }], note: c('day-note') }]);
  // An update and a delete too: the change log and the tombstone must be as opaque as the rows.
  const gone = await createClient(v.ctx, { ...(await import('../../../support/store-helpers.ts')).clientInput(), name: c('deleted-client') });
  await updateClient(v.ctx, gone.id, { notes: c('updated-notes') });
  await removeClient(v.ctx, gone.id);
}

/** Every byte array in a dump of rows. */
function byteArrays(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array) out.push(value);
  else if (Array.isArray(value)) for (const item of value) byteArrays(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) byteArrays(item, out);
  return out;
}

function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

describe('canary: no sensitive value is stored in clear', () => {
  it('in any table, as text or as bytes', async () => {
    await writeMarkedRecords();
    // Sanity: the marker is really in the records (the test would pass vacuously otherwise).
    expect(JSON.stringify(await listTimeBlocks(v.ctx))).toContain(CANARY);

    const dump = await rawRows(await v.raw());
    const tables = Object.keys(dump);
    expect(tables.sort()).toEqual([
      'changes',
      'clientKeys',
      'clients',
      'expenses',
      'experiments',
      'invoices',
      'killSwitches',
      'phases',
      'presenceDays',
      'projects',
      'settings',
      'timeBlocks',
      'trips',
    ]);
    for (const table of tables) expect(dump[table]!.length, table).toBeGreaterThan(0);

    // As text: clear fields in JSON, byte arrays as Latin-1 text so that ASCII inside them would show.
    const text = JSON.stringify(dump, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value));
    for (const secret of SECRETS) expect(text.includes(secret), `${secret} in the stored rows`).toBe(false);
    // No country or trip day in clear: a trip row and a corrected day hold their id and nothing else readable.
    const ledger = JSON.stringify([dump['trips'], dump['presenceDays']], (_key, value: unknown) => (value instanceof Uint8Array ? '' : value));
    for (const clear of ['"PT"', '"ES"', 'country', '2025-06-01', '2025-06-20', 'midnight'])
      expect(ledger.includes(clear), `${clear} in the ledger's rows`).toBe(false);
    expect(dump['presenceDays']![0]!['id']).toBe('2025-06-21');

    // As bytes: every ciphertext and wrapped key, for UTF-8 and UTF-16LE encodings of each value.
    const blobs = byteArrays(dump);
    expect(blobs.length).toBeGreaterThan(10);
    for (const blob of blobs) {
      const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
      for (const secret of SECRETS) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} (UTF-8) in a ciphertext`).toBe(false);
        expect(bytes.includes(utf16le(secret)), `${secret} (UTF-16LE) in a ciphertext`).toBe(false);
      }
    }
  });

  it('stores only the declared clear fields beside v and ct', async () => {
    await writeMarkedRecords();
    const dump = await rawRows(await v.raw());
    const allowed: Record<string, string[]> = {
      clients: ['id'],
      projects: ['id', 'clientId'],
      phases: ['id', 'clientId', 'projectId'],
      timeBlocks: ['id', 'clientId', 'projectId', 'day'],
      experiments: ['id', 'clientId', 'projectId'],
      expenses: ['id', 'clientId', 'projectId'],
      killSwitches: ['id', 'clientId', 'projectId'],
      invoices: ['id', 'clientId'],
      trips: ['id'],
      presenceDays: ['id'],
      settings: ['id'],
      changes: ['seq', 'partition'],
    };
    for (const [table, fields] of Object.entries(allowed)) {
      for (const row of dump[table]!) {
        for (const key of Object.keys(row)) expect([...fields, 'v', 'ct'], `${table}.${key}`).toContain(key);
        expect(row['ct']).toBeInstanceOf(Uint8Array);
      }
    }
    for (const row of dump['clientKeys']!) expect(Object.keys(row).sort()).toEqual(['clientId', 'wrapped']);
    // The day bucket is coarse: a whole UTC day, not the start.
    expect(dump['timeBlocks']![0]!['day']).toBe(Math.floor(START / 86_400_000));
  });

  it('a deleted record leaves a tombstone without its content', async () => {
    await writeMarkedRecords();
    const rows = await v.db.clients.toArray();
    const tombstone = rows.find((row) => row.deleted === true);
    expect(tombstone).toBeDefined();
    expect(Object.keys(tombstone!).sort()).toEqual(['deleted', 'hlc', 'id']);
  });
});
