/**
 * Why the content of a bundle (what the codec decrypted) was refused. Like BundleError in the
 * codec: a stable `code` for the app, the CLI and other readers of docs/bundle-format.md to branch
 * on, a message a person can act on, and a `detail` (offsets, sizes, the platform's words; never
 * content) for logs. Nothing from the bundle was imported when one is thrown.
 */

/**
 * The codes of docs/bundle-format.md ("What Caravan puts in the body"), in the order the checks
 * run, then the import's own refusals.
 */
export type BundleContentErrorCode =
  /** The body does not start with "CRVZ" and a length: it is not a project packed by Caravan. */
  | 'not-a-project'
  /** The packed body states more than 1 GiB of JSON; refused before inflating anything. */
  | 'content-too-large'
  /** The packed body is not exactly one zlib stream that inflates to exactly the stated length. */
  | 'bad-packing'
  /** The JSON is not UTF-8 JSON, or not a project envelope, or a record in it is malformed. */
  | 'bad-content'
  /** A "caravan-project" of another version: made by a newer Caravan. */
  | 'newer-content'
  /** More records than a bundle may hold (MAX_RECORDS). */
  | 'too-many-records'
  /** Well formed, but this vault refuses it (foreign records, deletes, the future, a residency that disagrees…). */
  | 'import-refused';

export interface BundleContentErrorOptions {
  /** 'import-refused' when not given: the refusals that depend on the vault, not on the file. */
  code?: BundleContentErrorCode;
  detail?: string;
  cause?: unknown;
}

export class BundleContentError extends Error {
  override readonly name = 'BundleContentError';
  readonly code: BundleContentErrorCode;
  /** Technical specifics for logs and the CLI; never content. */
  readonly detail: string | undefined;

  // No parameter properties: the CLI runs these files under Node's type stripping.
  constructor(message: string, options: BundleContentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'import-refused';
    this.detail = options.detail;
  }
}

/** True when `error` is a BundleContentError, optionally with the given code. */
export function isBundleContentError(error: unknown, code?: BundleContentErrorCode): error is BundleContentError {
  return error instanceof BundleContentError && (code === undefined || error.code === code);
}
