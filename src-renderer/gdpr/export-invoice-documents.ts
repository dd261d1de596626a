/** Invoice documents to the export document ({@link InvoiceDocumentJson}): every optional field present, `null` when not set. */
import type { Invoice, InvoiceLine } from '../domain/invoice.ts';
import type { InvoiceDocumentJson, InvoiceLineJson, MoneyJson } from './export-format.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const money = (minor: number, currency: string): MoneyJson => ({ minor, currency });

function lineJson(l: InvoiceLine, currency: string): InvoiceLineJson {
  const q = l.quantity;
  return {
    id: l.id,
    kind: l.kind,
    description: l.description,
    unit: q.unit,
    billedMs: q.unit === 'hour' ? q.billedMs : null,
    workedMs: q.unit === 'hour' ? q.workedMs : null,
    milli: q.unit === 'item' ? q.milli : null,
    unitPrice: money(l.unitPriceMinor, currency),
    net: money(l.netMinor, currency),
    vat: { ...l.vat },
    projectId: l.projectId ?? null,
    phaseId: l.phaseId ?? null,
    timeBlockIds: [...l.blockIds],
    expenseIds: [...l.expenseIds],
    original: l.original === undefined ? null : { amount: money(l.original.amountMinor, l.original.currency), rate: l.original.rate },
    period: l.period === undefined ? null : { ...l.period },
  };
}

/** One invoice document as exported. */
export function invoiceDocumentJson(d: Invoice): InvoiceDocumentJson {
  const s = d.seller;
  const b = d.buyer;
  return {
    id: d.id,
    clientId: d.clientId,
    kind: d.kind,
    state: d.state,
    number: d.number ?? null,
    series: d.series,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    selection: { from: d.selection.from, to: d.selection.to, projectIds: [...d.selection.projectIds] },
    currency: d.currency,
    fixedRate: d.fixedRate === undefined ? null : { ...d.fixedRate, asOf: d.fixedRate.asOf ?? null },
    seller: {
      legalName: s.legalName,
      address: s.address,
      country: s.country,
      vatId: s.vatId ?? null,
      taxNumber: s.taxNumber ?? null,
      email: s.email ?? null,
      iban: s.iban ?? null,
      bic: s.bic ?? null,
      accountHolder: s.accountHolder ?? null,
    },
    buyer: {
      legalName: b.legalName,
      address: b.address,
      country: b.country,
      vatId: b.vatId ?? null,
      isBusiness: b.isBusiness,
      outsideVatArea: b.outsideVatArea ?? null,
      serviceKind: b.serviceKind ?? null,
      buyerReference: b.buyerReference ?? null,
    },
    hourStyle: d.hourStyle,
    lines: d.lines.map((l) => lineJson(l, d.currency)),
    note: d.note,
    creditFor: d.creditFor === undefined ? null : { ...d.creditFor },
    issuedAt: d.issuedAt === undefined ? null : iso(d.issuedAt),
    pdfBase64: d.pdfBase64 ?? null,
    xml: d.xml ?? null,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}
