import { describe, expect, it } from 'vitest';
import { formatLogLine, memoryLog } from '../../../../src-main/app/main-log.ts';

describe("main's log", () => {
  it('writes one line with the time, the message and the detail', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(formatLogLine('blocked renderer request', undefined, at)).toBe('2026-01-02T03:04:05.000Z [caravan] blocked renderer request');
    expect(formatLogLine('probe', { online: false }, at)).toBe('2026-01-02T03:04:05.000Z [caravan] probe { online: false }');
    expect(formatLogLine('failed', new Error('disk full'), at)).toMatch(/\[caravan\] failed Error: disk full\n\s+at /);
  });

  it('keeps lines in memory, oldest first, and passes each message on', () => {
    const seen: string[] = [];
    const memory = memoryLog((message) => seen.push(message));
    memory.log('one');
    memory.log('two', 2);
    expect(memory.lines().map((line) => line.replace(/^\S+ /, ''))).toEqual(['[caravan] one', '[caravan] two 2']);
    expect(seen).toEqual(['one', 'two']);
    memory.lines().push('not kept');
    expect(memory.lines()).toHaveLength(2);
  });
});
