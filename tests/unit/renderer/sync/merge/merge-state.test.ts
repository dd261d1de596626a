import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encode } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import {
  applyChange,
  applyChanges,
  cloneState,
  createState,
  materialize,
  MergeError,
  readRecord,
  validateChange,
} from '../../../../../src-renderer/sync/merge/merge-state.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';

const A = '00000000000000aa';
const B = '00000000000000bb';
/** An encoded HLC. */
const h = (ms: number, counter = 0, node = A) => encode({ ms, counter, node });

const set = (id: string, field: string, value: unknown, hlc: string): Change => ({ op: 'set', table: 'clients', id, field, value, hlc });
const unset = (id: string, field: string, hlc: string): Change => ({ op: 'unset', table: 'clients', id, field, hlc });
const del = (id: string, hlc: string): Change => ({ op: 'delete', table: 'clients', id, hlc });

function stateOf(changes: Change[]) {
  const state = createState();
  applyChanges(state, changes);
  return state;
}

describe('last writer wins per field', () => {
  it('keeps the highest HLC per field, in any order, and merges fields of different writes', () => {
    const changes = [set('c1', 'name', 'old', h(100)), set('c1', 'name', 'new', h(200)), set('c1', 'note', 'n', h(150, 0, B))];
    const expected = { clients: { c1: { name: 'new', note: 'n' } } };
    expect(materialize(stateOf(changes))).toEqual(expected);
    expect(materialize(stateOf([...changes].reverse()))).toEqual(expected);
  });

  it('orders by counter, then node id, within one millisecond', () => {
    expect(materialize(stateOf([set('c1', 'x', 'b', h(100, 1, A)), set('c1', 'x', 'a', h(100, 0, B))]))).toEqual({
      clients: { c1: { x: 'b' } },
    });
    expect(materialize(stateOf([set('c1', 'x', 'b', h(100, 0, B)), set('c1', 'x', 'a', h(100, 0, A))]))).toEqual({
      clients: { c1: { x: 'b' } },
    });
  });

  it('is idempotent: re-applying a change reports no change', () => {
    const state = createState();
    const change = set('c1', 'name', 'x', h(100));
    expect(applyChange(state, change)).toBe(true);
    expect(applyChange(state, change)).toBe(false);
    expect(applyChange(state, set('c1', 'name', 'older', h(99)))).toBe(false);
    expect(materialize(state)).toEqual({ clients: { c1: { name: 'x' } } });
  });

  it('breaks an (impossible) equal-HLC tie the same way in both orders', () => {
    const x = set('c1', 'f', { a: 1 }, h(100));
    const y = set('c1', 'f', { a: 2 }, h(100));
    const z = unset('c1', 'f', h(100));
    for (const order of [
      [x, y, z],
      [z, y, x],
      [y, z, x],
    ]) {
      expect(materialize(stateOf(order))).toEqual({ clients: { c1: { f: { a: 2 } } } });
    }
  });
});

describe('unset vs set', () => {
  it('a newer unset removes the field; an older one does not', () => {
    expect(materialize(stateOf([set('c1', 'a', 1, h(100)), set('c1', 'note', 'n', h(100)), unset('c1', 'note', h(200))]))).toEqual({
      clients: { c1: { a: 1 } },
    });
    expect(materialize(stateOf([unset('c1', 'note', h(50)), set('c1', 'a', 1, h(100)), set('c1', 'note', 'n', h(100))]))).toEqual({
      clients: { c1: { a: 1, note: 'n' } },
    });
  });

  it('an unset that arrives first still beats an older set that arrives later', () => {
    const state = createState();
    applyChange(state, set('c1', 'a', 1, h(100)));
    applyChange(state, unset('c1', 'note', h(300)));
    expect(applyChange(state, set('c1', 'note', 'late', h(200)))).toBe(false);
    expect(materialize(state)).toEqual({ clients: { c1: { a: 1 } } });
  });

  it('a record whose every field is unset does not exist', () => {
    expect(materialize(stateOf([set('c1', 'a', 1, h(100)), unset('c1', 'a', h(200))]))).toEqual({});
    expect(readRecord(stateOf([set('c1', 'a', 1, h(100)), unset('c1', 'a', h(200))]), 'clients', 'c1')).toEqual({ status: 'absent' });
  });
});

