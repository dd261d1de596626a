/**
 * The public types of the bundle codec (docs/bundle-format.md). The app builds the content and
 * decides whom to trust; the codec frames, encrypts, signs, verifies and decrypts bytes.
 */
import type { ResidencyPolicy } from '../../../src-preload/contract/residency.ts';
import type { KdfParams } from '../../vault/crypto/kdf.ts';

/**
 * Argon2id of a passphrase into a 32-byte key, as `vault/crypto/kdf.ts` `deriveKek` does it (the
 * default). The app passes its key worker's, so the second or so of Argon2id does not freeze the
 * window; the codec has checked the cost against the floor and ceiling before it calls.
 */
export type PassphraseKdf = (passphrase: string, params: KdfParams) => Promise<Uint8Array>;

/** How a new bundle's content key is protected. */
export type BundleProtection =
  | {
      kind: 'passphrase';
      passphrase: string;
      /** Argon2id cost; defaults to the vault default (3 passes, 256 MiB). Must be within the vault's floor and ceiling. */
      cost?: { opsLimit: number; memLimitBytes: number };
      /** Where Argon2id runs; this thread by default. */
      kdf?: PassphraseKdf;
    }
  | {
      kind: 'recipients';
      /** X25519 public keys, 32 bytes each, 1..64. */
      recipients: Uint8Array[];
    };

/** The exporting vault's identity keys. */
export interface BundleSigner {
  /** Ed25519 public key, 32 bytes; written in the header. */
  signPublicKey: Uint8Array;
  /** Ed25519 secret key, 64 bytes (libsodium layout); must belong to signPublicKey. */
  signSecretKey: Uint8Array;
  /** X25519 public key, 32 bytes; written in the header so a recipient can reply. */
  boxPublicKey: Uint8Array;
}

/** What the clear header says about the content. Readable without a key: codes only, no names. */
export interface BundleMeta {
  kind: 'project';
  variant: 'full' | 'handoff';
  /** ms since the Unix epoch. */
  createdAt: number;
  /** The residency policy of the data inside; import enforces it. */
  residency: ResidencyPolicy;
}

/** What a reader learns about a bundle without decrypting it. */
export interface BundleInfo {
  formatVersion: number;
  meta: BundleMeta;
  /** Who signed it, as the header claims; after verifyBundle/decryptBundle, proven. Whether to trust them is the app's call. */
  signer: { signPublicKey: Uint8Array; boxPublicKey: Uint8Array; fingerprint: string };
  protection: { kind: 'passphrase'; opsLimit: number; memLimitBytes: number } | { kind: 'recipients'; count: number };
  chunkCount: number;
  /** Plaintext length of the content. */
  bodyBytes: number;
  /** The header exactly as written (canonical JSON), for diagnostics and the CLI. */
  headerText: string;
  /** Length of the whole file in bytes. */
  fileBytes: number;
}

/** The key a reader offers to decrypt. */
export type BundleKey = { kind: 'passphrase'; passphrase: string; kdf?: PassphraseKdf } | { kind: 'recipient'; publicKey: Uint8Array; privateKey: Uint8Array };

/** Progress in bytes processed; `total` is fixed for one call and `done` reaches it at the end. */
export type BundleProgress = (done: number, total: number) => void;
