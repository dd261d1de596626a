/**
 * Main's side of bundles: the guard's export and import decisions, through the real handler table
 * with its argument validation, a real LocalityService and its sealed audit log, and stub dialogs.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleHandlers } from '../../../../src-main/bundle/bundle-handlers.ts';
import { bundleExportDecision, bundleImportDecision } from '../../../../src-main/locality/bundle-decisions.ts';
import { formatAuditReason, type FormattableEntry } from '../../../../src-main/locality/audit-reason.ts';
import type { AuditEntry } from '../../../../src-main/locality/audit-chain.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { clientPolicySchema, type ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import { invokeContract } from '../../../../src-preload/contract/channels.ts';
import type { HandlerTable } from '../../../../src-main/ipc/handler-table.ts';
import { MAX_BUNDLE_BYTES, type BundleImportRequest } from '../../../../src-preload/contract/bundle.ts';

const NOW = Date.UTC(2026, 10, 30);
const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const EEA_CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const LOCAL_CLIENT = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const DEVICE: ResidencyPolicy = { kind: 'device-only' };

let dir: string;
let keys: { publicKey: Uint8Array; privateKey: Uint8Array };
let service: LocalityService;
let saved: string[];
let nextSave: string | null;
let nextOpen: string | null;
let table: ReturnType<typeof bundleHandlers>;

/** Calls a handler the way dispatch does: arguments validated by the contract's schema first. */
async function call<C extends keyof ReturnType<typeof bundleHandlers>>(channel: C, args: unknown[]): Promise<Awaited<ReturnType<HandlerTable[C]['handle']>>> {
  const handler = table[channel] as unknown as { handle(a: unknown, ctx: unknown): unknown };
  return (await handler.handle(invokeContract[channel].args.parse(args), { senderUrl: 'app://caravan/' })) as Awaited<ReturnType<HandlerTable[C]['handle']>>;
}

async function auditEntries(): Promise<AuditEntry[]> {
  const { lines } = await service.auditLines();
  return lines.map((line) => {
    if ('invalid' in line) throw new Error(line.invalid);
    const clear = sodium.crypto_box_seal_open(new Uint8Array(Buffer.from(line.box, 'base64')), keys.publicKey, keys.privateKey);
    return JSON.parse(new TextDecoder().decode(clear)) as AuditEntry;
  });
}

beforeAll(async () => {
  await sodium.ready;
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caravan-bundle-main-'));
  keys = sodium.crypto_box_keypair();
  service = await LocalityService.create({ dataDir: dir, newId: randomUUID, now: () => NOW, log: () => {} });
  await service.open(
    VAULT,
    Buffer.from(keys.publicKey).toString('base64'),
    [
      { clientId: EEA_CLIENT, policy: EEA },
      { clientId: LOCAL_CLIENT, policy: DEVICE },
    ].map((entry) => clientPolicySchema.parse(entry)),
  );
  saved = [];
  nextSave = join(dir, 'out.caravan');
  nextOpen = null;
  table = bundleHandlers({
    gate: service.bundleGate,
    saveDialog: {
      chooseSavePath: async () => {
        if (nextSave) saved.push(nextSave);
        return nextSave;
      },
    },
    openDialog: { chooseOpenPath: async () => nextOpen },
    now: () => NOW,
  });
});

/** The same vault, opened again with its policies (after a test locked it). */
async function reopen(): Promise<void> {
  await service.open(
    VAULT,
    Buffer.from(keys.publicKey).toString('base64'),
    [
      { clientId: EEA_CLIENT, policy: EEA },
      { clientId: LOCAL_CLIENT, policy: DEVICE },
    ].map((entry) => clientPolicySchema.parse(entry)),
  );
}

function tableWithDialog(chooseSavePath: () => Promise<string | null>): ReturnType<typeof bundleHandlers> {
  return bundleHandlers({ gate: service.bundleGate, saveDialog: { chooseSavePath }, openDialog: { chooseOpenPath: async () => null }, now: () => NOW });
}

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = Buffer.from('CRVB not really a bundle').toString('base64');