describe('the delete rule', () => {
  const created = [set('c1', 'name', 'Ada', h(100)), set('c1', 'note', 'secret', h(100))];

  it('a delete after every write removes the record and erases its values from the state', () => {
    const state = stateOf([...created, del('c1', h(200))]);
    expect(materialize(state)).toEqual({});
    expect(readRecord(state, 'clients', 'c1')).toEqual({ status: 'deleted', hlc: h(200) });
    expect(state.tables.get('clients')?.get('c1')?.fields.size).toBe(0);
  });

  it('a write older than the tombstone, arriving late, does not bring the record back', () => {
    const state = stateOf([del('c1', h(200))]);
    expect(applyChange(state, set('c1', 'name', 'Ada', h(150)))).toBe(false);
    expect(materialize(state)).toEqual({});
  });

  it('a tie between a write and a delete goes to the delete', () => {
    expect(materialize(stateOf([set('c1', 'name', 'Ada', h(200)), del('c1', h(200))]))).toEqual({});
    expect(materialize(stateOf([del('c1', h(200)), set('c1', 'name', 'Ada', h(200))]))).toEqual({});
  });

  it('a re-create after the delete brings back only the fields written after it', () => {
    const changes = [...created, del('c1', h(200)), set('c1', 'name', 'Bea', h(300))];
    expect(materialize(stateOf(changes))).toEqual({ clients: { c1: { name: 'Bea' } } });
    expect(materialize(stateOf([...changes].reverse()))).toEqual({ clients: { c1: { name: 'Bea' } } });
    expect(readRecord(stateOf(changes), 'clients', 'c1')).toEqual({ status: 'live', record: { name: 'Bea' }, hlc: h(300) });
  });

  it('a concurrent update with a later HLC than the delete wins, with only its fields', () => {
    const changes = [...created, del('c1', h(200, 0, A)), set('c1', 'note', 'edited', h(200, 1, B))];
    expect(materialize(stateOf(changes))).toEqual({ clients: { c1: { note: 'edited' } } });
  });

  it('an unset alone after the delete does not bring the record back', () => {
    expect(materialize(stateOf([...created, del('c1', h(200)), unset('c1', 'note', h(300))]))).toEqual({});
  });

  it('the highest of several deletes counts, whatever the order', () => {
    const changes = [del('c1', h(400)), set('c1', 'name', 'Bea', h(300)), del('c1', h(200)), set('c1', 'name', 'Cy', h(500))];
    for (const order of [changes, [...changes].reverse(), [changes[2]!, changes[3]!, changes[0]!, changes[1]!]]) {
      const state = stateOf(order);
      expect(materialize(state)).toEqual({ clients: { c1: { name: 'Cy' } } });
      expect(state.tables.get('clients')?.get('c1')?.tombstone).toBe(h(400));
    }
  });

  it('deleting a record never seen leaves a tombstone that hides older writes', () => {
    const state = stateOf([del('ghost', h(100))]);
    expect(readRecord(state, 'clients', 'ghost')).toEqual({ status: 'deleted', hlc: h(100) });
    expect(readRecord(state, 'clients', 'never')).toEqual({ status: 'absent' });
  });
});

