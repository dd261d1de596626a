/** Acknowledgements: signed by their device, bound to their vault and place; anything else is ignored. */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAck, encodeAck, type Ack } from '../../../../../src-renderer/sync/segment/ack.ts';
import { DEV_A, DEV_B, makeWorld, OTHER_VAULT, ROGUE, T0, VAULT, type World } from './fixtures.ts';

let world: World;
beforeAll(async () => {
  world = await makeWorld();
});

const ack: Ack = { vaultId: VAULT, partition: 'workspace', device: DEV_A, n: 3, at: T0, vector: { [DEV_A]: 9, [DEV_B]: 2 } };
const place = { partition: 'workspace', device: DEV_A, n: 3 };
const keyOf = (d: string) => world.roster.publicKeyOf(d);

describe('acknowledgements', () => {
  it('round-trip, and are refused when altered, signed by another device, of another vault or filed elsewhere', () => {
    const bytes = encodeAck(ack, world.devices[DEV_A]!.secretKey);
    expect(decodeAck(bytes, VAULT, place, keyOf)).toEqual(ack);
    const text = new TextDecoder().decode(bytes);
    // A provider raising the vector (to get segments deleted) breaks the signature.
    expect(decodeAck(new TextEncoder().encode(text.replace('"vector":{', '"vector":{"0aaa":1,')), VAULT, place, keyOf)).toBeNull();
    expect(decodeAck(new TextEncoder().encode(text.replace(':9', ':99')), VAULT, place, keyOf)).toBeNull();
    // B acknowledging in A's name; a device outside the roster; another vault; another place.
    expect(decodeAck(encodeAck(ack, world.devices[DEV_B]!.secretKey), VAULT, place, keyOf)).toBeNull();
    expect(decodeAck(encodeAck({ ...ack, device: ROGUE }, world.devices[ROGUE]!.secretKey), VAULT, { ...place, device: ROGUE }, keyOf)).toBeNull();
    expect(decodeAck(bytes, OTHER_VAULT, place, keyOf)).toBeNull();
    expect(decodeAck(bytes, VAULT, { ...place, n: 4 }, keyOf)).toBeNull();
    expect(decodeAck(bytes, VAULT, { ...place, partition: 'other' }, keyOf)).toBeNull();
    expect(decodeAck(new Uint8Array([0x7b]), VAULT, place, keyOf)).toBeNull();
    expect(decodeAck(new Uint8Array(70 * 1024).fill(0x20), VAULT, place, keyOf)).toBeNull();
  });
});
