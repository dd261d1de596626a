/**
 * Encodes and decodes `.caravan` project bundles (docs/bundle-format.md; layout in layout.ts,
 * header in header.ts, key protection in key-protection.ts, signature in signature.ts).
 *
 * The body is crypto_secretstream_xchacha20poly1305 in 64 KiB plaintext chunks: chunk 0 carries
 * bytes [0, 9+H) (magic, version, header length, header) as associated data, the others none,
 * since secretstream chains every chunk to the ones before it; every chunk but the last has
 * TAG_MESSAGE and the last TAG_FINAL. Truncation, reordering, dropping or duplicating chunks are
 * therefore refused by the stream itself even for a holder of the key, and by the signature and
 * the declared length for anyone.
 *
 * Reading verifies the signature before anything is decrypted, and returns the content whole or
 * throws a BundleError; a BundleError is the only thing it throws for any input bytes (RangeError
 * or TypeError mean a caller's mistake in the other arguments).
 *
 * Memory: the encoder allocates the output once at its exact size and encrypts into it chunk by
 * chunk; the decoder allocates the content once and decrypts into it. Neither copies the input.
 *
 * `inspectBundle` is synchronous and needs libsodium loaded (for the fingerprint): await
 * `getSodium()` (or any of the async functions here) once before calling it.
 */
import { DEFAULT_KDF_COST } from '../../vault/crypto/kdf.ts';
import { randomBytes } from '../../vault/crypto/random.ts';
import { getSodium, type Sodium } from '../../vault/crypto/sodium.ts';
import { toBase64 } from '../../vault/crypto/encoding.ts';
import { BundleError } from './errors.ts';
import { readFrame, type Frame } from './frame.ts';
import { type BundleHeader, headerBytes, PUBLIC_KEY_BYTES } from './header.ts';
import { checkKdfCost, FILE_KEY_BYTES, openAsRecipient, sealToRecipients, unwrapWithPassphrase, wrapWithPassphrase } from './key-protection.ts';
import { BUNDLE_FORMAT_VERSION, BUNDLE_MAGIC, CHUNK_BYTES, CHUNK_OVERHEAD_BYTES, layoutFor, MAX_BODY_BYTES, MAX_HEADER_BYTES, PREFIX_BYTES } from './layout.ts';
import { createPacer } from './pacer.ts';
import { residencyProblem } from './residency.ts';
import { signedRegionHash, verifySignedRegion } from './signature.ts';
import type { BundleInfo, BundleKey, BundleMeta, BundleProgress, BundleProtection, BundleSigner } from './types.ts';

/** What `encodeBundle` needs. */
export interface EncodeBundleInput {
  meta: BundleMeta;
  /** The body plaintext: opaque bytes to the codec (the app puts canonical JSON there). */
  content: Uint8Array;
  protection: BundleProtection;
  signer: BundleSigner;
  /** Plaintext bytes encrypted so far, of content.length. */
  onProgress?: BundleProgress;
}

/**
 * Builds a signed, encrypted bundle. Throws BundleError 'too-large' (content over 1 GiB) or
 * 'kdf-cost' (a passphrase cost outside floor..ceiling); RangeError for malformed meta or keys.
 */
