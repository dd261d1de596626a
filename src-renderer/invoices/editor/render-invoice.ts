/**
 * Renders an issued document to what is kept with it: the PDF (invoices/output/invoice-pdf.ts)
 * and the EN 16931 UBL 2.1 XML (ubl-invoice.ts). The lifecycle calls it before its first write,
 * so a layout that cannot be made refuses the issue with nothing written.
 */
import type { Invoice } from '../../domain/invoice.ts';
import { renderInvoicePdf } from '../output/invoice-pdf.ts';
import { ublInvoice } from '../output/ubl-invoice.ts';

export async function renderInvoice(doc: Invoice): Promise<{ pdf: Uint8Array; xml: string }> {
  const xml = ublInvoice(doc);
  if (!xml.ok) throw new Error(xml.problem);
  // The PDF's date is the issue instant, so the file kept is the file sent.
  const pdf = await renderInvoicePdf(doc, doc.issuedAt === undefined ? {} : { creationDate: new Date(doc.issuedAt) });
  if (!pdf.ok) throw new Error(pdf.problem);
  return { pdf: pdf.pdf.bytes, xml: xml.xml };
}
