import { describe, expect, it } from 'vitest';
import { systemError } from '../../../../src-main/sync/transport.ts';

describe('systemError words', () => {
  it('says what a network code means, never the code', () => {
    const notFound = systemError(Object.assign(new Error('getaddrinfo ENOTFOUND dav.example'), { code: 'ENOTFOUND' }), 'The WebDAV server');
    expect(notFound?.message).toBe(
      "The WebDAV server cannot be reached: the server's name could not be found (check the address, or the internet connection). Caravan will try again when it can.",
    );
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EACCES', 'ENOSPC']) {
      const message = systemError({ code }, 'The target')?.message ?? '';
      expect(message).not.toMatch(/\bE[A-Z_]{3,}\b/u);
      expect(message.length).toBeGreaterThan(20);
    }
  });

  it("reads fetch's wrapped cause", () => {
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND s3.example'), { code: 'ENOTFOUND' }) });
    expect(systemError(fetchFailed, 'The bucket')?.message).toContain("the server's name could not be found");
  });
});
