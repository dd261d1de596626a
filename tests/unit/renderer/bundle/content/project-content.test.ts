/** The project content inside a bundle: packing, strict parsing, and the CLI writing it as JSON. */
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { deflate, inflateExactly } from '../../../../../src-renderer/platform/deflate.ts';
import {
  BundleContentError,
  type BundleContentErrorCode,
  decodeProjectContent,
  encodeProjectContent,
  MAX_RECORDS,
  PACKED_MAGIC,
  type ProjectContent,
  unpackContent,
} from '../../../../../src-renderer/bundle/content/project-content.ts';
import type { InflateExactly } from '../../../../../src-renderer/bundle/content/packed-body.ts';
import { encodeBundle } from '../../../../../src-renderer/bundle/codec/index.ts';
import { type CliIo, EXIT, runCli, SECRET_KEY_ENV } from '../../../../tools/bundle-cli-core.ts';
import { toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';

const HLC_A = `${'0'.repeat(11)}19a8b7c6d50000aabbccddeeff0011`.slice(-32);
const HLC_B = `${'0'.repeat(11)}19a8b7c6d60000aabbccddeeff0011`.slice(-32);

const content: ProjectContent = {
  format: 'caravan-project',
  v: 1,
  variant: 'full',
  clientId: 'c-1',
  projectId: 'p-1',
  exportedAt: 1_764_000_000_000,
  changes: [
    { op: 'delete', table: 'timeBlocks', id: 'b-1', hlc: HLC_A },
    { op: 'set', table: 'timeBlocks', id: 'b-1', field: 'note', value: 'again', hlc: HLC_B },
    { op: 'set', table: 'timeBlocks', id: 'b-1', field: 'billable', value: true, hlc: HLC_B },
    { op: 'unset', table: 'timeBlocks', id: 'b-1', field: 'phaseId', hlc: HLC_A },
    { op: 'set', table: 'projects', id: 'p-1', field: 'name', value: 'Churn', hlc: HLC_A },
  ],
};

/** Packs arbitrary JSON the way the app packs content, to build hostile bodies. */
async function packed(json: unknown, statedLength?: number): Promise<Uint8Array> {
  const text = new TextEncoder().encode(JSON.stringify(json));
  const body = await deflate(text);
  const out = new Uint8Array(8 + body.length);
  out.set(PACKED_MAGIC, 0);
  new DataView(out.buffer).setUint32(4, statedLength ?? text.length);
  out.set(body, 8);
  return out;
}

async function refusal(bytes: Uint8Array, code?: BundleContentErrorCode): Promise<string> {
  const error = await decodeProjectContent(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleContentError);
  if (code !== undefined) expect((error as BundleContentError).code).toBe(code);
  return (error as Error).message;
}

/** A runtime whose inflater ignores bytes after the end of the stream, as Node's zlib.inflateSync does. */
const lenientInflate: InflateExactly = async (bytes, expected) => {
  try {
    const out = inflateSync(bytes, { maxOutputLength: Math.max(1, expected) });
    return out.length === expected ? { ok: true, bytes: new Uint8Array(out) } : { ok: false, problem: 'too-short', length: out.length };
  } catch (cause) {
    return { ok: false, problem: 'not-deflated', length: 0, cause };
  }
};

async function unpackRefusal(bytes: Uint8Array, inflate?: InflateExactly): Promise<BundleContentError> {
  const error = await unpackContent(bytes, inflate).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleContentError);
  return error as BundleContentError;
}

beforeAll(async () => {
  await getSodium();
});

