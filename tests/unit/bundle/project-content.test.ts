/** The project content inside a bundle: packing, strict parsing, and the CLI writing it as JSON. */
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-renderer/vault/crypto/sodium.ts';
import { deflate } from '../../../src-renderer/platform/deflate.ts';
import { BundleContentError, decodeProjectContent, encodeProjectContent, PACKED_MAGIC, type ProjectContent } from '../../../src-renderer/bundle/content/project-content.ts';
import { encodeBundle } from '../../../src-renderer/bundle/codec/index.ts';
import { type CliIo, EXIT, runCli, SECRET_KEY_ENV } from '../../tools/bundle-cli-core.ts';
import { toBase64 } from '../../../src-renderer/vault/crypto/encoding.ts';

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

async function refusal(bytes: Uint8Array): Promise<string> {
  const error = await decodeProjectContent(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleContentError);
  return (error as Error).message;
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
    const big: ProjectContent = { ...content, changes: Array.from({ length: 2000 }, (_, i) => ({ op: 'set', table: 'timeBlocks', id: `b-${i}`, field: 'zone', value: 'Europe/Berlin', hlc: HLC_A }) as const) };
    const json = JSON.stringify(big).length;
    expect((await encodeProjectContent(big)).length).toBeLessThan(json / 5);
  });

  it('refuses what is not packed, or does not inflate to its stated length', async () => {
    expect(await refusal(new TextEncoder().encode('{"format":"caravan-project"}'))).toMatch(/not a Caravan project/);
    expect(await refusal(await packed({ a: 1 }, 3))).toMatch(/damaged/);
    expect(await refusal(await packed({ a: 1 }, 4000))).toMatch(/damaged/);
    const garbage = new Uint8Array(40);
    garbage.set(PACKED_MAGIC);
    new DataView(garbage.buffer).setUint32(4, 20);
    expect(await refusal(garbage)).toMatch(/not compressed data/);
  });

  it('refuses a stated size over 1 GiB before inflating anything', async () => {
    const bytes = await packed({ a: 1 }, 0xffff_ffff);
    expect(await refusal(bytes)).toMatch(/larger than 1 GiB/);
  });

  it('says so when a newer Caravan made it', async () => {
    expect(await refusal(await packed({ format: 'caravan-project', v: 2 }))).toMatch(/newer version of Caravan/);
  });

  it('refuses malformed records with their position', async () => {
    const base = { format: 'caravan-project', v: 1, variant: 'full', clientId: 'c-1', projectId: 'p-1', exportedAt: 1 };
    expect(await refusal(await packed({ ...base, records: [{ table: 'timeBlocks', id: 'b', hlc: 'nothex', fields: {} }] }))).toMatch(/Record 1 .* malformed/);
    expect(await refusal(await packed({ ...base, records: [{ table: 'settings', id: 'b', hlc: HLC_A, fields: {} }] }))).toMatch(/never holds/);
    expect(await refusal(await packed({ ...base, records: [{ table: 'timeBlocks', id: '', hlc: HLC_A, fields: { a: 1 } }] }))).toMatch(/Record 1 .* malformed/);
    expect(await refusal(await packed({ ...base, extra: true, records: [] }))).toMatch(/not a Caravan project/);
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
