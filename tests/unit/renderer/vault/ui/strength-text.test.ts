import { describe, expect, it } from 'vitest';
import { guessTimeText } from '../../../../../src-renderer/vault/ui/strength.ts';

describe('guessTimeText', () => {
  it('says "about" only before a number', () => {
    expect(guessTimeText('less than a second')).toBe('less than a second');
    expect(guessTimeText('centuries')).toBe('centuries');
    expect(guessTimeText('3 hours')).toBe('about 3 hours');
  });
});
