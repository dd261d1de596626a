/**
 * Whatever a renderer form accepts, main accepts: the client form's residency policy and the
 * add-target form's target and credentials go through main's real handler table (`dispatch`, with
 * the contract's argument schemas, then the guard's and the registry's own checks), and every
 * country code a picker offers is taken by every channel that takes a country. This is the test
 * the Kosovo outage lacked: the picker offered XK, the renderer stored it, main refused it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { invokeContract, type InvokeChannel } from '../../../../src-preload/contract/channels.ts';
import type { IpcResult } from '../../../../src-preload/contract/errors.ts';
import { COUNTRY_CODES } from '../../../../src-preload/contract/places/country-codes.ts';
import { conditionalAdequacyCountries, shippedZones, ZONE_IDS } from '../../../../src-preload/contract/places/zones.ts';
import type { Attestation, ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import { PROVIDERS } from '../../../../src-preload/contract/target.ts';
import regionsJson from '../../../../src-preload/contract/places/data/regions.json';
import { dispatch } from '../../../../src-main/ipc/dispatch.ts';
import { createHandlers } from '../../../../src-main/ipc/handlers.ts';
import type { HandlerTable } from '../../../../src-main/ipc/handler-table.ts';
import { createNetWatcher } from '../../../../src-main/net/net-watcher.ts';
import { makeAppInfo } from '../../../../src-main/app/app-info.ts';
import { createIntegritySealStore } from '../../../../src-main/integrity/integrity-seal-store.ts';
import { createDeviceKeyStore } from '../../../../src-main/device-key/device-key-store.ts';
import { TimerController } from '../../../../src-main/timer/timer-controller.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { CredentialStore } from '../../../../src-main/sync/credential-store.ts';
import { SyncService } from '../../../../src-main/sync/sync-service.ts';
import { clientFormValues, toClientInput } from '../../../../src-renderer/clients/client-form.ts';
import { clientSchema } from '../../../../src-renderer/domain/client.ts';
import { toPolicyWire } from '../../../../src-renderer/locality/locality-session.ts';
import { checkTargetForm, EMPTY_TARGET_FORM, type TargetFormValues } from '../../../../src-renderer/locality/target-form.ts';
import { residencyProblem } from '../../../../src-renderer/bundle/codec/residency.ts';
import { createSecretCipherStub } from '../../../host/stub-services.ts';

const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const ctx = { senderUrl: 'app://caravan/index.html' };
const CONDITIONAL = conditionalAdequacyCountries(shippedZones());

let table: HandlerTable;
let auditKey: string;
let pickedFolder: string;

async function call(channel: string, args: unknown[]): Promise<IpcResult<unknown>> {
  return dispatch(table, channel, args, ctx, (message, detail) => console.error(message, detail));
}

/** The value of a call that must succeed (a failure shows main's message), checked against the contract's result schema. */
async function accepted<T>(channel: InvokeChannel, args: unknown[]): Promise<T> {
  const result = await call(channel, args);
  if (!result.ok)
    throw new Error(`${channel} refused what the form accepted: ${result.error.code}: ${result.error.message} (args ${JSON.stringify(args).slice(0, 300)})`);
  const schema: z.ZodType = invokeContract[channel].result;
  expect(schema.safeParse(result.value).error?.issues ?? []).toEqual([]);
  return result.value as T;
}

