/**
 * The merge's one rule for invoice documents: an issued document never changes. The issue is one
 * write of the whole document (every field, under one HLC); a concurrent edit or delete of the
 * draft from an offline device is refused in whatever order the changes arrive, and of two issues
 * of one draft (a stop half way finished elsewhere) the earlier one wins everywhere.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encode } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { applyChange, applyChanges, createState, issueFirst, materialize } from '../../../../../src-renderer/sync/merge/merge-state.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';

const A = '00000000000000aa';
const B = '00000000000000bb';
const C = '00000000000000cc';
const h = (ms: number, node = A) => encode({ ms, counter: 0, node });

const set = (field: string, value: unknown, hlc: string): Change => ({ op: 'set', table: 'invoices', id: 'inv1', field, value, hlc });
const unset = (field: string, hlc: string): Change => ({ op: 'unset', table: 'invoices', id: 'inv1', field, hlc });
const del = (hlc: string): Change => ({ op: 'delete', table: 'invoices', id: 'inv1', hlc });

const draft = [set('id', 'inv1', h(100)), set('state', 'draft', h(100)), set('lines', ['draft line'], h(100)), set('note', 'hello', h(100))];
/** The issue as the repository writes it: every field under one HLC, `state` first, absent fields unset. */
const issue = (ms: number, node: string, pdf: string) => [
  set('state', 'issued', h(ms, node)),
  set('id', 'inv1', h(ms, node)),
  set('lines', ['draft line'], h(ms, node)),
  set('note', 'hello', h(ms, node)),
  set('number', 'RE-2026-0001', h(ms, node)),
  set('pdfBase64', pdf, h(ms, node)),
  unset('creditFor', h(ms, node)),
];
const ISSUED = { invoices: { inv1: { id: 'inv1', state: 'issued', lines: ['draft line'], note: 'hello', number: 'RE-2026-0001', pdfBase64: 'pdf-A' } } };

/** Applies the changes as sync does: each write (one HLC) as one batch, in the given order. */
function merged(groups: Change[][]) {
  const state = createState();
  for (const group of groups) applyChanges(state, group);
  return materialize(state);
}

describe('an issued invoice document in the merge', () => {
  it('refuses an offline edit of the draft made after the issue, in either order', () => {
    const edit = [set('lines', ['edited offline'], h(300, B)), set('note', 'changed', h(300, B))];
    expect(merged([draft, issue(200, A, 'pdf-A'), edit])).toEqual(ISSUED);
    expect(merged([draft, edit, issue(200, A, 'pdf-A')])).toEqual(ISSUED);
  });

  it('keeps the issued document over an edit made before the issue but delivered after it', () => {
    const edit = [set('lines', ['edited offline'], h(150, B)), set('dueDate', '2027-01-01', h(150, B))];
    const withDue = { invoices: { inv1: ISSUED.invoices.inv1 } };
    // dueDate is not in this test's issue write, so the issue write would leave it to the older edit: the repository unsets or sets every field.
    const full = [...issue(200, A, 'pdf-A'), unset('dueDate', h(200, A))];
    expect(merged([draft, full, edit])).toEqual(withDue);
    expect(merged([draft, edit, full])).toEqual(withDue);
  });

  it('refuses a delete of the draft from an offline device, before or after the issue, in either order', () => {
    for (const at of [150, 300]) {
      expect(merged([draft, issue(200, A, 'pdf-A'), [del(h(at, B))]]), `delete at ${at}`).toEqual(ISSUED);
      expect(merged([draft, [del(h(at, B))], issue(200, A, 'pdf-A')]), `delete at ${at}, delivered first`).toEqual(ISSUED);
    }
  });

  it('refuses a change to the issued document itself and a second issue after the first', () => {
    expect(merged([draft, issue(200, A, 'pdf-A'), [set('pdfBase64', 'tampered', h(400, B))]])).toEqual(ISSUED);
    expect(merged([draft, issue(200, A, 'pdf-A'), issue(300, C, 'pdf-C')])).toEqual(ISSUED);
    expect(merged([draft, issue(300, C, 'pdf-C'), issue(200, A, 'pdf-A')])).toEqual(ISSUED);
  });

  it('converges on the earliest issue whatever the order of the writes (fast-check)', () => {
    const groups = [draft, issue(200, A, 'pdf-A'), issue(250, C, 'pdf-C'), [set('lines', ['x'], h(300, B))], [del(h(260, B))], [set('note', 'y', h(120, B))]];
    fc.assert(
      fc.property(fc.shuffledSubarray(groups.slice(1), { minLength: 5, maxLength: 5 }), (order) => {
        expect(merged([draft, ...order])).toEqual(ISSUED);
      }),
    );
  });

  it('applies a batch with the issue first, so an issue written out of field order still lands whole', () => {
    const scrambled = [...issue(200, A, 'pdf-A')].reverse();
    const state = createState();
    applyChanges(state, draft);
    applyChange(state, set('lines', ['edited offline'], h(300, B)));
    applyChanges(state, scrambled);
    expect(materialize(state)).toEqual(ISSUED);
    expect(issueFirst(scrambled)[0]).toMatchObject({ field: 'state', value: 'issued' });
  });

  it('leaves drafts to last-writer-wins: a later edit or delete of a draft still wins', () => {
    expect(merged([draft, [set('note', 'later', h(300, B))]])).toMatchObject({ invoices: { inv1: { note: 'later', state: 'draft' } } });
    expect(merged([draft, [del(h(300, B))]])).toEqual({});
  });
});
