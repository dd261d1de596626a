/**
 * The record of processing activities a processor keeps under GDPR Article 30(2), for one client:
 * the freelancer processes personal data on the client's behalf, so the client is the controller
 * and the freelancer the processor. Built as structured sections that render to Markdown and,
 * through the playbook's PDF writer, to a PDF.
 *
 * Decisions:
 * - Transfers outside the EEA are derived, never typed: every storage target the caller marks as
 *   allowed whose country is not in `eeaCountries`. Which countries the EEA holds is an input, so
 *   a change in membership is a data change, not a code change. Refused targets are listed under
 *   storage (with the reason) but never count as transfers: they receive nothing.
 * - The storage list always starts with this device, which holds the working copy.
 * - English only, like the other documents; country names in English, with the code beside them.
 * - The text is built from the inputs only (no clock, no locale), so the same input gives the
 *   same Markdown and, with the creation date set to `generatedAt`, the same PDF bytes.
 */
import type { Client, Contact } from '../domain/client.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { renderPdf, type PdfBlock, type PdfDocumentSpec, type PdfOptions, type RenderedPdf } from '../playbook/pdf-document.ts';
import { escapeMarkdown } from '../playbook/weekly-update.ts';

/** The freelancer, as processor. */
export interface ProcessorDetails {
  readonly name: string;
  /** Trading or company name, when there is one. */
  readonly company?: string;
  readonly contact: Contact;
  /** ISO 3166-1 alpha-2 country of establishment. */
  readonly country?: string;
  /** Art. 27 representative in the Union, where one is designated. */
  readonly representative?: string;
  /** Data protection officer, where one is designated. */
  readonly dataProtectionOfficer?: string;
}

/** A place the client's data may be synced or exported to, as the locality guard judged it. */
export interface StorageTarget {
  /** The person's name for the target ("Backups on Hetzner"). */
  readonly targetLabel: string;
  /** Where the target keeps data, in words ("Hetzner Object Storage, Falkenstein"). */
  readonly location: string;
  /** ISO 3166-1 alpha-2 code of that location. */
  readonly country: string;
  /** Whether this client's residency policy allows the target. */
  readonly allowed: boolean;
  /** Why it is allowed or refused (the guard's sentence); for a transfer, its legal basis. */
  readonly reason: string;
}

/** What the record is built from. */
export interface ProcessingRecordInput {
  readonly processor: ProcessorDetails;
  /** The controller. */
  readonly client: Client;
  readonly storageTargets: readonly StorageTarget[];
  /** ISO 3166-1 alpha-2 codes of the EEA's member countries at `generatedAt`. */
  readonly eeaCountries: ReadonlySet<string>;
  /** How long the data is kept, in words; absent: until the client is deleted. */
  readonly retention?: string;
  /** UTC epoch ms. */
  readonly generatedAt: number;
}

/** One part of a section: plain, unescaped text for any renderer. */
export type RecordPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** A titled section of the record. */
export interface RecordSection {
  readonly heading: string;
  readonly parts: readonly RecordPart[];
}

/** The record: `markdown` and `sections` carry the same content. */
export interface ProcessingRecord {
  readonly title: string;
  /** UTC epoch ms, also the PDF's creation date. */
  readonly generatedAt: number;
  readonly markdown: string;
  readonly sections: readonly RecordSection[];
  /** The allowed targets outside the EEA, in input order (empty: no transfers). */
  readonly transfers: readonly StorageTarget[];
}

/** Section headings, in order. */
export const RECORD_HEADINGS = {
  about: 'About this record',
  controller: 'Controller',
  processor: 'Processor',
  processing: 'Categories of processing',
  data: 'Categories of personal data and data subjects',
  storage: 'Where the data is stored',
  residency: 'Residency policy',
  transfers: 'Transfers outside the EEA',
  retention: 'Retention',
  measures: 'Technical and organisational measures',
} as const;

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });
const country = (code: string): string => `${regionNames.of(code) ?? code} (${code})`;
const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/gu, ', ').trim();
const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

function utcStamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function party(name: string, company: string | undefined, contact: Contact, countryCode: string | undefined): string[] {
  const lines = [`Name: ${name}`];
  if (present(company)) lines.push(`Company: ${company}`);
  if (present(contact.email)) lines.push(`Email: ${contact.email}`);
  if (present(contact.phone)) lines.push(`Phone: ${contact.phone}`);
  if (present(contact.address)) lines.push(`Address: ${oneLine(contact.address)}`);
  if (present(countryCode)) lines.push(`Country: ${country(countryCode)}`);
  return lines;
}

/** The client's residency policy in words. */
export function residencyInWords(residency: ResidencyPolicy): string {
  switch (residency.kind) {
    case 'device-only':
      return 'Device only: this client’s data never leaves this device. It is not synced, and no storage target may receive it.';
    case 'zone':
      if (residency.zone === 'EU') return 'European Union: this client’s data may be stored only in locations inside the European Union.';
      if (residency.zone === 'EEA') {
        return 'European Economic Area: this client’s data may be stored only in locations inside the EEA (the European Union, Iceland, Liechtenstein and Norway).';
      }
      return (
        'EEA and adequacy: this client’s data may be stored only inside the EEA or in a country with an EU adequacy decision ' +
        '(Art. 45 GDPR) in force at the time of the check; where a decision covers only certified organisations, ' +
        'the processor must first record that the target is covered.'
      );
    case 'countries':
      return `Listed countries: this client’s data may be stored only in ${residency.countries.map(country).join(', ')}.`;
  }
}

const PROCESSING = [
  'Time tracking: recording the time worked for the controller (start and end, kind of work, notes).',
  'Project management: projects, phases, budgets, experiments and kill switches, and the terms agreed for them.',
  'Invoicing: working out billable amounts from time, rates and fees, and drafting invoices and progress updates.',
  'Expense pass-through: recording expenses incurred for the controller and re-billing them at cost.',
];

const DATA = [
  'Identification and contact data of the controller and its contact persons: name, company, email address, phone number, postal address, country, time zone.',
  'Contract and billing data: billing terms, rates, fees, currencies, intellectual-property terms, data requirements.',
  'Work records: time blocks (start and end instants, time zone, kind of work, billing state, notes).',
  'Project records: phases, experiments (hypotheses, metrics, links), kill switches.',
  'Expense records: dates, amounts, categories, receipt notes.',
  'Free-text notes, which may name people at the controller.',
];

const MEASURES = [
  'Encryption at rest: every record is encrypted on the device with XChaCha20-Poly1305 (authenticated encryption).',
  'Access control: the vault key is protected by the processor’s passphrase through Argon2id (memory-hard key derivation); a recovery kit held offline is the only other way in.',
  'End-to-end encrypted sync: data leaves the device only as ciphertext; storage providers never receive keys or plaintext.',
  'Per-client keys with crypto-shredding: each client’s records are encrypted under that client’s own key; destroying the key makes every copy unreadable, synced and backed-up copies included.',
  'Hash-chained audit log: storage and export decisions are logged, each entry carrying the hash of the one before, so a changed, inserted or removed entry breaks the chain.',
  'Residency enforcement: sync and export targets outside the client’s residency policy are refused before any data is sent.',
];

