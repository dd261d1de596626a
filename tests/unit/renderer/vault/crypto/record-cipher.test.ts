import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { deriveSubkeys, generateKey, newClientKey, wipe } from '../../../../../src-renderer/vault/crypto/keys.ts';
import {
  decryptJson,
  decryptRecord,
  encryptJson,
  encryptRecord,
  RECORD_OVERHEAD,
  type RecordContext,
} from '../../../../../src-renderer/vault/crypto/record-cipher.ts';
import { flipped, vaultErrorCode } from '../../../support/vault-helpers.ts';

const ctx: RecordContext = { table: 'projects', id: 'p-1', schema: 3, keyId: 'client:c-1' };
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  await getSodium();
});

describe('encryptRecord / decryptRecord', () => {
  it('round-trips any payload in any context', () => {
    const key = generateKey();
    const part = fc.string({ maxLength: 40 }).filter((s) => !s.includes('|'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), part, part, fc.nat(), part, (payload, table, id, schema, keyId) => {
        const c = { table, id, schema, keyId };
        const ct = encryptRecord(key, payload, c);
        expect(ct).toHaveLength(payload.length + RECORD_OVERHEAD);
        expect(decryptRecord(key, ct, c)).toEqual(payload);
      }),
    );
  });

  it('uses the layout version || nonce(24) || ciphertext+tag', () => {
    const key = generateKey();
    const payload = bytes('{"name":"Acme"}');
    const ct = encryptRecord(key, payload, ctx);
    expect(RECORD_OVERHEAD).toBe(41);
    expect(ct[0]).toBe(1);
    expect(ct).toHaveLength(1 + 24 + payload.length + 16);
    // Plaintext does not appear in the ciphertext.
    expect(Buffer.from(ct).includes(Buffer.from(payload))).toBe(false);
  });

  it('handles empty, large and non-ASCII inputs', () => {
    const key = generateKey();
    const wide: RecordContext = { table: 'notes', id: `\u00e9\u{1f600}${'x'.repeat(500)}`, schema: 0, keyId: 'workspace' };
    expect(decryptRecord(key, encryptRecord(key, new Uint8Array(0), ctx), ctx)).toEqual(new Uint8Array(0));
    const large = new Uint8Array(300_000).map((_, i) => i % 251);
    expect(decryptRecord(key, encryptRecord(key, large, wide), wide)).toEqual(large);
  });

  it('refuses a ciphertext moved to another row, table, schema or key id', async () => {
    const key = generateKey();
    const ct = encryptRecord(key, bytes('{"rate":9500}'), ctx);
    for (const moved of [
      { ...ctx, id: 'p-2' },
      { ...ctx, table: 'clients' },
      { ...ctx, schema: 4 },
      { ...ctx, keyId: 'client:c-2' },
      { ...ctx, keyId: 'workspace' },
    ]) {
      expect(await vaultErrorCode(() => decryptRecord(key, ct, moved))).toBe('record-corrupt');
    }
  });

  it('refuses a flipped bit in any byte: version, nonce, ciphertext, tag', async () => {
    const key = generateKey();
    const ct = encryptRecord(key, bytes('0123456789'), ctx);
    for (let i = 0; i < ct.length; i++) {
      expect(await vaultErrorCode(() => decryptRecord(key, flipped(ct, i), ctx))).toBe('record-corrupt');
    }
  });

  it('refuses truncation, extension and the wrong key', async () => {
    const key = generateKey();
    const ct = encryptRecord(key, bytes('0123456789'), ctx);
    for (const length of [0, 1, 25, 40, ct.length - 1]) {
      expect(await vaultErrorCode(() => decryptRecord(key, ct.subarray(0, length), ctx))).toBe('record-corrupt');
    }
    const longer = new Uint8Array(ct.length + 1);
    longer.set(ct);
    expect(await vaultErrorCode(() => decryptRecord(key, longer, ctx))).toBe('record-corrupt');
    expect(await vaultErrorCode(() => decryptRecord(generateKey(), ct, ctx))).toBe('record-corrupt');
  });

  it('refuses ambiguous contexts and malformed keys as programming errors', () => {
    const key = generateKey();
    expect(() => encryptRecord(key, bytes('x'), { ...ctx, table: 'a|b' })).toThrow(RangeError);
    expect(() => encryptRecord(key, bytes('x'), { ...ctx, id: 'a|b' })).toThrow(RangeError);
    expect(() => encryptRecord(key, bytes('x'), { ...ctx, schema: 1.5 })).toThrow(RangeError);
    expect(() => encryptRecord(new Uint8Array(16), bytes('x'), ctx)).toThrow(RangeError);
  });

  it('draws a fresh nonce every time: 100 000 encryptions, no duplicate', () => {
    const key = generateKey();
    const payload = bytes('{}');
    const nonces = new Set<string>();
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const ct = encryptRecord(key, payload, ctx);
      nonces.add(Buffer.from(ct.buffer, ct.byteOffset + 1, 24).toString('base64'));
    }
    expect(nonces.size).toBe(n);
  });
});

