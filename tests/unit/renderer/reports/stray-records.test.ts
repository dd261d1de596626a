/** Review 8, finding 7: the Unbill list under a client names that client's records, and only theirs. */
import { describe, expect, it } from 'vitest';
import { strayRecordsOf } from '../../../../src-renderer/reports/stray-records.ts';
import { formatMoney } from '../../../../src-renderer/reports/money.ts';
import { formatHours } from '../../../../src-renderer/time/format.ts';

const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 23, 30);
const block = (id: string, clientId: string, zone = 'UTC') => ({ id, clientId, projectId: `p-${clientId}`, start: T, end: T + 1.5 * H, zone });
const projects = [
  { id: 'p-c1', name: 'Website' },
  { id: 'p-c2', name: 'Audit' },
];

describe("one client's records billed by no invoice", () => {
  it('lists only that client’s blocks and expenses, by date, with day, project and duration or amount', () => {
    const stray = { blockIds: ['b1', 'b2', 'b3'], expenseIds: ['e1', 'e2'] };
    const blocks = [block('b1', 'c1', 'Asia/Tokyo'), block('b2', 'c2'), block('b3', 'c1'), block('b4', 'c1')];
    const expenses = [
      { id: 'e1', clientId: 'c1', projectId: 'p-gone', date: '2026-11-02', amountMinor: 1250, currency: 'EUR' },
      { id: 'e2', clientId: 'c2', projectId: 'p-c2', date: '2026-11-03', amountMinor: 500, currency: 'EUR' },
    ];
    const { rows, ids, elsewhere } = strayRecordsOf('c1', stray, blocks, expenses, projects);
    expect(rows.map((r) => [r.kind, r.id, r.date, r.project])).toEqual([
      ['expense', 'e1', '2026-11-02', 'a project not on this device'],
      ['block', 'b3', '2026-11-20', 'Website'],
      // Worked in Tokyo: the day there, not in UTC.
      ['block', 'b1', '2026-11-21', 'Website'],
    ]);
    expect(rows[0]?.what).toBe(formatMoney(1250, 'EUR'));
    expect(rows[1]?.what).toBe(formatHours(1.5 * H));
    expect(ids).toEqual({ blockIds: ['b1', 'b3'], expenseIds: ['e1'] });
    expect(elsewhere).toBe(2);
  });

  it('lists nothing for a client none of whose records are stray', () => {
    const { rows, ids, elsewhere } = strayRecordsOf('c9', { blockIds: ['b1'], expenseIds: [] }, [block('b1', 'c1')], [], projects);
    expect(rows).toEqual([]);
    expect(ids).toEqual({ blockIds: [], expenseIds: [] });
    expect(elsewhere).toBe(1);
  });
});