beforeAll(async () => {
  await sodium.ready;
  const dir = await mkdtemp(join(tmpdir(), 'caravan-forms-main-'));
  let journal: string | null = null;
  const timer = await TimerController.create({
    now: () => 1_000_000,
    journal: { read: async () => journal, write: async (text) => void (journal = text) },
    newSessionId: () => 'session-1',
    platform: 'linux',
    broadcast: () => {},
    drawTray: () => {},
    showNotification: () => {},
    openWindow: () => {},
    quit: () => {},
  });
  // The person says yes in main's dialog: a form's wider policy is then taken (the refusals have their own tests).
  const locality = await LocalityService.create({
    dataDir: dir,
    newId: () => crypto.randomUUID(),
    now: () => Date.UTC(2026, 10, 30),
    log: () => {},
    confirm: { confirm: async () => true },
  });
  const cipher = createSecretCipherStub('basic_text');
  table = createHandlers({
    appInfo: () => makeAppInfo('1.2.3', 'linux', dir, false),
    net: createNetWatcher({ probe: () => true, onChange: () => {}, now: () => 1000, setInterval: () => 0, clearInterval: () => {} }),
    saveDialog: { chooseSavePath: async () => null },
    // The folder picker answers with this test's folder; the person confirms each target in main's dialog.
    openDialog: { chooseOpenPath: async () => dir },
    confirmDialog: { confirm: async () => true },
    deviceKeys: createDeviceKeyStore(join(dir, 'keys'), cipher),
    integritySeals: createIntegritySealStore(join(dir, 'integrity'), () => locality.openVaultId),
    print: async () => false,
    timer,
    notify: () => {},
    locality,
    bundleGate: locality.bundleGate,
    exportGate: locality.exportGate,
    clientGate: locality.clientGate,
    sync: new SyncService({
      targets: locality.targets,
      gate: locality.syncGate,
      credentials: new CredentialStore(join(dir, 'credentials'), cipher),
      now: () => 1_000_000,
    }),
    now: () => 1_000_000,
  });
  auditKey = Buffer.from(sodium.crypto_box_keypair().publicKey).toString('base64');
  await accepted('locality:open', [VAULT, auditKey, []]);
  pickedFolder = (await accepted<{ handle: string }>('files:chooseFolder', [])).handle;
});

/** Countries with a conditional adequacy decision that a policy names (the picker asks an attestation for each). */
function conditionalIn(policy: ResidencyPolicy): string[] {
  if (policy.kind === 'zone') return policy.zone === 'EEA+adequacy' ? CONDITIONAL : [];
  if (policy.kind === 'countries') return policy.countries.filter((c) => CONDITIONAL.includes(c));
  return [];
}

/** A basis as typed: empty, spaces around, or long; the form keeps it as it is. */
const basisArb = fc.oneof(fc.string({ maxLength: 40 }), fc.constant('  DPF certified  '), fc.string({ minLength: 480, maxLength: 520 }));

/** What the residency picker can produce: device-only, a zone, or a list of offered countries, with attestations for conditional ones. */
const pickerPolicyArb: fc.Arbitrary<ResidencyPolicy> = fc
  .oneof(
    fc.constant<ResidencyPolicy>({ kind: 'device-only' }),
    fc.constantFrom(...ZONE_IDS).map((zone): ResidencyPolicy => ({ kind: 'zone', zone })),
    fc.uniqueArray(fc.constantFrom(...COUNTRY_CODES), { minLength: 1, maxLength: 12 }).map((countries): ResidencyPolicy => ({ kind: 'countries', countries })),
  )
  .chain((policy) =>
    fc
      .subarray(conditionalIn(policy))
      .chain((countries) =>
        fc
          .tuple(
            ...countries.map((country) =>
              fc.record({ country: fc.constant(country), basis: basisArb, recordedAt: fc.integer({ min: 1, max: 4_102_444_800_000 }) }),
            ),
          )
          .map((attestations: Attestation[]) => (policy.kind === 'device-only' || attestations.length === 0 ? policy : { ...policy, attestations })),
      ),
  );

/** The record the vault's repository would store for the form's input, or null when it refuses it. */
function storedClient(input: object): { residency: ResidencyPolicy } | null {
  const parsed = clientSchema.safeParse({ notes: '', archived: false, contact: {}, ...input, id: CLIENT, createdAt: 1, updatedAt: 1 });
  return parsed.success ? parsed.data : null;
}

