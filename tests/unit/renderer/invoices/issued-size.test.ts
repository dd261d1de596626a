/**
 * The size bound of an issued document (invoices/lifecycle/issued-size.ts), measured: what the real
 * PDF and XML weigh per line, and what the issue's one write adds around the document when sync
 * frames it, so a document at the bound still fits one segment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clientInput, idb } from '../../support/store-helpers.ts';
import { draftInput, timeLine } from '../../support/invoice-doc-fixtures.ts';
import { generateKey } from '../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { toBase64 } from '../../../../src-renderer/vault/crypto/encoding.ts';
import { newNodeId } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace } from '../../../../src-renderer/vault/session/workspace.ts';
import { createClient } from '../../../../src-renderer/vault/repos/clients.ts';
import { createDraft, writeIssued } from '../../../../src-renderer/vault/repos/invoices.ts';
import { readChanges } from '../../../../src-renderer/vault/repos/change-log.ts';
import { canonicalJson } from '../../../../src-renderer/sync/segment/canonical-json.ts';
import { MAX_SEGMENT_PLAINTEXT_BYTES } from '../../../../src-renderer/sync/segment/segment-payload.ts';
import { renderInvoice } from '../../../../src-renderer/invoices/editor/render-invoice.ts';
import { MAX_ISSUED_DOCUMENT_BYTES, sizeProblem, storedBytes } from '../../../../src-renderer/invoices/lifecycle/issued-size.ts';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';

beforeAll(async () => {
  await getSodium();
});

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** A draft of `n` time lines as stored, issued as RE-2026-0001 with the real PDF and XML. */
async function issuedWith(n: number): Promise<Invoice> {
  const lines = Array.from({ length: n }, (_, i) =>
    timeLine(`l${i}`, 1, 9_500, [], {
      // As people write them: what was done, where, which day (about 70 characters).
      description: `Zürich → Łódź data pipeline: ingestion, validation and reporting, day ${i + 1}`,
    }),
  );
  const doc: Invoice = {
    ...draftInput('c1', { lines }),
    id: 'd1',
    state: 'issued',
    number: 'RE-2026-0001',
    issuedAt: Date.UTC(2026, 11, 7),
    createdAt: 0,
    updatedAt: 0,
  };
  const { pdf, xml } = await renderInvoice(doc);
  return { ...doc, pdfBase64: toBase64(pdf), xml };
}

describe('the size of an issued document', () => {
  it('grows by about 1.5 KB a line with the real PDF and XML: 700 lines are refused, about 600 fit', async () => {
    const [small, large] = [await issuedWith(100), await issuedWith(700)];
    const perLine = (storedBytes(large) - storedBytes(small)) / 600;
    const fit = Math.floor((MAX_ISSUED_DOCUMENT_BYTES - storedBytes(small)) / perLine) + 100;
    console.info(
      `issued document: ${storedBytes(small)} bytes at 100 lines, ${storedBytes(large)} at 700; ${Math.round(perLine)} bytes a line; ${fit} lines fit`,
    );
    expect(perLine).toBeGreaterThan(1_000);
    expect(perLine).toBeLessThan(2_500);
    expect(fit).toBeGreaterThan(500);
    expect(sizeProblem(small)).toBeUndefined();
    const problem = sizeProblem(large);
    expect(problem).toMatch(/^Lines: with its PDF and XML this invoice would be [\d.,]+ KB, .* Move at least \d+ of its 700 lines to a second invoice\.$/u);
    // Moving the lines it names is enough.
    const move = Number(/Move at least (\d+)/u.exec(problem ?? '')?.[1]);
    expect(700 - move).toBeLessThanOrEqual(fit);
  }, 60_000);

  it('fits one sync segment at the bound: the issue’s one write adds a few KB around the document', async () => {
    const workspace = await openWorkspace({ vaultId: `size-${process.pid}`, vaultKey: generateKey() }, { nodeId: newNodeId(), ...idb });
    const ctx = workspace.ctx;
    const client = await createClient(ctx, clientInput({ name: 'Łódź Analytics', country: 'PL' }));
    const draft = await createDraft(ctx, draftInput(client.id, { lines: Array.from({ length: 50 }, (_, i) => timeLine(`l${i}`, 1, 9_500)) }));
    const parts = { number: 'RE-2026-0001', issuedAt: Date.UTC(2026, 11, 7), pdfBase64: '', xml: '<Invoice/>' };
    // A PDF that brings the stored document exactly to the bound.
    const padding = MAX_ISSUED_DOCUMENT_BYTES - storedBytes({ ...draft, state: 'issued', ...parts, updatedAt: ctx.now() });
    const issued = await writeIssued(ctx, draft.id, { ...parts, pdfBase64: 'A'.repeat(padding) });
    expect(storedBytes(issued)).toBeLessThanOrEqual(MAX_ISSUED_DOCUMENT_BYTES);
    const entry = (await readChanges(ctx.db, `client:${client.id}`)).at(-1)!;
    const framed = bytes(canonicalJson(entry.changes));
    console.info(`issue write at the bound: ${framed} bytes framed, ${framed - storedBytes(issued)} around the document`);
    expect(framed - storedBytes(issued)).toBeLessThan(8 * 1024);
    expect(framed).toBeLessThan(MAX_SEGMENT_PLAINTEXT_BYTES);
  });
});