describe('project content', () => {
  it('round-trips every kind of change, grouped by record, and packs it smaller than the JSON', async () => {
    const bytes = await encodeProjectContent(content);
    const back = await decodeProjectContent(bytes);
    const key = (c: { table: string; id: string; op: string; hlc: string }) => `${c.table}${c.id}${c.op}${c.hlc}${'field' in c ? String(c.field) : ''}`;
    expect(back.changes.map(key).sort()).toEqual(content.changes.map(key).sort());
    expect({ ...back, changes: [] }).toEqual({ ...content, changes: [] });
    const big: ProjectContent = {
      ...content,
      changes: Array.from(
        { length: 2000 },
        (_, i) => ({ op: 'set', table: 'timeBlocks', id: `b-${i}`, field: 'zone', value: 'Europe/Berlin', hlc: HLC_A }) as const,
      ),
    };
    const json = JSON.stringify(big).length;
    expect((await encodeProjectContent(big)).length).toBeLessThan(json / 5);
  });

  it('refuses what is not packed, or does not inflate to its stated length', async () => {
    expect(await refusal(new TextEncoder().encode('{"format":"caravan-project"}'), 'not-a-project')).toMatch(/not a Caravan project/);
    expect(await refusal(PACKED_MAGIC.slice(), 'not-a-project')).toMatch(/not a Caravan project/);
    expect(await refusal(await packed({ a: 1 }, 3), 'bad-packing')).toMatch(/damaged/);
    expect(await refusal(await packed({ a: 1 }, 4000), 'bad-packing')).toMatch(/damaged/);
    const garbage = new Uint8Array(40);
    garbage.set(PACKED_MAGIC);
    new DataView(garbage.buffer).setUint32(4, 20);
    expect(await refusal(garbage, 'bad-packing')).toMatch(/damaged/);
    expect((await unpackRefusal(garbage)).detail).toMatch(/not one zlib stream/);
  });

  it('refuses a stated size over 1 GiB before inflating anything', async () => {
    const bytes = await packed({ a: 1 }, 0xffff_ffff);
    expect(await refusal(bytes, 'content-too-large')).toMatch(/larger than 1 GiB/);
    let called = false;
    const error = await unpackRefusal(bytes, async (...args) => ((called = true), inflateExactly(...args)));
    expect(error.code).toBe('content-too-large');
    expect(called).toBe(false);
  });

  it('refuses bytes after the end of the zlib stream, whether or not the platform inflater does', async () => {
    const body = await packed({ format: 'caravan-project', note: 'trailing' });
    const trailing = new Uint8Array([...body, 0]);
    // The platform (Node 24 here, Chromium in the app) refuses them itself, as the Compression Streams standard says.
    expect((await inflateExactly(trailing.subarray(8), body.length)).ok).toBe(false);
    expect((await unpackRefusal(trailing)).code).toBe('bad-packing');
    // A runtime that ignores them still does not get them past this code.
    expect((await lenientInflate(trailing.subarray(8), new DataView(body.buffer).getUint32(4))).ok).toBe(true);
    const lenient = await unpackRefusal(trailing, lenientInflate);
    expect(lenient.code).toBe('bad-packing');
    expect(lenient.detail).toBe('bytes after the end of the zlib stream');
    for (const extra of [[0, 0, 0, 0], [...body.subarray(8)]])
      expect((await unpackRefusal(new Uint8Array([...body, ...extra]), lenientInflate)).code).toBe('bad-packing');
    // …and a body that ends with its stream is read by both.
    const json = await unpackContent(body, lenientInflate);
    expect(new TextDecoder().decode(json)).toBe(new TextDecoder().decode(await unpackContent(body)));
  });

  it('says so when a newer Caravan made it', async () => {
    expect(await refusal(await packed({ format: 'caravan-project', v: 2 }), 'newer-content')).toMatch(/newer version of Caravan/);
  });

  it('refuses more than MAX_RECORDS records before checking any, and a byte order mark', async () => {
    const base = { format: 'caravan-project', v: 1, variant: 'full', clientId: 'c-1', projectId: 'p-1', exportedAt: 1 };
    expect(await refusal(await packed({ ...base, records: new Array<number>(MAX_RECORDS + 1).fill(0) }), 'too-many-records')).toMatch(/more records/);
    // MAX_RECORDS zeros are as many as allowed: the count passes and the first record is refused.
    expect(await refusal(await packed({ ...base, records: new Array<number>(MAX_RECORDS).fill(0) }), 'bad-content')).toMatch(/Record 1/);
    const json = new TextEncoder().encode(JSON.stringify({ ...base, records: [] }));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...json]);
    const packedBom = new Uint8Array([...PACKED_MAGIC, 0, 0, 0, 0, ...(await deflate(withBom))]);
    new DataView(packedBom.buffer).setUint32(4, withBom.length);
    expect(await refusal(packedBom, 'bad-content')).toMatch(/not readable JSON/);
    expect((await decodeProjectContent(await packed({ ...base, records: [] }))).changes).toEqual([]);
  });

  it('refuses malformed records with their position', async () => {
    const base = { format: 'caravan-project', v: 1, variant: 'full', clientId: 'c-1', projectId: 'p-1', exportedAt: 1 };
    expect(await refusal(await packed({ ...base, records: [{ table: 'timeBlocks', id: 'b', hlc: 'nothex', fields: {} }] }), 'bad-content')).toMatch(
      /Record 1 .* malformed/,
    );
    expect(await refusal(await packed({ ...base, records: [{ table: 'settings', id: 'b', hlc: HLC_A, fields: {} }] }), 'bad-content')).toMatch(/never holds/);
    expect(await refusal(await packed({ ...base, records: [{ table: 'timeBlocks', id: '', hlc: HLC_A, fields: { a: 1 } }] }), 'bad-content')).toMatch(
      /Record 1 .* malformed/,
    );
    expect(await refusal(await packed({ ...base, extra: true, records: [] }), 'bad-content')).toMatch(/not a Caravan project/);
    // A value nested thousands deep is refused like any malformed record, not by overflowing the stack.
    const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
    const withValue = (value: unknown) => ({ ...base, records: [{ table: 'timeBlocks', id: 'b', hlc: HLC_A, fields: { a: value } }] });
    expect(await refusal(await packed(withValue(nested(5000))), 'bad-content')).toMatch(/nesting deeper than 68/);
    expect(await refusal(await packed(withValue(nested(65))), 'bad-content')).toMatch(/nesting/);
    expect((await decodeProjectContent(await packed(withValue(nested(64))))).changes).toHaveLength(1);
    expect(await refusal(await packed({ ...base, format: 'caravan-projects', records: [] }), 'bad-content')).toMatch(/not a Caravan project/);
  });
});

