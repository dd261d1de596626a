/** Errors of the hybrid logical clock. */

/** Why the clock refused a timestamp. */
export type HlcErrorCode =
  /** More than 65 535 events in one millisecond, or a remote counter at the limit. */
  | 'counter-overflow'
  /** A remote timestamp is further ahead of local time than the allowed drift. */
  | 'clock-drift'
  /** Not a well-formed timestamp (range, node id, encoding). */
  | 'invalid-timestamp';

/** A refusal from the clock; the clock's state is unchanged when one is thrown. */
export class HlcError extends Error {
  override readonly name = 'HlcError';
  readonly code: HlcErrorCode;
  /** For 'clock-drift': how far ahead of local time the remote timestamp is, in ms. */
  readonly driftMs: number | undefined;

  constructor(code: HlcErrorCode, message: string, driftMs?: number) {
    super(message);
    this.code = code;
    this.driftMs = driftMs;
  }
}
