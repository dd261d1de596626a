/**
 * A locality service on a fresh data folder per test, with the vault's audit key pair (so a test
 * can open the sealed log as the renderer would) and main's own dialog stubbed: the stub answers
 * what the test sets and records every question, as the host's dialog stub does.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { ConfirmRequest } from '../../../../src-main/confirm/confirm.ts';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';
import type { AuditEntry } from '../../../../src-main/locality/audit-chain.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import type { PolicySource } from '../../../../src-preload/contract/locality.ts';
import { clientPolicySchema, type ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';

export const NOW = Date.UTC(2026, 10, 15);
export const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';

export interface GuardWorld {
  dir: string;
  keys: { publicKey: Uint8Array; privateKey: Uint8Array; base64: string };
  logs: string[];
  /** What main's dialog answers next (every question until changed). */
  answer: 'confirm' | 'cancel';
  questions: ConfirmRequest[];
  now: number;
}

/** The policies as `locality:open` hands them to main: each read by the contract's schema. */
export const read = (list: unknown[]) => list.map((entry) => clientPolicySchema.parse(entry));

/** Registers the per-test folder and keys; the returned object is refilled before each test. */
export function useGuardWorld(): GuardWorld {
  const world = {
    dir: '',
    keys: { publicKey: new Uint8Array(), privateKey: new Uint8Array(), base64: '' },
    logs: [],
    answer: 'confirm',
    questions: [],
    now: NOW,
  } as GuardWorld;
  beforeAll(async () => {
    await sodium.ready;
  });
  beforeEach(async () => {
    world.dir = await mkdtemp(join(tmpdir(), 'caravan-guard-'));
    const pair = sodium.crypto_box_keypair();
    world.keys = { publicKey: pair.publicKey, privateKey: pair.privateKey, base64: Buffer.from(pair.publicKey).toString('base64') };
    world.logs = [];
    world.answer = 'confirm';
    world.questions = [];
    world.now = NOW;
  });
  afterEach(async () => {
    await rm(world.dir, { recursive: true, force: true });
  });
  return world;
}

export function create(world: GuardWorld): Promise<LocalityService> {
  return LocalityService.create({
    dataDir: world.dir,
    newId: randomUUID,
    now: () => world.now,
    log: (m) => world.logs.push(m),
    confirm: {
      confirm: async (request) => {
        world.questions.push(request);
        return world.answer === 'confirm';
      },
    },
  });
}

/** Opens the vault with these policies (again, when `service` is given). */
export async function openWith(
  world: GuardWorld,
  policies: Record<string, ResidencyPolicy | unknown>,
  service?: LocalityService,
  source?: PolicySource,
  fromDevice?: string,
) {
  const s = service ?? (await create(world));
  const opened = await s.open(
    VAULT,
    world.keys.base64,
    read(Object.entries(policies).map(([clientId, policy]) => ({ clientId, policy, ...(fromDevice ? { fromDevice } : {}) }))),
    source,
  );
  return { service: s, opened };
}

/** Every audit line decrypted with the vault's secret key, in stored order. */
export async function audit(world: GuardWorld, service: LocalityService): Promise<{ entries: AuditEntry[]; text: string }> {
  const { lines } = await service.auditLines();
  const texts = lines.map((line) => {
    if ('invalid' in line) throw new Error(`invalid audit line: ${line.invalid}`);
    const clear = sodium.crypto_box_seal_open(new Uint8Array(Buffer.from(line.box, 'base64')), world.keys.publicKey, world.keys.privateKey);
    const text = new TextDecoder().decode(clear);
    const entry = JSON.parse(text) as AuditEntry;
    expect(entry.seq).toBe(line.seq);
    expect(entry.hash).toBe(line.hash);
    return text;
  });
  return { entries: texts.map((t) => JSON.parse(t) as AuditEntry), text: `${texts.join('\n')}\n${JSON.stringify(lines)}` };
}

export async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

type DataFile = Record<string, unknown> & { asOf: string };

/** A shipped data file with `edit` applied, as text to import. */
export async function dataFile<T extends DataFile>(name: 'zones' | 'regions', edit: (file: T) => void): Promise<string> {
  const file = JSON.parse(await readFile(join(import.meta.dirname, `../../../../src-preload/contract/places/data/${name}.json`), 'utf8')) as T;
  edit(file);
  return JSON.stringify(file);
}