describe('the CLI on a bundle made by the app', () => {
  it('decrypt writes the project JSON, not the packed bytes', async () => {
    const sodium = await getSodium();
    const sign = sodium.crypto_sign_keypair();
    const box = sodium.crypto_box_keypair();
    const bundle = await encodeBundle({
      meta: { kind: 'project', variant: 'full', createdAt: 1_764_000_000_000, residency: { kind: 'zone', zone: 'EEA' } },
      content: await encodeProjectContent(content),
      protection: { kind: 'recipients', recipients: [box.publicKey] },
      signer: { signPublicKey: sign.publicKey, signSecretKey: sign.privateKey, boxPublicKey: box.publicKey },
    });
    const out: Uint8Array[] = [];
    const io: CliIo = {
      readFile: async () => bundle,
      writeFile: async () => undefined,
      readStdin: async () => '',
      env: { [SECRET_KEY_ENV]: toBase64(box.privateKey) },
      stdout: (data) => void out.push(typeof data === 'string' ? new TextEncoder().encode(data) : data),
      stderr: () => undefined,
    };
    expect(await runCli(['decrypt', 'x.caravan'], io)).toBe(EXIT.ok);
    const json = JSON.parse(new TextDecoder().decode(out[0])) as { format: string; records: { table: string }[] };
    expect(json.format).toBe('caravan-project');
    expect(json.records.map((r) => r.table).sort()).toEqual(['projects', 'timeBlocks']);
  });
});
