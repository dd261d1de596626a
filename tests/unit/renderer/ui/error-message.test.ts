import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../../src-renderer/ui/error-message.ts';

describe('errorMessage', () => {
  it('takes the message of an Error and its subclasses, never the stack or the name', () => {
    expect(errorMessage(new Error('The vault is locked.'))).toBe('The vault is locked.');
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
    class ConstraintError extends Error {}
    expect(errorMessage(new ConstraintError('duplicate name'))).toBe('duplicate name');
  });

  it('takes the message of a DOMException (IndexedDB and WebCrypto throw those)', () => {
    expect(errorMessage(new DOMException('The transaction was aborted.', 'AbortError'))).toBe('The transaction was aborted.');
  });

  it('turns any other thrown value into text', () => {
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(null)).toBe('null');
    expect(errorMessage({ toString: () => 'custom' })).toBe('custom');
  });

  it('does not throw on a value that cannot be made into text', () => {
    expect(errorMessage(Object.create(null))).toMatch(/could not be shown as text/);
    expect(
      errorMessage({
        toString: () => {
          throw new Error('nope');
        },
      }),
    ).toMatch(/could not be shown as text/);
  });
});
