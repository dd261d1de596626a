/** A line's or a total's VAT in a few words, for the editor and the issued view. Pure. */
import type { LineVat } from '../../domain/invoice.ts';
import { percentOf } from '../output/document-totals.ts';

const SHORT: Readonly<Record<LineVat['kind'], string>> = {
  domestic: 'VAT',
  'small-business': 'No VAT (small business)',
  'reverse-charge': 'Reverse charge',
  'outside-scope': 'Outside the scope of VAT',
};

/** "VAT 19 %", "Reverse charge", "No VAT (small business)". */
export function vatLabel(vat: { kind: LineVat['kind']; rateBp: number }): string {
  return vat.kind === 'domestic' ? `VAT ${percentOf(vat.rateBp)} %` : SHORT[vat.kind];
}