describe('the client form’s residency policy', () => {
  it('is taken by main whenever the renderer stores it: preview, set, open, and a bundle header', async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(pickerPolicyArb, fc.constantFrom(...COUNTRY_CODES), async (residency, country) => {
        const form = toClientInput({ ...clientFormValues(), name: 'Acme', country, residency });
        // The form refuses only a policy main refuses too (an attestation with an empty or over-long basis), under the residency field.
        if (!form.ok) {
          expect(Object.keys(form.errors)).toEqual(['residency']);
          expect((await call('locality:setPolicy', [CLIENT, toPolicyWire(residency), true])).ok).toBe(false);
          return;
        }
        const saved = storedClient(form.input);
        // An attestation with an empty or over-long basis: the repository refuses, and so does main.
        if (!saved) {
          expect((await call('locality:setPolicy', [CLIENT, toPolicyWire(residency), true])).ok).toBe(false);
          return;
        }
        stored += 1;
        // ClientForm previews the form's value as typed, then saves and sets the stored one.
        await accepted('locality:previewPolicy', [CLIENT, toPolicyWire(form.input.residency)]);
        await accepted('locality:setPolicy', [CLIENT, toPolicyWire(saved.residency), true]);
        const opened = await accepted<{ heldBack: unknown[] }>('locality:open', [
          VAULT,
          auditKey,
          [{ clientId: CLIENT, policy: toPolicyWire(saved.residency) }],
        ]);
        expect(opened.heldBack).toEqual([]);
        // A bundle exported for this client carries the stored policy; its reader and main's import check take it.
        expect(residencyProblem(toPolicyWire(saved.residency))).toBeUndefined();
        expect(
          invokeContract['bundle:checkImport'].args.safeParse([
            { clientId: CLIENT, clientLabel: null, policy: saved.residency, place: { country: null, safeForTravel: false } },
          ]).success,
        ).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(stored).toBeGreaterThan(10);
  });

  it('is read alike by the client record, main’s channels and the bundle reader, whatever the shape', () => {
    const code = fc.oneof(fc.constantFrom(...COUNTRY_CODES), fc.constantFrom('EL', 'UK', 'ZZ', 'xk', 'DEU', ''));
    const anyPolicy = fc.record(
      {
        kind: fc.constantFrom('device-only', 'zone', 'countries', 'anywhere'),
        zone: fc.constantFrom(...ZONE_IDS, 'MARS'),
        countries: fc.array(code, { maxLength: 6 }),
        attestations: fc.array(fc.record({ country: code, basis: basisArb, recordedAt: fc.integer({ min: -1, max: 10 }) }), { maxLength: 3 }),
      },
      { requiredKeys: ['kind'] },
    );
    fc.assert(
      fc.property(anyPolicy, (policy) => {
        const renderer = clientSchema.shape.residency.safeParse(policy).success;
        const main = invokeContract['locality:setPolicy'].args.safeParse([CLIENT, policy, false]).success;
        expect(main).toBe(renderer);
        // The bundle reader is stricter only about white space around a basis (the header is signed as written).
        if (residencyProblem(policy) === undefined) expect(main).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

const regionCodes = regionsJson.providers.flatMap((p) => p.regions.map((r) => r.code));
const s3Providers = PROVIDERS.filter((p) => p !== 'folder' && p !== 'webdav');

/** What the add-target form can hold: pickers give known values, text fields anything. */
const targetFormArb: fc.Arbitrary<TargetFormValues> = fc.record({
  label: fc.oneof(fc.constantFrom('Backup', '  NAS at home ', ''), fc.string({ maxLength: 90 })),
  kind: fc.constantFrom('folder', 'webdav', 's3'),
  provider: fc.constantFrom(...s3Providers),
  region: fc.oneof(fc.constant(''), fc.constantFrom(...regionCodes)),
  r2Jurisdiction: fc.constantFrom('', 'eu', 'fedramp'),
  r2LocationHint: fc.constantFrom('', 'weur', 'enam'),
  declaredCountry: fc.oneof(fc.constant(''), fc.constantFrom(...COUNTRY_CODES)),
  endpoint: fc.oneof(
    fc.constantFrom('', 'https://dav.example.org/remote.php/dav', 'http://127.0.0.1:9000', 'http://example.org', 'https://u:p@x.example'),
    fc.string({ maxLength: 30 }),
  ),
  bucket: fc.oneof(fc.constantFrom('', 'caravan-backup', 'Bad_Bucket'), fc.string({ maxLength: 12 })),
  // The form's folder only ever comes from main's picker ('picked' stands for its handle), or is not chosen yet.
  folder: fc.constantFrom('', 'picked'),
  folderPath: fc.constant(''),
  user: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })),
  secret: fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })),
});

describe('the add-target form', () => {
  it('sends only what main takes: the target is added, its credentials kept, and a new device may read from it', async () => {
    let added = 0;
    await fc.assert(
      fc.asyncProperty(targetFormArb, async (drawn) => {
        const values = { ...drawn, folder: drawn.folder === 'picked' ? pickedFolder : '' };
        const checked = checkTargetForm(values);
        if (!checked.ok) return;
        added += 1;
        expect(invokeContract['sync:join'].args.safeParse([checked.target, checked.credentials]).success).toBe(true);
        await accepted('locality:resolve', [checked.target.location, checked.target.endpoint]);
        const target = await accepted<{ id: string }>('locality:addTarget', [checked.target]);
        try {
          if (checked.credentials) await accepted('sync:setCredentials', [target.id, checked.credentials]);
        } finally {
          await accepted('locality:removeTarget', [target.id]);
        }
      }),
      { numRuns: 150 },
    );
    expect(added).toBeGreaterThan(5);
  });

  it('refuses, with the reason, what main would refuse', () => {
    expect(checkTargetForm({ ...EMPTY_TARGET_FORM, kind: 'folder', label: 'Disk' })).toEqual({
      ok: false,
      message: 'This target cannot be added. Folder: a folder target needs its folder (Choose…).',
    });
    expect(checkTargetForm({ ...EMPTY_TARGET_FORM, kind: 'folder', label: ' ', folder: 'a'.repeat(32) })).toEqual({
      ok: false,
      message: 'This target cannot be added. Name is required.',
    });
    expect(checkTargetForm({ ...EMPTY_TARGET_FORM, label: 'Bucket', bucket: 'b-1', region: 'eu-west-1' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Enter the access key/),
    });
  });
});

describe('every country code a picker offers', () => {
  it('is taken as a policy, a declared target country, a travel country and a bundle import place', async () => {
    const refused: string[] = [];
    for (const code of COUNTRY_CODES) {
      const form = toClientInput({ ...clientFormValues(), name: 'Acme', country: code, residency: { kind: 'countries', countries: [code] } });
      const saved = form.ok ? storedClient(form.input) : null;
      const target = checkTargetForm({ ...EMPTY_TARGET_FORM, kind: 'folder', label: `Disk ${code}`, folder: 'a'.repeat(32), declaredCountry: code });
      const results = [
        saved ? await call('locality:setPolicy', [CLIENT, toPolicyWire(saved.residency), true]) : null,
        target.ok ? await call('locality:resolve', [target.target.location]) : null,
        await call('locality:travelPlan', [code, []]),
        invokeContract['bundle:checkImport'].args.safeParse([
          { clientId: CLIENT, clientLabel: null, policy: { kind: 'countries', countries: [code] }, place: { country: code, safeForTravel: false } },
        ]),
      ];
      const where = results.map((r) => (r === null ? false : 'ok' in r ? r.ok : r.success));
      if (where.includes(false)) refused.push(`${code}: ${JSON.stringify(where)}`);
      else {
        const resolved = results[1] as { ok: true; value: { country?: string; guarantee: string } };
        expect(resolved.value).toMatchObject({ country: code, guarantee: 'declared' });
      }
    }
    expect(refused).toEqual([]);
    expect(COUNTRY_CODES).toContain('XK');
  });
});
