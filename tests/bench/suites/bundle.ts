/**
 * Bundle throughput: encodeBundle and decryptBundle (framing, secretstream in 64 KiB chunks,
 * BLAKE2b + Ed25519 signature, verification before decryption) on ~30 MB of time-block JSON,
 * against raw crypto_secretstream_xchacha20poly1305 push/pull of the same bytes in the same
 * chunks, in the same process; and the bundle's size against the plain JSON. Recipient
 * protection, so Argon2id (measured in record-crypto's vault.unlock) stays out of the figures.
 * Runs in Node's V8 with libsodium's WASM, as the renderer does.
 */
import { decryptBundle, encodeBundle } from '../../../src-renderer/bundle/codec/index.ts';
import { getSodium, type Sodium } from '../../../src-renderer/vault/crypto/sodium.ts';
import { figure, type Figure } from '../result.ts';
import { summarize } from '../stats.ts';

const BLOCKS = 100_000;
const ROUNDS = 5;
const CHUNK = 65_536;

/** 100k records shaped like the app's time blocks, as one JSON document. */
function projectJson(): Uint8Array {
  const start = 1_763_900_000_000;
  const blocks = Array.from({ length: BLOCKS }, (_, i) => ({
    id: `0b6f${i.toString(16).padStart(8, '0')}-4c1e-4d0a-9a51-${(i * 7919).toString(16).padStart(12, '0')}`,
    projectId: 'p-7c2d9e41-0b3a-4f6e-8d21-55aa01b3c9f0',
    phaseId: `ph-${i % 12}`,
    start: start + i * 3_600_000,
    end: start + i * 3_600_000 + 2_700_000 + (i % 17) * 60_000,
    kind: i % 5 === 0 ? 'meeting' : 'deep',
    billable: i % 4 !== 0,
    zone: 'Europe/Berlin',
    note: `Worked on the feature-store migration, step ${i}: schema review, backfill check`,
    hlc: `${(start + i * 1000).toString(36)}-0000-a1b2c3d4e5f60718`,
  }));
  return new TextEncoder().encode(JSON.stringify({ format: 'caravan-project', version: 1, timeBlocks: blocks }));
}

function mbPerSecond(bytes: number, work: () => void): number {
  const started = performance.now();
  work();
  return bytes / 1e6 / ((performance.now() - started) / 1000);
}

async function mbPerSecondAsync(bytes: number, work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return bytes / 1e6 / ((performance.now() - started) / 1000);
}

function rawPush(sodium: Sodium, key: Uint8Array, content: Uint8Array): { header: Uint8Array; chunks: Uint8Array[] } {
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const chunks: Uint8Array[] = [];
  const count = Math.max(1, Math.ceil(content.length / CHUNK));
  for (let i = 0; i < count; i++) {
    const tag = i === count - 1 ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    chunks.push(sodium.crypto_secretstream_xchacha20poly1305_push(state, content.subarray(i * CHUNK, (i + 1) * CHUNK), null, tag));
  }
  return { header, chunks };
}

function rawPull(sodium: Sodium, key: Uint8Array, sealed: { header: Uint8Array; chunks: Uint8Array[] }, into: Uint8Array): void {
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(sealed.header, key);
  let at = 0;
  for (const chunk of sealed.chunks) {
    const opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, null);
    if (opened === false) throw new Error('raw pull failed');
    into.set(opened.message, at);
    at += opened.message.length;
  }
}

export async function bundle(): Promise<Figure[]> {
  const sodium = await getSodium();
  const content = projectJson();
  const sign = sodium.crypto_sign_keypair();
  const box = sodium.crypto_box_keypair();
  const signer = { signPublicKey: sign.publicKey, signSecretKey: sign.privateKey, boxPublicKey: box.publicKey };
  const meta = { kind: 'project', variant: 'full', createdAt: Date.now(), residency: { kind: 'zone', zone: 'EU' } } as const;
  const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();

  const encode: number[] = [];
  const decode: number[] = [];
  const push: number[] = [];
  const pull: number[] = [];
  let encoded: Uint8Array = new Uint8Array(0);
  // Round 0 warms the JIT and is discarded.
  for (let round = 0; round <= ROUNDS; round++) {
    const keep = round > 0;
    const e = await mbPerSecondAsync(content.length, async () => {
      encoded = await encodeBundle({ meta, content, protection: { kind: 'recipients', recipients: [box.publicKey] }, signer });
    });
    const d = await mbPerSecondAsync(content.length, () => decryptBundle(encoded, { kind: 'recipient', publicKey: box.publicKey, privateKey: box.privateKey }));
    let sealed: { header: Uint8Array; chunks: Uint8Array[] } = { header: new Uint8Array(0), chunks: [] };
    const p = mbPerSecond(content.length, () => {
      sealed = rawPush(sodium, key, content);
    });
    const into = new Uint8Array(content.length);
    const q = mbPerSecond(content.length, () => rawPull(sodium, key, sealed, into));
    if (keep) {
      encode.push(e);
      decode.push(d);
      push.push(p);
      pull.push(q);
    }
  }

  const mb = Math.round(content.length / 1e5) / 10;
  return [
    figure({
      id: 'bundle.encode',
      description: `encodeBundle of ${mb} MB of JSON (${BLOCKS / 1000}k time blocks), 1 recipient: frame, secretstream 64 KiB chunks, BLAKE2b-512 + Ed25519 (MB/s of content)`,
      unit: 'MB/s',
      value: summarize(encode),
      baseline: { description: 'raw crypto_secretstream push of the same bytes in the same chunks', value: summarize(push) },
    }),
    figure({
      id: 'bundle.decode',
      description: `decryptBundle of the same bundle: parse, verify the signature over the whole file, unseal the key, pull every chunk (MB/s of content)`,
      unit: 'MB/s',
      value: summarize(decode),
      baseline: { description: 'raw crypto_secretstream pull of the same chunks', value: summarize(pull) },
    }),
    figure({
      id: 'bundle.size',
      description: `size of the .caravan file for ${mb} MB of JSON (header, 17 bytes per chunk, signature; no compression)`,
      unit: 'bytes',
      value: summarize([encoded.length]),
      baseline: { description: 'the plain JSON', value: summarize([content.length]) },
    }),
  ];
}