export async function encodeBundle(input: EncodeBundleInput): Promise<Uint8Array> {
  const sodium = await getSodium();
  const { meta, content, protection, signer, onProgress } = input;
  if (!(content instanceof Uint8Array)) throw new TypeError('encodeBundle: content must be a Uint8Array');
  if (content.length > MAX_BODY_BYTES) throw new BundleError('too-large', `${content.length} bytes of content, at most ${MAX_BODY_BYTES}`);
  checkSigner(sodium, signer);
  // The header is validated in full when written; these first, so a bad meta fails before a second of Argon2id.
  const residency = residencyProblem(meta.residency);
  if (residency !== undefined) throw new RangeError(`encodeBundle: ${residency}`);
  if (meta.kind !== 'project' || (meta.variant !== 'full' && meta.variant !== 'handoff') || !Number.isSafeInteger(meta.createdAt) || meta.createdAt < 0) {
    throw new RangeError('encodeBundle: meta needs kind "project", variant "full" or "handoff" and createdAt in ms');
  }
  if (protection.kind === 'passphrase') {
    if (typeof protection.passphrase !== 'string' || protection.passphrase.length === 0) throw new RangeError('encodeBundle: the passphrase is empty');
    checkKdfCost(protection.cost ?? DEFAULT_KDF_COST);
  }

  const fileKey = randomBytes(FILE_KEY_BYTES);
  try {
    const header: BundleHeader = {
      v: 1,
      kind: meta.kind,
      variant: meta.variant,
      createdAt: meta.createdAt,
      bodyBytes: content.length,
      residency: meta.residency,
      signer: { sign: toBase64(signer.signPublicKey), box: toBase64(signer.boxPublicKey) },
      protection:
        protection.kind === 'passphrase'
          ? await wrapWithPassphrase(sodium, fileKey, protection.passphrase, { ...(protection.cost ?? DEFAULT_KDF_COST) }, protection.kdf)
          : sealToRecipients(sodium, fileKey, protection.recipients),
    };
    const headerRaw = headerBytes(header);
    if (headerRaw.length > MAX_HEADER_BYTES) throw new RangeError(`encodeBundle: a header of ${headerRaw.length} bytes, at most ${MAX_HEADER_BYTES}`);

    const layout = layoutFor(headerRaw.length, content.length);
    const out = new Uint8Array(layout.totalBytes);
    out.set(BUNDLE_MAGIC, 0);
    out[4] = BUNDLE_FORMAT_VERSION;
    new DataView(out.buffer).setUint32(5, headerRaw.length, false);
    out.set(headerRaw, PREFIX_BYTES);
    const push = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
    out.set(push.header, layout.streamHeaderAt);
    const hash = signedRegionHash(sodium);
    hash.update(out.subarray(0, layout.chunksAt));
    const chunk0Ad = out.subarray(0, layout.streamHeaderAt);

    const pace = createPacer();
    let at = layout.chunksAt;
    for (let i = 0; i < layout.chunkCount; i++) {
      const start = i * CHUNK_BYTES;
      const end = Math.min(start + CHUNK_BYTES, content.length);
      const last = i === layout.chunkCount - 1;
      const tag = last ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(push.state, content.subarray(start, end), i === 0 ? chunk0Ad : null, tag);
      out.set(sealed, at);
      hash.update(sealed);
      at += sealed.length;
      onProgress?.(end, content.length);
      await pace();
    }
    if (at !== layout.signatureAt) throw new Error(`encodeBundle: wrote ${at} bytes where the layout says ${layout.signatureAt}`);
    out.set(sodium.crypto_sign_detached(hash.message(), signer.signSecretKey), layout.signatureAt);
    return out;
  } finally {
    fileKey.fill(0);
  }
}

/**
 * Parses and validates the framing and header, with no cryptography beyond parsing (the header
 * is NOT authenticated by this: show it as "claims", decide nothing on it). Throws BundleError.
 * Needs libsodium loaded (see the module comment).
 */
export function inspectBundle(bytes: Uint8Array): BundleInfo {
  return readFrame(bytes).info;
}

/**
 * Checks the framing, the header, the exact length (and so the chunk structure) and the
 * signature by the key in the header. Without a key the chunks' AEAD cannot be checked; the
 * signature already proves they are what the signer wrote. Throws BundleError.
 */
export async function verifyBundle(bytes: Uint8Array, onProgress?: BundleProgress): Promise<BundleInfo> {
  const sodium = await getSodium();
  const frame = readFrame(bytes);
  await verifyFrame(sodium, bytes, frame, (done) => onProgress?.(done, frame.layout.signatureAt));
  return frame.info;
}

/**
 * Verifies (as verifyBundle), then opens the file key and decrypts every chunk. Returns the
 * content whole or throws BundleError ('wrong-key-kind', 'wrong-passphrase', 'not-a-recipient',
 * 'bad-chunk', 'missing-final' after the verification codes); nothing partial is returned.
 * Progress counts the signed bytes hashed, then the ciphertext bytes decrypted.
 */
