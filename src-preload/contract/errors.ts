/**
 * Errors cross the process boundary as values, never as thrown exceptions:
 * Electron flattens a rejected `invoke` into an opaque string, and a stack
 * trace is never something a person can act on.
 */

/** Every failure a handler can report. Codes are stable; messages are for people. */
export type ErrorCode =
  | 'invalid-argument'
  | 'forbidden-sender'
  | 'unknown-channel'
  | 'unavailable'
  | 'io-failed'
  /** A rule said no (a kill switch has triggered, an away question is open); the message says which. */
  | 'refused'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** What happened and what to do, in words a person can act on. */
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): IpcResult<T> {
  return { ok: false, error: { code, message } };
}
