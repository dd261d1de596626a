/**
 * Saving an export: main names the file and picks its extension from the kind; a file holding a
 * device-only client's data is refused unless the person was told, and is audited before it is
 * written. Through the contract's schema, like dispatch.
 */
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveText, type ExportGuard, type SaveRequest } from '../../../../src-main/files/save-text.ts';
import { UserFacingError } from '../../../../src-main/ipc/user-facing-error.ts';
import { invokeContract } from '../../../../src-preload/contract/channels.ts';
import type { ExportKind } from '../../../../src-preload/contract/files.ts';

const NOW = Date.UTC(2026, 11, 7, 12);
const LOCAL = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const EEA = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

let folder: string;
let asked: SaveRequest[];
let events: string[];
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-save-'));
  asked = [];
  events = [];
});
afterEach(async () => {
  await chmod(folder, 0o700);
  await rm(folder, { recursive: true, force: true });
});

const guard: ExportGuard = {
  deviceOnlyAmong: (ids) => ids.filter((id) => id === LOCAL),
  deviceOnlyExported: async (id, kind) => void events.push(`audit ${id} ${kind}`),
};

/** A dialog that answers with `name` in the folder (or the suggested name), and notes what it offered. */
function dialog(answer: 'save' | 'cancel' = 'save', name?: string) {
  return {
    chooseSavePath: async (request: SaveRequest) => {
      asked.push(request);
      events.push('dialog');
      return answer === 'cancel' ? null : join(folder, name ?? request.suggestedName);
    },
  };
}

function request(kind: ExportKind, extra: Record<string, unknown> = {}) {
  const [parsed] = invokeContract['files:saveText'].args.parse([
    { kind, stem: 'caravan-time-2026-12-07', content: 'a,b\r\n', clients: [], deviceOnlyConfirmed: false, ...extra },
  ]);
  return parsed;
}

describe('saveText', () => {
  it('writes where the person chose, offering the kind’s extension and one filter', async () => {
    const result = await saveText({ dialog: dialog(), guard, now: () => NOW }, request('time-csv', { clients: [EEA] }));
    const path = join(folder, 'caravan-time-2026-12-07.csv');
    expect(result).toEqual({ saved: true, path });
    expect(await readFile(path, 'utf8')).toBe('a,b\r\n');
    expect(asked).toEqual([{ suggestedName: 'caravan-time-2026-12-07.csv', filters: [{ name: 'Time CSV', extensions: ['csv'] }] }]);
    expect(events).toEqual(['dialog']);
  });

  it('saves a calendar as .ics, asking first when a device-only client’s events are in it', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
    const held = await saveText(
      { dialog: dialog(), guard, now: () => NOW },
      request('calendar-ics', { stem: 'caravan-calendar', content: ics, clients: [LOCAL] }),
    );
    expect(held).toEqual({ saved: false, needsConfirmation: [LOCAL] });
    const result = await saveText(
      { dialog: dialog(), guard, now: () => NOW },
      request('calendar-ics', { stem: 'caravan-calendar', content: ics, clients: [LOCAL], deviceOnlyConfirmed: true }),
    );
    expect(result).toEqual({ saved: true, path: join(folder, 'caravan-calendar.ics') });
    expect(asked).toEqual([{ suggestedName: 'caravan-calendar.ics', filters: [{ name: 'Calendar (iCalendar .ics)', extensions: ['ics'] }] }]);
    expect(events).toEqual(['dialog', `audit ${LOCAL} calendar-ics`]);
  });

  it('writes the bytes of a binary kind sent as base64', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80]);
    const result = await saveText(
      { dialog: dialog(), guard, now: () => NOW },
      request('invoice-pdf', { stem: 'invoice-2026-001', content: Buffer.from(bytes).toString('base64') }),
    );
    expect(result).toEqual({ saved: true, path: join(folder, 'invoice-2026-001.pdf') });
    expect(new Uint8Array(await readFile(join(folder, 'invoice-2026-001.pdf')))).toEqual(bytes);
  });

  it('cleans a name of format characters and sets the extension whatever the page suggests', async () => {
    await saveText({ dialog: dialog(), guard, now: () => NOW }, request('recovery-kit', { stem: 'invoice\u202Efdp.desktop\u200B' }));
    expect(asked[0]?.suggestedName).toBe('invoicefdp.desktop.txt');
  });

  it('names the device-only clients that need the person’s yes, before any dialog, and writes nothing', async () => {
    const result = await saveText({ dialog: dialog(), guard, now: () => NOW }, request('time-csv', { clients: [EEA, LOCAL, LOCAL] }));
    expect(result).toEqual({ saved: false, needsConfirmation: [LOCAL] });
    expect(invokeContract['files:saveText'].result.parse(result)).toEqual(result);
    expect(events).toEqual([]);
  });

  it('audits a confirmed device-only export before the file is written', async () => {
    const result = await saveText(
      { dialog: dialog(), guard, now: () => NOW },
      request('time-csv', { clients: [EEA, LOCAL, LOCAL], deviceOnlyConfirmed: true }),
    );
    expect(result.saved).toBe(true);
    expect(events).toEqual(['dialog', `audit ${LOCAL} time-csv`]);
  });

  it('writes and audits nothing when the person cancels', async () => {
    expect(await saveText({ dialog: dialog('cancel'), guard, now: () => NOW }, request('time-csv', { clients: [LOCAL], deviceOnlyConfirmed: true }))).toEqual({
      saved: false,
    });
    expect(events).toEqual(['dialog']);
  });

  it('says what to do when the folder cannot be written', async () => {
    if (process.getuid?.() === 0) return; // root ignores permissions; the message path is covered below
    await chmod(folder, 0o500);
    await expect(saveText({ dialog: dialog(), guard, now: () => NOW }, request('recovery-kit'))).rejects.toBeInstanceOf(UserFacingError);
  });

  it('reports a path that cannot exist as an io error with advice', async () => {
    const error = await saveText({ dialog: dialog('save', join('missing', '\0bad', 'kit.txt')), guard, now: () => NOW }, request('recovery-kit')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toMatch(/Choose another folder/);
  });
});

describe('files:saveText arguments', () => {
  const args = (extra: Record<string, unknown>) =>
    invokeContract['files:saveText'].args.safeParse([{ kind: 'time-csv', stem: 'x', content: 'a', clients: [], deviceOnlyConfirmed: false, ...extra }]);

  it('takes no file name, filter or encoding from the page', () => {
    expect(args({ suggestedName: 'x.desktop' }).success).toBe(false);
    expect(args({ filters: [{ name: 'Any', extensions: ['desktop'] }] }).success).toBe(false);
    expect(args({ encoding: 'base64' }).success).toBe(false);
    expect(args({ kind: 'desktop-entry' }).success).toBe(false);
  });

  it('caps the content by what the kind can be, and needs base64 for a PDF', () => {
    expect(args({ kind: 'recovery-kit', content: 'x'.repeat(16 * 1024) }).success).toBe(true);
    expect(args({ kind: 'recovery-kit', content: 'x'.repeat(16 * 1024 + 1) }).success).toBe(false);
    expect(args({ kind: 'invoice-pdf', content: 'not base64!' }).success).toBe(false);
    expect(args({ kind: 'invoice-pdf', content: 'JVBERi0=' }).success).toBe(true);
  });

  it('a recovery kit names no client', () => {
    expect(args({ kind: 'recovery-kit', clients: [EEA] }).success).toBe(false);
  });
});