describe('crypto-shredding a client key', () => {
  it("makes that client's records unreadable with every other key", async () => {
    const vaultKey = generateKey();
    const subkeys = await deriveSubkeys(vaultKey);
    const clientKey = newClientKey();
    const otherClientKey = newClientKey();
    const records = Array.from({ length: 20 }, (_, i) => {
      const c = { ...ctx, id: `p-${i}` };
      return { c, ct: encryptJson(clientKey, { i, name: `Project ${i}` }, c) };
    });
    const first = records[0];
    if (first === undefined) throw new Error('no records');
    expect(decryptJson(clientKey, first.ct, first.c)).toEqual({ i: 0, name: 'Project 0' });

    wipe(clientKey);

    for (const { c, ct } of records) {
      expect(await vaultErrorCode(() => decryptRecord(clientKey, ct, c))).toBe('record-key-missing');
      for (const key of [vaultKey, subkeys.records, subkeys.syncSegments, otherClientKey, generateKey()]) {
        expect(await vaultErrorCode(() => decryptRecord(key, ct, c))).toBe('record-corrupt');
      }
    }
    // Other clients' data is unaffected.
    const other = encryptJson(otherClientKey, { ok: true }, { ...ctx, keyId: 'client:c-2' });
    expect(decryptJson(otherClientKey, other, { ...ctx, keyId: 'client:c-2' })).toEqual({ ok: true });
  });
});

describe('encryptJson / decryptJson', () => {
  it('round-trips JSON and validates when asked', async () => {
    const key = generateKey();
    const value = { name: 'Zoë', rate: { amount: 9500, currency: 'EUR' }, tags: ['a', 'b'], note: null };
    const ct = encryptJson(key, value, ctx);
    expect(decryptJson(key, ct, ctx)).toEqual(value);
    const validated = decryptJson(key, ct, ctx, (v) => {
      if (typeof v !== 'object' || v === null || !('name' in v) || typeof v.name !== 'string') throw new TypeError('bad');
      return { name: v.name };
    });
    expect(validated.name).toBe('Zoë');
    expect(() => encryptJson(key, undefined, ctx)).toThrow(TypeError);
    // Authentic but not JSON (a writer bug): still 'record-corrupt', not a SyntaxError.
    const notJson = encryptRecord(key, bytes('{"cut'), ctx);
    expect(await vaultErrorCode(() => decryptJson(key, notJson, ctx))).toBe('record-corrupt');
  });

  it('throughput sanity (printed, not asserted)', () => {
    const key = generateKey();
    const record = { id: 'p-1', name: 'Website redesign', notes: 'x'.repeat(400), rate: 9500, tags: ['web', 'design'] };
    const n = 20_000;
    const started = performance.now();
    for (let i = 0; i < n; i++) decryptJson(key, encryptJson(key, record, ctx), ctx);
    const seconds = (performance.now() - started) / 1000;
    console.log(`encryptJson+decryptJson, ~500-byte record: ${Math.round(n / seconds)} round trips/s`);
    expect(seconds).toBeGreaterThan(0);
  });
});
