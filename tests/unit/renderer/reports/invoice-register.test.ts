import { describe, expect, it } from 'vitest';
import {
  billedBy,
  billedItemsText,
  type InvoiceRecord,
  LEGACY_REGISTER_SETTING,
  newEntry,
  readRegister,
  legacyKey,
  newOrigin,
  registerKey,
  reissuedEntry,
  voidedEntry,
} from '../../../../src-renderer/reports/invoice-register.ts';
import { idSchema } from '../../../../src-renderer/domain/common.ts';

const record = (number: string, extra: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  number,
  clientId: 'c1',
  issueDate: '2026-11-20',
  status: 'issued',
  blockIds: ['b1'],
  expenseIds: [],
  totals: [['EUR', 100]],
  ...extra,
});
const row = (r: InvoiceRecord, origin = `${r.number.replace('-', '')}aaaa0001`) => ({ id: registerKey(origin), value: r });

describe('the invoice register', () => {
  it('reads one row per invoice, keeps unreadable rows out, counted, and ignores other settings', () => {
    const read = readRegister([
      row(record('2026-0002')),
      { id: registerKey('bad'), value: { number: 3 } },
      row(record('2026-0001')),
      { id: 'invoice.seller', value: {} },
    ]);
    expect(read.records.map((r) => r.number)).toEqual(['2026-0001', '2026-0002']);
    expect(read.records[0]).toEqual({ ...record('2026-0001'), key: 'invoice/20260001aaaa0001' });
    expect(read.unreadable).toBe(1);
    expect(readRegister([])).toEqual({ records: [], unreadable: 0, written: new Map(), oldVoids: new Set() });
  });

  it('keys are valid record ids that do not show the number; a legacy number is escaped', () => {
    const origin = newOrigin();
    expect(origin).toMatch(/^[0-9a-f]{16}$/);
    expect(newOrigin()).not.toBe(origin);
    expect(idSchema.safeParse(registerKey(origin)).success).toBe(true);
    expect(idSchema.safeParse(legacyKey('A|B\u0001')).success).toBe(true);
    expect(legacyKey('2026-0001')).toBe('invoice/legacy/2026-0001');
  });

  it('migrates the version 1 array: every entry is kept, under a key every device derives alike', () => {
    const legacy = { id: LEGACY_REGISTER_SETTING, value: [record('2026-0001'), record('2026-0002', { blockIds: ['b2'] }), { number: 3 }] };
    const read = readRegister([legacy, row(record('2026-0003', { blockIds: ['b3'] }))]);
    expect(read.records.map((r) => [r.number, r.key])).toEqual([
      ['2026-0001', 'invoice/legacy/2026-0001'],
      ['2026-0002', 'invoice/legacy/2026-0002'],
      ['2026-0003', 'invoice/20260003aaaa0001'],
    ]);
    expect(read.unreadable).toBe(1);
  });

  it('a migrated invoice written as a row wins over the array, except a void the array got later from an older version', () => {
    const voidedRow = { id: legacyKey('2026-0001'), value: record('2026-0001', { status: 'void', voidedOn: '2026-11-22' }) };
    expect(readRegister([{ id: LEGACY_REGISTER_SETTING, value: [record('2026-0001')] }, voidedRow]).records[0]).toMatchObject({ status: 'void' });
    const issuedRow = { id: legacyKey('2026-0001'), value: record('2026-0001') };
    const olderVoid = { id: LEGACY_REGISTER_SETTING, value: [record('2026-0001', { status: 'void', voidedOn: '2026-11-23' })] };
    expect(readRegister([olderVoid, issuedRow]).records).toEqual([expect.objectContaining({ status: 'void', voidedOn: '2026-11-23' })]);
  });

  it('tells which entries the version 1 array says are void, and the last write of the setting each entry was read from', () => {
    const olderVoid = { id: LEGACY_REGISTER_SETTING, value: [record('2026-0001', { status: 'void', voidedOn: '2026-11-23' }), record('2026-0002')], hlc: 'h2' };
    const read = readRegister([olderVoid, { ...row(record('2026-0003')), hlc: 'h3' }]);
    expect([...read.oldVoids]).toEqual([legacyKey('2026-0001')]);
    expect(read.records.map((r) => [r.number, read.written.get(r.key)])).toEqual([
      ['2026-0001', 'h2'],
      ['2026-0002', 'h2'],
      ['2026-0003', 'h3'],
    ]);
  });

  it('refuses, in words, to undo a void the version 1 array holds: the array would void it again at the next load', () => {
    const olderVoid = { id: LEGACY_REGISTER_SETTING, value: [record('2026-0001', { status: 'void', voidedOn: '2026-11-23' })] };
    const read = readRegister([olderVoid]);
    expect(() => reissuedEntry(read.records, legacyKey('2026-0001'), read.oldVoids)).toThrow(
      'Invoice 2026-0001 was voided by an older version of Caravan, whose register still says void; the void cannot be undone. Issue its time again on a new invoice.',
    );
    // A void written in the new form (the array still says issued) can be undone.
    const rowVoid = { id: legacyKey('2026-0001'), value: record('2026-0001', { status: 'void', voidedOn: '2026-11-23' }) };
    const both = readRegister([{ id: LEGACY_REGISTER_SETTING, value: [record('2026-0001')] }, rowVoid]);
    expect(reissuedEntry(both.records, legacyKey('2026-0001'), both.oldVoids)).toMatchObject({ status: 'issued' });
  });

  it('maps each billed id to its issued invoice, and not to a void one', () => {
    const map = billedBy([record('2026-0001', { status: 'void', voidedOn: '2026-11-21' }), record('2026-0002', { blockIds: ['b2'], expenseIds: ['e1'] })]);
    expect([...map]).toEqual([
      ['b2', '2026-0002'],
      ['e1', '2026-0002'],
    ]);
  });

  it('refuses to reuse a number and to void twice', () => {
    const first = newEntry([], record('2026-0001'), 'o1');
    const voided = voidedEntry([first], first.key, '2026-11-21');
    expect(voided).toMatchObject({ status: 'void', voidedOn: '2026-11-21', key: first.key });
    expect(() => newEntry([voided], record('2026-0001'), 'o2')).toThrow('never reused');
    expect(() => voidedEntry([voided], first.key, '2026-11-22')).toThrow('already void');
    expect(() => voidedEntry([voided], registerKey('o9'), '2026-11-22')).toThrow('not in your register');
  });

  it('undoes a void only while nothing else bills the same time, and only of a void invoice', () => {
    const first = newEntry([], record('2026-0001'), 'o1');
    const voided = voidedEntry([first], first.key, '2026-11-21');
    expect(reissuedEntry([voided], first.key)).toEqual(first);
    // Voided, then the same block billed again on a new invoice: taking the void back would bill it twice.
    const rebilled = [voided, newEntry([voided], record('2026-0002'), 'o1')];
    expect(() => reissuedEntry(rebilled, first.key)).toThrow('invoice 2026-0002 bills some of the same time');
    expect(() => reissuedEntry([first], first.key)).toThrow('is not void');
  });

  it('says what an invoice billed in words', () => {
    expect(billedItemsText({ blockIds: ['a', 'b'], expenseIds: ['e'] })).toBe('2 time blocks and 1 expense');
    expect(billedItemsText({ blockIds: ['a'], expenseIds: [] })).toBe('1 time block');
  });
});
