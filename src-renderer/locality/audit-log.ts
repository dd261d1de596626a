/**
 * Reads the locality audit log: main hands over the sealed lines, this
 * session opens them with the vault's audit key, and main checks the chain
 * against the anchor this device kept in the vault (the last head it saw
 * verified), so a removed tail is caught too. After a clean check the anchor
 * moves to the new head. A long log goes to main in pages (audit-pages.ts).
 */
import type { AuditReport, OpenedAuditLine } from '../../src-preload/contract/index.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { verifyInPages, type VerifyPage } from './audit-pages.ts';
import { fromBase64 } from '../vault/crypto/encoding.ts';
import { getSetting, setSetting } from '../vault/repos/settings.ts';
import { currentAuditKeys, metaStore, repoContext } from '../vault/session/runtime.ts';

const decoder = new TextDecoder();

/** The opened entry's JSON, or null: main reports a null at its seq like any other break. */
function parseEntry(plain: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(plain)) as unknown;
  } catch {
    return null;
  }
}

async function anchorKey(): Promise<string> {
  // Per device: each device writes its own log, and settings travel with sync.
  return `audit-anchor-${await metaStore().nodeId()}`;
}

function readAnchor(value: unknown): { seq: number; hash: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { seq, hash } = value as { seq?: unknown; hash?: unknown };
  return typeof seq === 'number' && typeof hash === 'string' ? { seq, hash } : null;
}

export async function loadAuditReport(names: { clients: Record<string, string>; targets: Record<string, string> }): Promise<AuditReport> {
  const keys = currentAuditKeys();
  if (!keys) throw new Error('Unlock the vault to read its audit log.');
  const { lines } = await unwrap(caravan().locality.audit());
  const opened: OpenedAuditLine[] = lines.map((line, i) => {
    if ('invalid' in line) return { seq: i, hash: '', entry: null };
    const box = fromBase64(line.box);
    const plain = box ? keys.open(box) : null;
    return { seq: line.seq, hash: line.hash, entry: plain ? parseEntry(plain) : null };
  });
  const ctx = repoContext();
  const key = await anchorKey();
  const verifyPage: VerifyPage = (page, anchor, pageNames, start) => unwrap(caravan().locality.verifyAudit(page, anchor, pageNames, start));
  const report = await verifyInPages(opened, readAnchor(await getSetting(ctx, key)), names, verifyPage);
  if (report.ok && report.head) await setSetting(ctx, key, report.head);
  return report;
}
