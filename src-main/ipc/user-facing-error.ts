import type { ErrorCode } from '../../src-preload/contract/errors.ts';

/**
 * An error whose message is written for the person using the app. `dispatch`
 * passes its code and message to the renderer; any other error becomes a
 * generic `internal` error and its detail stays in main's log.
 */
export class UserFacingError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
  }
}
