/** Record builders for the invoice document tests: a German freelancer and clients across Europe. */
import type { BusinessProfile } from '../../../src-renderer/domain/business-profile.ts';
import type { Client } from '../../../src-renderer/domain/client.ts';
import type { Expense } from '../../../src-renderer/domain/expense.ts';
import type { Project } from '../../../src-renderer/domain/project.ts';
import type { DraftInput, DraftSelection } from '../../../src-renderer/invoices/document/index.ts';
import { client } from './reports-fixtures.ts';

export { block, H, MIN, phase, project } from './reports-fixtures.ts';

/** Anna Nowak, a data consultant in Berlin, VAT-registered, books in EUR, quantities in h:mm. */
export function berlinProfile(extra: Partial<BusinessProfile> = {}): BusinessProfile {
  return {
    legalName: 'Anna Nowak Data Consulting',
    address: 'Kastanienallee 12\n10435 Berlin',
    country: 'DE',
    vatId: 'DE123456789',
    iban: 'DE89370400440532013000',
    paymentTermsDays: 14,
    domesticVatRateBp: 1900,
    homeCurrency: 'EUR',
    invoiceSeries: { prefix: 'RE-' },
    creditNoteSeries: { prefix: 'GS-' },
    hourStyle: 'h:mm',
    ...extra,
  };
}

/** A client with billing details. */
export function billedClient(id: string, name: string, country: string, billing: Client['billing'], currency = 'EUR'): Client {
  return { ...client(id, name, currency), country, ...(billing === undefined ? {} : { billing }) };
}

/** A French business: reverse charge from Germany. */
export const lyon = billedClient('c-fr', 'Atelier Données', 'FR', {
  legalName: 'Atelier Données SARL',
  address: '4 rue de la République\n69001 Lyon',
  vatId: 'FR40303265045',
  isBusiness: true,
});

/** A Polish business with a name outside WinAnsi. */
export const lodz = billedClient('c-pl', 'Łódź Analytics', 'PL', {
  legalName: 'Łódź Analytics sp. z o.o.',
  address: 'ul. Piotrkowska 100\n90-001 Łódź',
  vatId: 'PL5260250274',
  isBusiness: true,
});

/** A Swiss business: outside the scope, invoiced in CHF. */
export const zurich = billedClient(
  'c-ch',
  'Bergblick',
  'CH',
  { legalName: 'Bergblick Analytik AG', address: 'Bahnhofstrasse 1\n8001 Zürich', vatId: 'CHE-123.456.788 MWST', isBusiness: true },
  'CHF',
);

/** A German private person: domestic VAT, or none under § 19. */
export const koeln = billedClient('c-de', 'Jörg Weiß', 'DE', { legalName: 'Jörg Weiß', address: 'Ehrenstraße 5\n50672 Köln', isBusiness: false });

/** A Greek business. */
export const athens = billedClient('c-gr', 'Ακρόπολη Δεδομένα', 'GR', {
  legalName: 'Ακρόπολη Δεδομένα Α.Ε.',
  address: 'Ερμού 10\n105 63 Αθήνα',
  vatId: 'EL094259216',
  isBusiness: true,
});

export function expense(p: Project, id: string, date: string, amountMinor: number, currency: string, extra: Partial<Expense> = {}): Expense {
  return {
    id,
    projectId: p.id,
    clientId: p.clientId,
    date,
    amountMinor,
    currency,
    category: 'compute',
    passThrough: true,
    billed: false,
    receiptNote: 'GPU hours',
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

/** November 2026 in Berlin, everything of the client, invoice in EUR. */
export function november(extra: Partial<DraftSelection> = {}): DraftSelection {
  return { from: '2026-11-01', to: '2026-11-30', zone: 'Europe/Berlin', projectIds: [], issueDate: '2026-12-07', currency: 'EUR', ...extra };
}

export function draftInput(c: Client, records: Partial<Omit<DraftInput, 'client'>> = {}): DraftInput {
  return { profile: berlinProfile(), client: c, projects: [], phases: [], blocks: [], expenses: [], selection: november(), ...records };
}

/** 09:00 Berlin time (08:00 UTC in November) on a day of November 2026, plus `minutes`. */
export const nov = (day: number, minutes = 0): number => Date.UTC(2026, 10, day, 8) + minutes * 60_000;
