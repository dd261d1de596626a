/**
 * Words for records and fields on the deletion review and the conflicts list: a table or field a
 * newer (or hostile) device named after something every object has must still read as words.
 */
import { describe, expect, it } from 'vitest';
import { fieldWord, kindWord, recordLabel } from '../../../../src-renderer/sync/record-labels.ts';

const names = { project: () => undefined, client: () => undefined };

describe('record labels', () => {
  it('a table named like a property every object has is "record", not a crash', () => {
    for (const table of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(kindWord(table)).toBe('record');
      expect(kindWord(table, 2)).toBe('records');
      expect(typeof recordLabel(table, { name: 'x' }, names)).toBe('string');
    }
  });

  it('a field named like one is split into words', () => {
    expect(fieldWord('constructor')).toBe('Constructor');
    expect(fieldWord('toString')).toBe('To string');
    expect(typeof fieldWord('__proto__')).toBe('string');
    expect(fieldWord('note')).toBe('Note');
  });
});
