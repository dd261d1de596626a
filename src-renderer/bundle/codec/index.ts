/** The bundle codec's public surface (docs/bundle-format.md). Pure TS over libsodium: no Dexie, DOM or Node. */
export { decryptBundle, encodeBundle, type EncodeBundleInput, inspectBundle, verifyBundle } from './bundle-codec.ts';
export { BundleError, type BundleErrorCode, isBundleError } from './errors.ts';
export { MAX_RECIPIENTS } from './header.ts';
export { BUNDLE_FORMAT_VERSION, BUNDLE_MAGIC_TEXT, CHUNK_BYTES, MAX_BODY_BYTES } from './layout.ts';
export { decodePublicIdentity, encodePublicIdentity, fingerprint, PUBLIC_IDENTITY_PREFIX, type PublicIdentity } from './public-identity.ts';
export type { BundleInfo, BundleKey, BundleMeta, BundleProgress, BundleProtection, BundleSigner, PassphraseKdf } from './types.ts';
