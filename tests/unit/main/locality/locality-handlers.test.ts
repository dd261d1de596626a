/**
 * `locality:open` through the handler, arguments validated by the contract's schema as dispatch
 * does: one client whose policy main cannot read is held back and named, and the others open.
 * Before, one such client (a policy naming XK) failed the whole call and nothing synced.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { invokeContract } from '../../../../src-preload/contract/channels.ts';
import { localityHandlers } from '../../../../src-main/locality/locality-handlers.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';

const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const GOOD = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const KOSOVO = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const BAD = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ctx = { senderUrl: 'app://caravan/index.html' };

beforeAll(async () => {
  await sodium.ready;
});

async function setUp() {
  const service = await LocalityService.create({
    dataDir: await mkdtemp(join(tmpdir(), 'caravan-locality-handlers-')),
    newId: randomUUID,
    now: () => Date.UTC(2026, 10, 30),
    log: () => {},
  });
  const handlers = localityHandlers(service, service.clientGate, { addTarget: () => Promise.reject(new Error('not used here')) });
  const key = Buffer.from(sodium.crypto_box_keypair().publicKey).toString('base64');
  const open = (policies: unknown[]) => handlers['locality:open'].handle(invokeContract['locality:open'].args.parse([VAULT, key, policies]), ctx);
  return { service, handlers, open };
}

describe('locality:open', () => {
  it('holds back only the client whose policy main cannot read, names it, and opens the others', async () => {
    const { handlers, open } = await setUp();
    const opened = await open([
      { clientId: GOOD, policy: { kind: 'zone', zone: 'EEA' } },
      { clientId: KOSOVO, policy: { kind: 'countries', countries: ['DE', 'XK'] } },
      { clientId: BAD, policy: { kind: 'countries', countries: ['DE', 'ZZ'] } },
    ]);
    expect(opened.heldBack).toEqual([{ clientId: BAD, problem: 'countries.1: "ZZ" is not a country Caravan knows (a two-letter code such as DE).' }]);
    const placement = await handlers['locality:placement'].handle([[{ id: GOOD }, { id: KOSOVO }, { id: BAD }]], ctx);
    expect(placement.map((p) => [p.clientId, p.known])).toEqual([
      [GOOD, true],
      [KOSOVO, true],
      [BAD, false],
    ]);
  });

  it('still refuses a call that is malformed as a whole', () => {
    expect(invokeContract['locality:open'].args.safeParse([VAULT, 'not a key', []]).success).toBe(false);
    expect(
      invokeContract['locality:open'].args.safeParse([VAULT, Buffer.alloc(32).toString('base64'), [{ clientId: 'a|b', policy: { kind: 'device-only' } }]])
        .success,
    ).toBe(false);
  });

  it('a client of XK syncs to a folder declared in XK', async () => {
    const { service, open } = await setUp();
    await open([{ clientId: KOSOVO, policy: { kind: 'countries', countries: ['XK'] } }]);
    const target = await service.addTarget({
      label: 'Prishtina disk',
      kind: 'folder',
      location: { provider: 'folder', declaredCountry: 'XK' },
      path: '/srv/caravan',
    });
    const decision = await service.syncGate.decide(KOSOVO, target.id, 'sync-upload');
    expect(decision).toMatchObject({ allowed: true });
    expect(decision.reason).toContain('XK (Kosovo)');
  });
});
