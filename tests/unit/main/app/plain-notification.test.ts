/** What reaches the OS notification server is plain text, whatever the page or a project name holds. */
import { describe, expect, it } from 'vitest';
import { MAX_BODY_CHARS, plainNotification, plainText } from '../../../../src-main/app/plain-notification.ts';

describe('plainNotification', () => {
  it('keeps an ordinary kill-switch notice as it is (positive control)', () => {
    expect(plainNotification('Kill switch reached', 'Churn model: stop at 40 h and tell the client.')).toEqual({
      title: 'Kill switch reached',
      body: 'Churn model: stop at 40 h and tell the client.',
    });
  });

  it('drops tags a notification server would render: links, images, styling', () => {
    const { body } = plainNotification('x', 'Pay <a href="https://evil.example/">here</a><img src="file:///etc/passwd"> <b>now</b>');
    expect(body).toBe('Pay here now');
  });

  it('turns the characters markup is made of into look-alikes, so nothing left can parse as markup', () => {
    const { title, body } = plainNotification('A & B <script', 'x < y > z &amp; <');
    expect(title).toBe('A ＆ B ‹script');
    expect(body).toBe('x ‹ y › z ＆amp; ‹');
    expect(`${title}${body}`).not.toMatch(/[<>&]/u);
  });

  it('drops bidi overrides, zero-width and control characters; a title is one line', () => {
    expect(plainNotification('Invoice\u202Efdp.exe\u200B\nnext', 'a\u0007b\u2066c').title).toBe('Invoicefdp.exe next');
    expect(plainNotification('t', 'a\u0007b\u2066c\u0000').body).toBe('abc');
  });

  it('caps the length with an ellipsis, and never leaves an empty title', () => {
    const { title, body } = plainNotification('<b></b>', 'y'.repeat(MAX_BODY_CHARS + 50));
    expect(title).toBe('Caravan');
    expect([...body]).toHaveLength(MAX_BODY_CHARS);
    expect(body.endsWith('…')).toBe(true);
    expect(plainText('a\n\n\n\nb', 10)).toBe('a\n\nb');
  });
});