export async function decryptBundle(bytes: Uint8Array, key: BundleKey, onProgress?: BundleProgress): Promise<{ info: BundleInfo; content: Uint8Array }> {
  const sodium = await getSodium();
  const frame = readFrame(bytes);
  const { layout, header } = frame;
  const cipherBytes = layout.signatureAt - layout.chunksAt;
  const total = layout.signatureAt + cipherBytes;
  await verifyFrame(sodium, bytes, frame, (done) => onProgress?.(done, total));

  const fileKey = await openFileKey(sodium, header, key);
  const content = new Uint8Array(layout.bodyBytes);
  try {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(bytes.subarray(layout.streamHeaderAt, layout.chunksAt), fileKey);
    const chunk0Ad = bytes.subarray(0, layout.streamHeaderAt);
    const pace = createPacer();
    let at = layout.chunksAt;
    for (let i = 0; i < layout.chunkCount; i++) {
      const plainBytes = Math.min(CHUNK_BYTES, layout.bodyBytes - i * CHUNK_BYTES);
      const end = at + plainBytes + CHUNK_OVERHEAD_BYTES;
      const last = i === layout.chunkCount - 1;
      const opened = pullChunk(sodium, state, bytes.subarray(at, end), i === 0 ? chunk0Ad : null, i, layout.chunkCount);
      if (last && opened.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        throw new BundleError('missing-final', `chunk ${i + 1} of ${layout.chunkCount} has tag ${opened.tag}`);
      }
      if (!last && opened.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
        throw new BundleError('bad-chunk', `chunk ${i + 1} of ${layout.chunkCount} has tag ${opened.tag} before the end`);
      }
      content.set(opened.message, i * CHUNK_BYTES);
      opened.message.fill(0);
      at = end;
      onProgress?.(layout.signatureAt + (at - layout.chunksAt), total);
      await pace();
    }
    return { info: frame.info, content };
  } catch (error) {
    content.fill(0);
    throw error;
  } finally {
    fileKey.fill(0);
  }
}

async function verifyFrame(sodium: Sodium, bytes: Uint8Array, frame: Frame, onStep: (done: number) => void): Promise<void> {
  const { signPublicKey } = frame.info.signer;
  if (!(await verifySignedRegion(sodium, bytes, frame.layout.signatureAt, signPublicKey, onStep))) {
    throw new BundleError('bad-signature', `signer ${frame.info.signer.fingerprint}`);
  }
}

async function openFileKey(sodium: Sodium, header: BundleHeader, key: BundleKey): Promise<Uint8Array> {
  const protection = header.protection;
  if (key.kind === 'passphrase') {
    if (typeof key.passphrase !== 'string') throw new TypeError('decryptBundle: the passphrase must be a string');
    if (protection.kind !== 'passphrase') throw new BundleError('wrong-key-kind', 'it is sealed to recipients; open it with your identity, not a passphrase');
    return unwrapWithPassphrase(sodium, protection, key.passphrase, key.kdf);
  }
  if (key.kind === 'recipient') {
    if (protection.kind !== 'recipients') throw new BundleError('wrong-key-kind', 'it is protected by a passphrase');
    return openAsRecipient(sodium, protection, key.publicKey, key.privateKey);
  }
  throw new TypeError(`decryptBundle: unknown key kind ${String((key as { kind: unknown }).kind)}`);
}

function pullChunk(
  sodium: Sodium,
  state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']>,
  cipher: Uint8Array,
  ad: Uint8Array | null,
  index: number,
  count: number,
): { message: Uint8Array; tag: number } {
  // The typings say pull never fails; libsodium.js returns false (not a throw) when the MAC does not verify.
  let opened: { message: Uint8Array; tag: number } | false;
  try {
    opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, cipher, ad);
  } catch (cause) {
    throw new BundleError('bad-chunk', `chunk ${index + 1} of ${count}`, { cause });
  }
  if (opened === false || !(opened.message instanceof Uint8Array)) throw new BundleError('bad-chunk', `chunk ${index + 1} of ${count} does not decrypt`);
  return { message: opened.message, tag: opened.tag };
}

function checkSigner(sodium: Sodium, signer: BundleSigner): void {
  const { signPublicKey, signSecretKey, boxPublicKey } = signer;
  if (signPublicKey?.length !== PUBLIC_KEY_BYTES || boxPublicKey?.length !== PUBLIC_KEY_BYTES || signSecretKey?.length !== 64) {
    throw new RangeError('encodeBundle: the signer needs a 32-byte sign public key, a 64-byte sign secret key and a 32-byte box public key');
  }
  const derived = sodium.crypto_sign_ed25519_sk_to_pk(signSecretKey);
  if (derived.some((b, i) => b !== signPublicKey[i])) throw new RangeError('encodeBundle: the signing secret key does not belong to signPublicKey');
}
