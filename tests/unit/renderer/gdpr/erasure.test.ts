/** The erasure's confirmation, its preconditions and its receipt. */
import { describe, expect, it } from 'vitest';
import type { TimerView } from '../../../../src-preload/contract/index.ts';
import { confirmsName, erasureBlocker } from '../../../../src-renderer/gdpr/erasure-checks.ts';
import { ERASED_KINDS, erasureReceiptMarkdown, remoteCopiesText, totalRows, type ErasureReceipt } from '../../../../src-renderer/gdpr/erasure-receipt.ts';

describe('confirmsName', () => {
  it('needs the exact name, surrounding spaces aside', () => {
    expect(confirmsName('Acme Analytics', 'Acme Analytics')).toBe(true);
    expect(confirmsName('  Acme Analytics ', 'Acme Analytics')).toBe(true);
    expect(confirmsName('acme analytics', 'Acme Analytics')).toBe(false);
    expect(confirmsName('Acme', 'Acme Analytics')).toBe(false);
    expect(confirmsName('', '')).toBe(false);
  });

  it('treats composed and decomposed accents alike', () => {
    expect(confirmsName('Zoe\u0308 & Co', 'Zo\u00eb & Co')).toBe(true);
  });
});

describe('erasureBlocker', () => {
  const idle: TimerView = { status: 'idle', remainingMs: 0, accruedMs: 0, counting: false, outbox: [], halted: [], at: 0 };
  const base = { clientName: 'Acme', projectIds: new Set(['p1']), timer: idle, blocksComplete: true };

  it('lets an erasure go ahead when nothing of the client is in flight', () => {
    expect(erasureBlocker(base)).toBeNull();
    expect(erasureBlocker({ ...base, timer: null })).toBeNull();
    expect(erasureBlocker({ ...base, timer: { ...idle, status: 'running', projectId: 'p9' } })).toBeNull();
  });

  it('refuses while the timer runs on, or holds blocks of, one of the client’s projects', () => {
    expect(erasureBlocker({ ...base, timer: { ...idle, status: 'paused', projectId: 'p1' } })).toMatch(
      /^The timer is running on a project of Acme\. Stop it first/,
    );
    const outbox = [{ id: 's:1', sessionId: 's', seq: 1, kind: 'deep' as const, projectId: 'p1', start: 0, end: 1, cycle: 0 }];
    expect(erasureBlocker({ ...base, timer: { ...idle, outbox } })).toMatch(/waiting to be stored/);
  });

  it('waits for the cache to be complete', () => {
    expect(erasureBlocker({ ...base, blocksComplete: false })).toMatch(/still reading older time blocks/);
  });
});

describe('the receipt', () => {
  const rows = { clients: 1, projects: 1, phases: 5, timeBlocks: 2, experiments: 0, expenses: 0, killSwitches: 0, invoices: 3, changes: 14 };
  const receipt: ErasureReceipt = {
    clientId: 'c-123',
    clientName: 'Acme *Analytics*',
    erasedAt: Date.UTC(2026, 10, 30, 12, 5, 9),
    rows,
    invoicesAnonymised: 0,
    heldOn: [],
    appVersion: '0.1.0',
  };

  it('adds up every kind', () => {
    expect(totalRows(rows)).toBe(26);
    expect(ERASED_KINDS.map(([kind]) => kind)).toEqual([
      'clients',
      'projects',
      'phases',
      'timeBlocks',
      'experiments',
      'expenses',
      'killSwitches',
      'invoices',
      'changes',
    ]);
  });

  it('says what was destroyed, when, what was deleted, and that it happened on this device', () => {
    const md = erasureReceiptMarkdown(receipt);
    expect(md.startsWith('# Erasure receipt: Acme \\*Analytics\\*\n')).toBe(true);
    expect(md).toContain('- Client id: c-123\n');
    expect(md).toContain('- Erased at: 2026-11-30 12:05:09 UTC\n');
    expect(md).toContain('- Data key: destroyed.');
    expect(md).toContain('- Audit log: Recorded.\n');
    expect(md).toContain('| Time blocks | 2 |\n');
    expect(md).toContain('| Change-log entries | 14 |\n');
    expect(md).toContain('| Invoice documents | 3 |\n');
    expect(md).toContain('| Total | 26 |\n');
    expect(md).toContain('No sync target held this client’s data');
    expect(md).toContain('This erased the client on this device.');
    expect(md).toContain('The client had no invoices in your register.');
    expect(md.endsWith('\n')).toBe(true);
    expect(erasureReceiptMarkdown({ ...receipt, invoicesAnonymised: 2 })).toContain(
      '2 invoices stay in your register without the client: number, issue date, status and totals only',
    );
  });

  it('lists each target with what was deleted there, or why not', () => {
    const md = erasureReceiptMarkdown({ ...receipt, heldOn: [{ id: 't1', label: 'Frankfurt bucket', deleted: 7 }] });
    expect(md).toContain('The client’s copies on its sync target were deleted');
    expect(md).toContain('- Frankfurt bucket: 7 files deleted (t1)');
    const partial = erasureReceiptMarkdown({
      ...receipt,
      heldOn: [
        { id: 't1', label: 'Frankfurt bucket', deleted: 7 },
        { id: 't2', label: 'NAS', problem: 'The folder /mnt/nas cannot be reached.' },
      ],
    });
    expect(partial).toContain('1 of 2 sync targets could not be reached');
    expect(partial).toContain('- NAS: not deleted (The folder /mnt/nas cannot be reached); the copies stay there, encrypted under the destroyed key (t2)');
  });

  it('says when the audit log has no entry, and when the targets are unknown', () => {
    const md = erasureReceiptMarkdown({ ...receipt, heldOn: null, auditProblem: 'The audit log is locked.' });
    expect(md).toContain('- Audit log: Not recorded (The audit log is locked). Note the erasure in your own records.');
    expect(md).toContain(remoteCopiesText(null));
    expect(remoteCopiesText(null)).toMatch(/^Caravan could not ask which sync targets/);
  });
});
