/**
 * The check before issuing: what stops this document from being issued, or should be looked at,
 * each naming the field as the person sees it ("Exchange rate: …"), nothing else. `blocking`
 * problems refuse the issue (nothing is written); the others are warnings the person may accept
 * (an IBAN missing when the client pays by transfer). Pure.
 */
import type { Client } from '../../domain/client.ts';
import type { Invoice, InvoiceLine } from '../../domain/invoice.ts';
import { parseRate } from '../exchange-rate.ts';
import { vatTreatment } from '../vat-treatment.ts';
import { buyerVat } from './parties.ts';
import { priceHours, priceItems } from './quantities.ts';
import { periodText } from './words.ts';

export interface IssueProblem {
  /** The field as the person sees it: "Lines", "Line 2", "Exchange rate", "Due date", "IBAN". */
  field: string;
  /** The whole sentence, starting with the field. */
  message: string;
  /** Refuses the issue; otherwise a warning. */
  blocking: boolean;
}

export interface IssueContext {
  /** The business profile's home currency. */
  homeCurrency: string;
  /** How the client pays; a transfer needs the IBAN. Default 'transfer'. */
  payment?: 'transfer' | 'other';
  /** The client, to know whether its billing details were ever entered. */
  client?: Client;
  locale?: string;
}

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

function lineNet(line: InvoiceLine): number {
  return line.quantity.unit === 'hour' ? priceHours(line.quantity.billedMs, line.unitPriceMinor) : priceItems(line.quantity.milli, line.unitPriceMinor);
}

function lineProblems(lines: readonly InvoiceLine[]): IssueProblem[] {
  const problems: IssueProblem[] = [];
  const add = (field: string, text: string) => problems.push({ field, message: `${field}: ${text}`, blocking: true });
  lines.forEach((line, i) => {
    const field = `Line ${i + 1}`;
    const name = line.description.trim();
    if (name === '') add(field, 'the description is empty. Say what is billed.');
    if (line.unitPriceMinor === 0) add(field, `${name === '' ? 'the' : `“${name}” has a`} rate of zero. Set the rate, or remove the line.`);
    else if (lineNet(line) !== line.netMinor)
      add(field, `the amount is not the quantity times the price${name === '' ? '' : ` (“${name}”)`}. Draft the line again.`);
    if (line.original !== undefined && parseRate(line.original.rate) === null) {
      add('Exchange rate', `"${line.original.rate}" for ${line.original.currency} on line ${i + 1} is not a rate; type a positive decimal such as 0.9512.`);
    }
  });
  return problems;
}

/** Everything that should be looked at before `doc` is issued; empty when it can be issued as is. */
export function issueProblems(doc: Invoice, context: IssueContext): IssueProblem[] {
  const problems: IssueProblem[] = [];
  const add = (field: string, text: string, blocking = true) => problems.push({ field, message: `${field}: ${text}`, blocking });
  if (doc.state === 'issued')
    add(doc.kind === 'invoice' ? 'Invoice' : 'Credit note', `${doc.number ?? 'it'} is issued and never changes; credit it to correct it.`);
  if (doc.lines.length === 0) {
    add(
      'Lines',
      doc.kind === 'invoice'
        ? `nothing to bill from ${periodText(doc.selection.from, doc.selection.to, context.locale)} for ${doc.buyer.legalName}${doc.buyer.legalName.endsWith('.') ? '' : '.'} Choose another period or other projects, or tick what to bill.`
        : 'a credit note needs the lines it credits.',
    );
  }
  problems.push(...lineProblems(doc.lines));

  if (doc.currency !== context.homeCurrency) {
    const fixed = doc.fixedRate;
    if (fixed === undefined)
      add(
        'Exchange rate',
        `this invoice is in ${doc.currency} and your books in ${context.homeCurrency}; fix the rate on the invoice (typed, or from an ECB file).`,
      );
    else if (fixed.homeCurrency !== context.homeCurrency)
      add('Exchange rate', `the rate is to ${fixed.homeCurrency}, but your books are in ${context.homeCurrency}. Fix a rate to ${context.homeCurrency}.`);
    else if (parseRate(fixed.rate) === null)
      add('Exchange rate', `"${fixed.rate}" is not a rate; type a positive decimal such as 0.9512 (zero is not a rate).`);
  }
  if (doc.dueDate < doc.issueDate) add('Due date', `${doc.dueDate} is before the issue date ${doc.issueDate}.`);

  if (blank(doc.seller.address)) add('Your address', 'an invoice shows the seller’s address. Add it to your business profile.');
  if (context.client !== undefined && context.client.billing === undefined) {
    add('Client billing details', `add ${context.client.name}’s legal name, address and whether it is a business before invoicing it.`);
  }
  if (blank(doc.buyer.address)) add('Client address', 'an invoice shows the buyer’s address. Add it to the client’s billing details.');
  const reverse = doc.lines.some((l) => l.vat.kind === 'reverse-charge');
  const decision = vatTreatment(
    { country: doc.seller.country, domesticRateBp: 0, ...(blank(doc.seller.vatId) ? {} : { vatId: doc.seller.vatId }) },
    buyerVat(doc.buyer),
  );
  if (!decision.ok && /^(Client VAT number|Your VAT number):/u.test(decision.problem)) {
    const [field, ...rest] = decision.problem.split(': ');
    add(field!, rest.join(': '));
  } else if (reverse && blank(doc.buyer.vatId)) add('Client VAT number', 'a reverse-charge invoice shows it. Add it to the client’s billing details.');
  else if (reverse && blank(doc.seller.vatId)) add('Your VAT number', 'a reverse-charge invoice shows it. Add it to your business profile.');
  if ((context.payment ?? 'transfer') === 'transfer' && blank(doc.seller.iban)) {
    add('IBAN', 'your business profile has none, so the invoice shows no account to pay by transfer into.', false);
  }
  return problems;
}