describe('state', () => {
  it('cloneState is independent of the original', () => {
    const state = stateOf([set('c1', 'a', 1, h(100))]);
    const copy = cloneState(state);
    applyChange(state, set('c1', 'a', 2, h(200)));
    applyChange(state, set('c2', 'a', 3, h(200)));
    expect(materialize(copy)).toEqual({ clients: { c1: { a: 1 } } });
    expect(materialize(state)).toEqual({ clients: { c1: { a: 2 }, c2: { a: 3 } } });
  });

  it('keeps a field named __proto__ as a plain field', () => {
    const out = materialize(stateOf([set('c1', '__proto__', { polluted: true }, h(100))]));
    const record = out['clients']?.['c1'];
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.hasOwn(record ?? {}, '__proto__')).toBe(true);
    expect((record as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('refuses malformed changes without touching the state', () => {
    const state = createState();
    const bad: unknown[] = [
      null,
      { op: 'patch', table: 'clients', id: 'c', field: 'f', value: 1, hlc: h(1) },
      // Not even a table name a newer Caravan could use (newer tables are kept: below).
      { op: 'set', table: '__proto__', id: 'c', field: 'f', value: 1, hlc: h(1) },
      { op: 'set', table: 'Trips', id: 'c', field: 'f', value: 1, hlc: h(1) },
      { op: 'set', table: 'trips/../x', id: 'c', field: 'f', value: 1, hlc: h(1) },
      { op: 'set', table: 'clients', id: '', field: 'f', value: 1, hlc: h(1) },
      { op: 'set', table: 'clients', id: 'c', field: 'f', value: 1, hlc: h(1).toUpperCase() },
      { op: 'set', table: 'clients', id: 'c', field: 'f', value: 1, hlc: '5' },
      { op: 'set', table: 'clients', id: 'c', field: 'f', hlc: h(1) },
      { op: 'unset', table: 'clients', id: 'c', hlc: h(1) },
    ];
    for (const change of bad) {
      expect(() => validateChange(change)).toThrow(MergeError);
      expect(() => applyChange(state, change as Change)).toThrow(MergeError);
    }
    expect(state.tables.size).toBe(0);
  });

  it('keeps a table a newer Caravan added in the state, merged like any other, while local validation refuses it', () => {
    const state = createState();
    const newer = { op: 'set', table: 'mileageLogs', id: 'm1', field: 'km', value: 12, hlc: h(2) } as const;
    expect(() => validateChange(newer)).toThrow(MergeError);
    expect(validateChange(newer, { newerTables: true })).toBe(newer);
    expect(applyChange(state, newer as unknown as Change)).toBe(true);
    expect(applyChange(state, { ...newer, value: 9, hlc: h(1) } as unknown as Change)).toBe(false);
    expect(materialize(state)).toEqual({ mileageLogs: { m1: { km: 12 } } });
  });
});

describe('order independence (property)', () => {
  const ids = ['c1', 'c2'];
  const fields = ['a', 'b'];
  const hlcArb = fc.record({ ms: fc.integer({ min: 1, max: 6 }), counter: fc.integer({ min: 0, max: 1 }), node: fc.constantFrom(A, B) }).map((x) => encode(x));
  const changeArb: fc.Arbitrary<Change> = fc.oneof(
    fc
      .record({ id: fc.constantFrom(...ids), field: fc.constantFrom(...fields), value: fc.integer({ min: 0, max: 3 }), hlc: hlcArb })
      .map(({ id, field, value, hlc }) => set(id, field, value, hlc)),
    fc.record({ id: fc.constantFrom(...ids), field: fc.constantFrom(...fields), hlc: hlcArb }).map(({ id, field, hlc }) => unset(id, field, hlc)),
    fc.record({ id: fc.constantFrom(...ids), hlc: hlcArb }).map(({ id, hlc }) => del(id, hlc)),
  );

  it('any permutation, with repeats and any split into merged halves, gives the same state', () => {
    fc.assert(
      fc.property(
        fc
          .array(changeArb, { maxLength: 25 })
          .chain((changes) =>
            fc.tuple(fc.constant(changes), fc.shuffledSubarray(changes, { minLength: changes.length }), fc.integer({ min: 0, max: changes.length })),
          ),
        ([changes, shuffled, cut]) => {
          const reference = stateOf(changes);
          // the state itself is canonical, not only its materialization
          expect(stateOf(shuffled)).toEqual(reference);
          expect(stateOf([...changes, ...shuffled.slice(0, cut)])).toEqual(reference);
          const split = stateOf(changes.slice(0, cut));
          applyChanges(split, changes.slice(cut).reverse());
          expect(split).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  });
});