/** Builds the Article 30(2) record for `input.client`. */
export function processingRecord(input: ProcessingRecordInput): ProcessingRecord {
  const { client, processor } = input;
  const eea = new Set([...input.eeaCountries].map((c) => c.toUpperCase()));
  const transfers = input.storageTargets.filter((t) => t.allowed && !eea.has(t.country.toUpperCase()));
  const title = `Record of processing activities: ${client.name}`;

  const processorLines = party(processor.name, processor.company, processor.contact, processor.country);
  if (present(processor.representative)) processorLines.push(`Representative in the Union: ${processor.representative}`);
  if (present(processor.dataProtectionOfficer)) processorLines.push(`Data protection officer: ${processor.dataProtectionOfficer}`);

  const sections: RecordSection[] = [
    {
      heading: RECORD_HEADINGS.about,
      parts: [
        {
          kind: 'text',
          text:
            'Record of the processing the processor carries out on behalf of the controller, kept under Article 30(2) GDPR. ' +
            `Generated by Caravan on ${utcStamp(input.generatedAt)}.`,
        },
      ],
    },
    { heading: RECORD_HEADINGS.controller, parts: [{ kind: 'list', items: party(client.name, client.company, client.contact, client.country) }] },
    { heading: RECORD_HEADINGS.processor, parts: [{ kind: 'list', items: processorLines }] },
    { heading: RECORD_HEADINGS.processing, parts: [{ kind: 'list', items: PROCESSING }] },
    {
      heading: RECORD_HEADINGS.data,
      parts: [
        { kind: 'list', items: DATA },
        { kind: 'text', text: 'Data subjects: the controller’s contact persons and staff, and anyone named in notes.' },
      ],
    },
    {
      heading: RECORD_HEADINGS.storage,
      parts: [
        {
          kind: 'table',
          columns: ['Target', 'Location', 'Country', 'Allowed', 'Reason'],
          rows: [
            ['This device', 'Caravan’s encrypted vault on the processor’s computer', '', 'Yes', 'The working copy of the data.'],
            ...input.storageTargets.map((t) => [t.targetLabel, t.location, t.country, t.allowed ? 'Yes' : 'No', t.reason]),
          ],
        },
        { kind: 'text', text: 'Only allowed targets receive this client’s data; refused targets are listed to show the policy was applied to them.' },
      ],
    },
    { heading: RECORD_HEADINGS.residency, parts: [{ kind: 'text', text: residencyInWords(client.residency) }] },
    {
      heading: RECORD_HEADINGS.transfers,
      parts:
        transfers.length === 0
          ? [{ kind: 'text', text: 'None.' }]
          : [
              { kind: 'text', text: 'Allowed storage targets located outside the EEA, with the basis for each transfer:' },
              {
                kind: 'table',
                columns: ['Target', 'Location', 'Country', 'Basis'],
                rows: transfers.map((t) => [t.targetLabel, t.location, country(t.country), t.reason]),
              },
            ],
    },
    {
      heading: RECORD_HEADINGS.retention,
      parts: [
        {
          kind: 'text',
          text: present(input.retention)
            ? input.retention.trim()
            : 'No retention period set: the data is kept until the processor deletes the client in Caravan, which destroys the client’s key (see the measures below).',
        },
      ],
    },
    { heading: RECORD_HEADINGS.measures, parts: [{ kind: 'list', items: MEASURES }] },
  ];
  return { title, generatedAt: input.generatedAt, markdown: toMarkdown(title, sections), sections, transfers };
}

const cell = (text: string): string => escapeMarkdown(oneLine(text)) || ' ';

function toMarkdown(title: string, sections: readonly RecordSection[]): string {
  const out = [`# ${escapeMarkdown(oneLine(title))}`];
  for (const s of sections) {
    out.push(`## ${escapeMarkdown(s.heading)}`);
    for (const part of s.parts) {
      if (part.kind === 'text') out.push(escapeMarkdown(part.text));
      else if (part.kind === 'list') out.push(part.items.map((item) => `- ${escapeMarkdown(oneLine(item))}`).join('\n'));
      else {
        out.push(
          [
            `| ${part.columns.map(cell).join(' | ')} |`,
            `| ${part.columns.map(() => '---').join(' | ')} |`,
            ...part.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
          ].join('\n'),
        );
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}

const WIDTHS: Readonly<Record<string, number>> = { Target: 18, Location: 26, Country: 14, Allowed: 12, Reason: 32, Basis: 32 };

/** The record as a document for the PDF writer: lists become bullets, tables stay tables. */
export function processingRecordDocument(record: ProcessingRecord): PdfDocumentSpec {
  const blocks: PdfBlock[] = [];
  for (const s of record.sections) {
    blocks.push({ kind: 'heading', text: s.heading, level: 2 });
    for (const part of s.parts) {
      if (part.kind === 'text') blocks.push({ kind: 'paragraph', text: part.text });
      else if (part.kind === 'list') for (const item of part.items) blocks.push({ kind: 'paragraph', text: `• ${item}` });
      else blocks.push({ kind: 'table', columns: part.columns.map((header) => ({ header, width: WIDTHS[header] ?? 20 })), rows: part.rows });
    }
  }
  return { title: record.title, blocks };
}

/** Renders {@link processingRecordDocument}; the creation date defaults to `record.generatedAt`, so the bytes are reproducible. */
export function processingRecordPdf(record: ProcessingRecord, options: PdfOptions = {}): Promise<RenderedPdf> {
  return renderPdf(processingRecordDocument(record), { ...options, creationDate: options.creationDate ?? new Date(record.generatedAt) });
}
