/**
 * The draft's lines as they will print, with what the person may change: a line's description
 * and its VAT (a reduced domestic rate), and lines of their own (an item, a quantity and a
 * price). Drafted lines come back from the records on every change; the edits are kept by line id.
 */
import { useId, useState } from 'react';
import type { InvoiceHourStyle } from '../../domain/business-profile.ts';
import type { InvoiceLine, LineVat } from '../../domain/invoice.ts';
import { formatMoney, toMinor } from '../../reports/money.ts';
import { priceItems, printedHours, printedItems } from '../document/quantities.ts';
import type { DraftSelection } from '../document/types.ts';
import { DESCRIPTION_MAX, parseQuantity, parseRatePercent } from './typed-values.ts';
import { LinesHead } from './LinesHead.tsx';
import { vatLabel } from './vat-label.ts';

function quantityText(line: InvoiceLine, style: InvoiceHourStyle): string {
  return line.quantity.unit === 'hour' ? `${printedHours(line.quantity.billedMs, style)} h` : printedItems(line.quantity.milli);
}

export function DraftLines({
  lines,
  currency,
  hourStyle,
  defaultVat,
  domesticRateBp,
  selection,
  manualLines,
  onSelection,
  onManualLines,
}: {
  lines: readonly InvoiceLine[];
  currency: string;
  hourStyle: InvoiceHourStyle;
  /** The VAT a line takes when the person has not changed it. */
  defaultVat: LineVat;
  domesticRateBp: number;
  selection: DraftSelection;
  manualLines: readonly InvoiceLine[];
  onSelection: (next: DraftSelection) => void;
  onManualLines: (next: InvoiceLine[]) => void;
}) {
  const id = useId();
  const [adding, setAdding] = useState({ description: '', quantity: '1', price: '' });
  const [addError, setAddError] = useState<{ field: 'description' | 'quantity' | 'price'; message: string } | null>(null);
  const [customRate, setCustomRate] = useState<Record<string, string>>({});
  const edit = (lineId: string, change: { vat?: LineVat | undefined; description?: string | undefined }) => {
    const current = { ...selection.lineEdits?.[lineId], ...change };
    const clean = Object.fromEntries(Object.entries(current).filter(([, v]) => v !== undefined));
    const edits = { ...selection.lineEdits };
    if (Object.keys(clean).length === 0) delete edits[lineId];
    else edits[lineId] = clean;
    onSelection({ ...selection, lineEdits: edits });
  };
  const isManual = (line: InvoiceLine) => line.kind === 'manual';
  const setLine = (line: InvoiceLine, change: { vat?: LineVat; description?: string }) => {
    if (isManual(line)) onManualLines(manualLines.map((m) => (m.id === line.id ? { ...m, ...change } : m)));
    else edit(line.id, change);
  };
  const vatChoice = (line: InvoiceLine): string => {
    const overridden = isManual(line) ? line.vat : selection.lineEdits?.[line.id]?.vat;
    if (overridden === undefined || (overridden.kind === defaultVat.kind && overridden.rateBp === defaultVat.rateBp)) return 'default';
    return overridden.kind === 'domestic' && overridden.rateBp === domesticRateBp ? 'domestic' : 'custom';
  };
  const chooseVat = (line: InvoiceLine, choice: string) => {
    if (choice === 'custom') return setCustomRate((r) => ({ ...r, [line.id]: r[line.id] ?? '' }));
    setCustomRate(({ [line.id]: _dropped, ...rest }) => rest);
    if (choice === 'domestic') setLine(line, { vat: { kind: 'domestic', rateBp: domesticRateBp } });
    else if (isManual(line)) setLine(line, { vat: defaultVat });
    else edit(line.id, { vat: undefined });
  };
  const add = () => {
    const description = adding.description.trim();
    if (description === '') return setAddError({ field: 'description', message: 'Description: say what is billed.' });
    if (description.length > DESCRIPTION_MAX) return setAddError({ field: 'description', message: `Description: at most ${DESCRIPTION_MAX} characters.` });
    const milli = parseQuantity(adding.quantity);
    if (milli === null) return setAddError({ field: 'quantity', message: 'Quantity: type a number above zero, such as 1 or 2.5.' });
    const price = toMinor(adding.price, currency);
    if (!price.ok) return setAddError({ field: 'price', message: `Price: ${price.message}` });
    if (price.minor === 0) return setAddError({ field: 'price', message: 'Price: a line at a price of zero bills nothing; type the price.' });
    const line: InvoiceLine = {
      id: `manual:${crypto.randomUUID()}`,
      kind: 'manual',
      description,
      quantity: { unit: 'item', milli },
      unitPriceMinor: price.minor,
      netMinor: priceItems(milli, price.minor),
      vat: defaultVat,
      blockIds: [],
      expenseIds: [],
    };
    onManualLines([...manualLines, line]);
    setAdding({ description: '', quantity: '1', price: '' });
    setAddError(null);
  };

  return (
    <section className="draft-lines" aria-label="Lines">
      <table className="list-table" aria-label="Invoice lines">
        <LinesHead />
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No lines yet: tick work above, or add a line of your own below.
              </td>
            </tr>
          )}
          {lines.map((line, index) => (
            <tr key={line.id}>
              <td>
                <input
                  aria-label={`Line ${index + 1} description`}
                  value={line.description}
                  maxLength={DESCRIPTION_MAX}
                  autoComplete="off"
                  onChange={(e) => setLine(line, { description: e.target.value })}
                />
                {isManual(line) && (
                  <button type="button" className="link-button" onClick={() => onManualLines(manualLines.filter((m) => m.id !== line.id))}>
                    Remove
                  </button>
                )}
              </td>
              <td className="num">{quantityText(line, hourStyle)}</td>
              <td className="num">{formatMoney(line.unitPriceMinor, currency)}</td>
              <td>
                <select
                  autoComplete="off"
                  aria-label={`Line ${index + 1} VAT`}
                  value={line.id in customRate ? 'custom' : vatChoice(line)}
                  onChange={(e) => chooseVat(line, e.target.value)}
                >
                  <option value="default">{vatLabel(defaultVat)}</option>
                  {defaultVat.kind !== 'domestic' || defaultVat.rateBp !== domesticRateBp ? (
                    <option value="domestic">{vatLabel({ kind: 'domestic', rateBp: domesticRateBp })}</option>
                  ) : null}
                  <option value="custom">{vatChoice(line) === 'custom' ? vatLabel(line.vat) : 'Another rate…'}</option>
                </select>
                {line.id in customRate && (
                  <span>
                    <input
                      autoComplete="off"
                      aria-label={`Line ${index + 1} VAT rate in percent`}
                      inputMode="decimal"
                      size={5}
                      value={customRate[line.id]}
                      onChange={(e) => {
                        const text = e.target.value;
                        setCustomRate((r) => ({ ...r, [line.id]: text }));
                        const bp = parseRatePercent(text);
                        if (bp !== null) setLine(line, { vat: { kind: 'domestic', rateBp: bp } });
                      }}
                    />{' '}
                    %
                  </span>
                )}
              </td>
              <td className="num">{formatMoney(line.netMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="add-line">
        <summary>Add a line of your own</summary>
        <div className="form-grid">
          {(['description', 'quantity', 'price'] as const).map((field) => (
            <div key={field} className={addError?.field === field ? 'field-group invalid' : 'field-group'}>
              <label htmlFor={`${id}-${field}`}>{field === 'price' ? `Price (${currency})` : field === 'quantity' ? 'Quantity' : 'Description'}</label>
              <input
                id={`${id}-${field}`}
                value={adding[field]}
                {...(field === 'description' ? { maxLength: DESCRIPTION_MAX } : {})}
                autoComplete="off"
                aria-invalid={addError?.field === field}
                {...(addError?.field === field ? { 'aria-describedby': `${id}-add-error` } : {})}
                onChange={(e) => setAdding({ ...adding, [field]: e.target.value })}
              />
            </div>
          ))}
        </div>
        {addError && (
          <p id={`${id}-add-error`} className="field-error">
            {addError.message}
          </p>
        )}
        <button type="button" className="button" onClick={add}>
          Add line
        </button>
      </details>
    </section>
  );
}