describe('bundle export through the guard', () => {
  it('writes the bytes for an EEA client and audits the export with the policy it carries', async () => {
    const decision = await call('bundle:checkExport', [EEA_CLIENT, 'Acme']);
    expect(decision.allowed).toBe(true);
    const result = await call('bundle:save', [{ clientId: EEA_CLIENT, clientLabel: 'Acme', variant: 'full', bytesBase64: bytes }]);
    expect(result).toEqual({ saved: true, path: join(dir, 'out.caravan') });
    expect(await readFile(join(dir, 'out.caravan'), 'utf8')).toBe('CRVB not really a bundle');
    const last = (await auditEntries()).at(-1);
    expect(last).toMatchObject({
      kind: 'bundle-exported',
      clientId: EEA_CLIENT,
      reason: { code: 'bundle-carries-policy', params: { operation: 'bundle-export', policy: 'zone:EEA' } },
    });
    expect(formatAuditReason(last as FormattableEntry, { clients: { [EEA_CLIENT]: 'Acme' } })).toContain('carries the residency policy (the EEA)');
  });

  it('refuses a device-only client with the reason, before any dialog, and audits the refusal', async () => {
    expect(await call('bundle:checkExport', [LOCAL_CLIENT, 'Local Ltd'])).toEqual({
      allowed: false,
      reason: 'Bundle export blocked: client Local Ltd is device-only, so its data never leaves this device.',
    });
    await expect(call('bundle:save', [{ clientId: LOCAL_CLIENT, clientLabel: 'Local Ltd', variant: 'full', bytesBase64: bytes }])).rejects.toThrow(
      /device-only/,
    );
    expect(saved).toEqual([]);
    expect((await auditEntries()).at(-1)).toMatchObject({ kind: 'bundle-export-refused', clientId: LOCAL_CLIENT, reason: { code: 'device-only' } });
  });

  it('refuses a client main has no policy for (fail closed)', async () => {
    const unknown = randomUUID();
    expect((await call('bundle:checkExport', [unknown, null])).allowed).toBe(false);
    await expect(call('bundle:save', [{ clientId: unknown, clientLabel: null, variant: 'full', bytesBase64: bytes }])).rejects.toThrow(
      /no readable residency policy/,
    );
  });

  it('writes nothing and audits nothing when the person cancels', async () => {
    const before = (await auditEntries()).length;
    nextSave = null;
    expect(await call('bundle:save', [{ clientId: EEA_CLIENT, clientLabel: null, variant: 'full', bytesBase64: bytes }])).toEqual({ saved: false });
    expect((await auditEntries()).length).toBe(before);
  });

  it('writes nothing when the vault locks while the save dialog is open, and says why', async () => {
    const before = (await auditEntries()).length;
    table = tableWithDialog(async () => {
      service.close();
      return join(dir, 'locked.caravan');
    });
    await expect(call('bundle:save', [{ clientId: EEA_CLIENT, clientLabel: 'Acme', variant: 'full', bytesBase64: bytes }])).rejects.toThrow(
      'Nothing was saved: the vault locked while you chose where to save the bundle. Unlock it and export again.',
    );
    await expect(readFile(join(dir, 'locked.caravan'))).rejects.toThrow(/ENOENT/);
    await reopen();
    expect((await auditEntries()).length).toBe(before);
  });

  it('decides again after the dialog: a policy narrowed meanwhile refuses, writes nothing and is recorded', async () => {
    table = tableWithDialog(async () => {
      await service.setPolicy(EEA_CLIENT, DEVICE, false);
      return join(dir, 'narrowed.caravan');
    });
    await expect(call('bundle:save', [{ clientId: EEA_CLIENT, clientLabel: 'Acme', variant: 'full', bytesBase64: bytes }])).rejects.toThrow(
      'Nothing was saved: Bundle export blocked: client Acme is device-only',
    );
    await expect(readFile(join(dir, 'narrowed.caravan'))).rejects.toThrow(/ENOENT/);
    expect((await auditEntries()).at(-1)).toMatchObject({ kind: 'bundle-export-refused', clientId: EEA_CLIENT, reason: { code: 'device-only' } });
  });

  it('records the export before the file exists: a failed write still leaves the entry', async () => {
    // A folder where the file should go: the write fails after the decision.
    await mkdir(join(dir, 'taken.caravan'));
    table = tableWithDialog(async () => join(dir, 'taken.caravan'));
    await expect(call('bundle:save', [{ clientId: EEA_CLIENT, clientLabel: 'Acme', variant: 'full', bytesBase64: bytes }])).rejects.toThrow(
      /Could not save taken.caravan/,
    );
    expect((await auditEntries()).at(-1)).toMatchObject({ kind: 'bundle-exported', clientId: EEA_CLIENT });
  });

  it('validates the request: the page names no file (main does), and sends base64', () => {
    const args = { clientId: EEA_CLIENT, clientLabel: null, variant: 'full', bytesBase64: bytes };
    expect(() => invokeContract['bundle:save'].args.parse([{ ...args, suggestedName: '../evil.caravan' }])).toThrow();
    expect(() => invokeContract['bundle:save'].args.parse([{ ...args, variant: 'acme' }])).toThrow();
    expect(() => invokeContract['bundle:save'].args.parse([{ ...args, bytesBase64: 'not base64!' }])).toThrow();
  });

  it('offers a name that says what and when, never whose', async () => {
    const offered: string[] = [];
    table = bundleHandlers({
      gate: service.bundleGate,
      saveDialog: { chooseSavePath: async ({ suggestedName }) => (offered.push(suggestedName), null) },
      openDialog: { chooseOpenPath: async () => null },
      now: () => NOW,
    });
    await call('bundle:save', [{ clientId: EEA_CLIENT, clientLabel: 'Acme', variant: 'full', bytesBase64: bytes }]);
    await call('bundle:save', [{ clientId: EEA_CLIENT, clientLabel: 'Acme', variant: 'handoff', bytesBase64: bytes }]);
    expect(offered).toEqual(['caravan-project-2026-11-30.caravan', 'caravan-handoff-2026-11-30.caravan']);
  });

  it('refuses everything while the vault is locked', async () => {
    service.close();
    await expect(call('bundle:checkExport', [EEA_CLIENT, null])).rejects.toThrow(/Unlock the vault first/);
  });
});

