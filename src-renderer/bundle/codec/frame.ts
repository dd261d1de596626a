/**
 * Reads the clear part of a bundle: framing, header, declared length. No key and no signature
 * check: everything here is refusable on unauthenticated bytes (refusing needs no proof), and it
 * all runs before the reader allocates anything the size of the body or derives a key.
 */
import { BundleError } from './errors.ts';
import { type BundleHeader, decodeKeyField, parseHeader } from './header.ts';
import { checkKdfCost } from './key-protection.ts';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_MAGIC,
  type BundleLayout,
  layoutFor,
  MAX_BODY_BYTES,
  MAX_HEADER_BYTES,
  MIN_HEADER_BYTES,
  PREFIX_BYTES,
} from './layout.ts';
import { fingerprint } from './public-identity.ts';
import type { BundleInfo } from './types.ts';

/** A bundle whose framing and header are valid and whose length is exactly what the header declares. */
export interface Frame {
  readonly header: BundleHeader;
  readonly layout: BundleLayout;
  readonly info: BundleInfo;
}

const textDecoder = new TextDecoder();

/** Checks steps 1 to 8 of docs/bundle-format.md "Verification order"; throws BundleError. */
export function readFrame(bytes: Uint8Array): Frame {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('a bundle is a Uint8Array');
  const length = bytes.length;
  for (let i = 0; i < Math.min(length, BUNDLE_MAGIC.length); i++) {
    if (bytes[i] !== BUNDLE_MAGIC[i]) throw new BundleError('bad-magic');
  }
  if (length < PREFIX_BYTES) throw new BundleError('truncated', `${length} bytes`);
  if (bytes[4] !== BUNDLE_FORMAT_VERSION) throw new BundleError('unsupported-version', `format ${bytes[4]}, this Caravan reads ${BUNDLE_FORMAT_VERSION}`);
  const H = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5, false);
  if (H < MIN_HEADER_BYTES || H > MAX_HEADER_BYTES) throw new BundleError('bad-header', `header length ${H}`);
  if (length < PREFIX_BYTES + H) throw new BundleError('truncated', `${length} bytes, the header alone needs ${PREFIX_BYTES + H}`);
  const headerRaw = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + H);
  const header = parseHeader(headerRaw);
  if (header.bodyBytes > MAX_BODY_BYTES) throw new BundleError('too-large', `${header.bodyBytes} bytes of content, at most ${MAX_BODY_BYTES}`);
  if (header.protection.kind === 'passphrase') checkKdfCost(header.protection);
  const layout = layoutFor(H, header.bodyBytes);
  if (length < layout.totalBytes) throw new BundleError('truncated', `${length} of ${layout.totalBytes} bytes`);
  if (length > layout.totalBytes) throw new BundleError('trailing-data', `${length - layout.totalBytes} bytes after the signature`);
  return { header, layout, info: describe(header, layout, textDecoder.decode(headerRaw)) };
}

function describe(header: BundleHeader, layout: BundleLayout, headerText: string): BundleInfo {
  const signPublicKey = decodeKeyField(header.signer.sign);
  const p = header.protection;
  return {
    formatVersion: BUNDLE_FORMAT_VERSION,
    meta: { kind: header.kind, variant: header.variant, createdAt: header.createdAt, residency: structuredClone(header.residency) },
    signer: { signPublicKey, boxPublicKey: decodeKeyField(header.signer.box), fingerprint: fingerprint(signPublicKey) },
    protection:
      p.kind === 'passphrase' ? { kind: 'passphrase', opsLimit: p.opsLimit, memLimitBytes: p.memLimitBytes } : { kind: 'recipients', count: p.sealed.length },
    chunkCount: layout.chunkCount,
    bodyBytes: layout.bodyBytes,
    headerText,
    fileBytes: layout.totalBytes,
  };
}