describe('bundle import decisions', () => {
  const request = (place: BundleImportRequest['place'], policy: ResidencyPolicy = EEA): BundleImportRequest => ({
    clientId: EEA_CLIENT,
    clientLabel: 'Acme',
    policy: policy as BundleImportRequest['policy'],
    place,
  });

  it('allows at home (travel mode off) and records the import', async () => {
    expect(await call('bundle:checkImport', [request({ country: null, safeForTravel: false })])).toMatchObject({ allowed: true });
    await call('bundle:recordImport', [request({ country: null, safeForTravel: false })]);
    expect((await auditEntries()).at(-1)).toMatchObject({ kind: 'bundle-imported', clientId: EEA_CLIENT, reason: { code: 'not-travelling' } });
  });

  it('refuses an EEA client while travel mode says the US, with the reason, and audits it', async () => {
    const decision = await call('bundle:checkImport', [request({ country: 'US', safeForTravel: false })]);
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toBe('Bundle import blocked: client Acme requires the EEA; you are in United States (US), as travel mode says, outside the EEA.');
    expect((await auditEntries()).at(-1)).toMatchObject({
      kind: 'bundle-import-refused',
      reason: { code: 'outside-policy', params: { country: 'US', operation: 'bundle-import' } },
    });
    await expect(call('bundle:recordImport', [request({ country: 'US', safeForTravel: false })])).rejects.toThrow(/outside the EEA/);
  });

  it('allows in an EEA country, and anywhere for a client marked safe for travel', async () => {
    expect((await call('bundle:checkImport', [request({ country: 'PT', safeForTravel: false })])).allowed).toBe(true);
    expect(await call('bundle:checkImport', [request({ country: 'US', safeForTravel: true })])).toMatchObject({
      allowed: true,
      reason: expect.stringContaining('safe for travel'),
    });
  });

  it('refuses a device-only bundle wherever the person is', async () => {
    const decision = await call('bundle:checkImport', [request({ country: null, safeForTravel: true }, DEVICE)]);
    expect(decision).toMatchObject({ allowed: false, reason: expect.stringContaining('must stay on the device where it was made') });
  });

  it('refuses a malformed place or policy at the boundary', () => {
    expect(() => invokeContract['bundle:checkImport'].args.parse([{ ...request({ country: 'XX', safeForTravel: false }) }])).toThrow();
    expect(() =>
      invokeContract['bundle:checkImport'].args.parse([{ ...request({ country: null, safeForTravel: false }), policy: { kind: 'zone', zone: 'MARS' } }]),
    ).toThrow();
  });
});

describe('opening a bundle file', () => {
  it('reads the picked file, and returns null on cancel', async () => {
    expect(await call('bundle:open', [])).toBeNull();
    nextOpen = join(dir, 'in.caravan');
    await writeFile(nextOpen, Buffer.from([1, 2, 3]));
    expect(await call('bundle:open', [])).toEqual({ name: 'in.caravan', bytesBase64: Buffer.from([1, 2, 3]).toString('base64') });
  });

  it('says what to do when the file is gone', async () => {
    nextOpen = join(dir, 'missing.caravan');
    await expect(call('bundle:open', [])).rejects.toThrow(/Choose it again/);
  });

  it('bounds the size it reads', () => {
    expect(MAX_BUNDLE_BYTES).toBe(32 * 1024 * 1024);
  });
});

describe('the pure decisions', () => {
  it('export: an unreadable policy is refused, every zone or list is allowed', () => {
    expect(bundleExportDecision({ kind: 'zone', zone: 'MARS' }).allowed).toBe(false);
    expect(bundleExportDecision({ kind: 'countries', countries: ['DE'] }).allowed).toBe(true);
  });

  it('import: a country list is checked against the travel country', () => {
    expect(bundleImportDecision({ kind: 'countries', countries: ['DE', 'FR'] }, { country: 'FR', safeForTravel: false }).allowed).toBe(true);
    expect(bundleImportDecision({ kind: 'countries', countries: ['DE', 'FR'] }, { country: 'IT', safeForTravel: false }).allowed).toBe(false);
  });
});
