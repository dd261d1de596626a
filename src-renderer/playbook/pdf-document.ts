/**
 * A small text-layout PDF writer on pdf-lib, and the weekly update drawn with it. Invoices and
 * credit notes are drawn with the same writer by invoices/output/invoice-pdf.ts.
 *
 * Layout: A4, 56 pt margins, DejaVu Sans 10.5 pt body and DejaVu Sans Bold headings, word wrap (a word
 * wider than the line is broken), page breaks, tables with relative column widths, right-aligned
 * numeric columns and a header row repeated on every page, "Page n of m" in the footer. A heading
 * is kept with the line after it; a table row is kept on one page unless it is taller than a page.
 *
 * Fonts: DejaVu Sans, embedded as a subset (pdf-fonts.ts: loaded on the first PDF, not bundled), so
 * names in Latin, Greek and Cyrillic print as typed. Text is cleaned first (pdf-text.ts: invisible
 * marks dropped); what the font still lacks (Japanese, flags, a few currency signs) is folded, drawn
 * as "?" or dropped and counted in `replacedCharacters`, for the UI to warn.
 *
 * Metadata: title, producer and creator "Caravan", creation and modification date from the options
 * (now by default), so tests can render byte-identical files.
 */
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { countOf } from '../ui/format/plural.ts';
import { loadPdfFonts } from './pdf-fonts.ts';
import { drawableText } from './pdf-text.ts';
import { typedLine, type WeeklyUpdate } from './weekly-update.ts';

/** A table column; `width` is relative to the other columns' widths. */
export interface PdfColumn {
  readonly header: string;
  readonly width: number;
  /** `right` for numbers and amounts. */
  readonly align?: 'left' | 'right';
}

/** One block of a document, laid out top to bottom. */
export type PdfBlock =
  | { readonly kind: 'heading'; readonly text: string; readonly level?: 1 | 2 | 3 }
  | { readonly kind: 'paragraph'; readonly text: string; readonly bold?: boolean; readonly small?: boolean }
  | { readonly kind: 'table'; readonly columns: readonly PdfColumn[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'columns'; readonly columns: readonly PdfTextColumn[] }
  | { readonly kind: 'totals'; readonly rows: readonly PdfTotalRow[] };

/** One of several text blocks side by side (an invoice's seller and buyer): a bold title over lines. */
export interface PdfTextColumn {
  readonly title?: string;
  readonly text: string;
}

/** A label and an amount in a right-aligned totals block. */
export interface PdfTotalRow {
  readonly label: string;
  readonly value: string;
  readonly bold?: boolean;
}

/** A document: its title is drawn first and is the file's metadata title. */
export interface PdfDocumentSpec {
  readonly title: string;
  readonly blocks: readonly PdfBlock[];
  /** Drawn small at the top of every page after the first ("Invoice RE-2026-0007 · Acme"), so a loose page says where it belongs. */
  readonly running?: string;
}

/** Rendering options. */
export interface PdfOptions {
  /** BCP 47 locale for page numbers, amounts and the document language. */
  readonly locale?: string;
  /** Creation date written to the metadata; now by default. */
  readonly creationDate?: Date;
}

/** A rendered file and how many characters the fonts could not draw (drawn as "?"). */
export interface RenderedPdf {
  readonly bytes: Uint8Array;
  readonly replacedCharacters: number;
}

// A4 in points, as pdf-lib's PageSizes.A4: the library itself (~0.6 MB) loads only when a PDF is made.
const [PAGE_W, PAGE_H] = [595.28, 841.89] as const;
const MARGIN = 56;
const BODY = 10.5;
const LEADING = BODY * 1.4;
const HEADING: Readonly<Record<1 | 2 | 3, number>> = { 1: 18, 2: 14, 3: 12 };
const SMALL = 8.5;
const CELL_PAD = 4;

interface Layout {
  readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  /** Running header and page numbers. */
  readonly grey: Color;
  readonly charset: ReadonlySet<number>;
  readonly running?: string;
  page: PDFPage;
  y: number;
  replaced: number;
}

/** `text` as the font can draw it (pdf-text.ts); what could not be kept is counted on the layout. */
function clean(l: Layout, text: string): string {
  const { text: out, replaced } = drawableText(text, l.charset);
  l.replaced += replaced;
  return out;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string): boolean => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (let word of text.split(/ +/u)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    while (!fits(word)) {
      const chars = [...word];
      let n = Math.max(1, chars.length - 1);
      while (n > 1 && !fits(chars.slice(0, n).join(''))) n -= 1;
      lines.push(chars.slice(0, n).join(''));
      word = chars.slice(n).join('');
    }
    current = word;
  }
  lines.push(current);
  return lines;
}

/** Where text starts on a page: below the running header on pages after the first. */
const top = (l: Layout): number => PAGE_H - MARGIN - (l.running !== undefined && l.doc.getPageCount() > 1 ? SMALL * 2.4 : 0);

function newPage(l: Layout): void {
  l.page = l.doc.addPage([PAGE_W, PAGE_H]);
  if (l.running !== undefined) {
    l.page.drawText(clean(l, l.running), { x: MARGIN, y: PAGE_H - MARGIN - SMALL * 0.8, size: SMALL, font: l.regular, color: l.grey });
  }
  l.y = top(l);
}

function ensure(l: Layout, height: number): void {
  if (l.y - height < MARGIN && l.y < top(l)) newPage(l);
}

function line(l: Layout, text: string, x: number, font: PDFFont, size: number, height: number): void {
  l.page.drawText(text, { x, y: l.y - size * 0.8, size, font });
  l.y -= height;
}

function heading(l: Layout, text: string, level: 1 | 2 | 3): void {
  const size = HEADING[level];
  const lines = wrap(clean(l, text), l.bold, size, PAGE_W - 2 * MARGIN);
  const before = l.y < top(l) ? size * 0.7 : 0;
  ensure(l, before + lines.length * size * 1.25 + LEADING);
  if (l.y < top(l)) l.y -= before;
  for (const row of lines) line(l, row, MARGIN, l.bold, size, size * 1.25);
  l.y -= 3;
}

function paragraph(l: Layout, text: string, bold: boolean, small = false): void {
  const font = bold ? l.bold : l.regular;
  const size = small ? SMALL : BODY;
  const leading = size * 1.4;
  for (const part of text.split(/\r?\n/u)) {
    for (const row of wrap(clean(l, part), font, size, PAGE_W - 2 * MARGIN)) {
      ensure(l, leading);
      l.page.drawText(row, { x: MARGIN, y: l.y - size * 0.8, size, font, ...(small ? { color: l.grey } : {}) });
      l.y -= leading;
    }
  }
  l.y -= 3;
}

/** Text blocks side by side, each wrapped in its share of the width, kept on one page. */
function textColumns(l: Layout, columns: readonly PdfTextColumn[]): void {
  const gap = 18;
  const width = (PAGE_W - 2 * MARGIN - gap * (columns.length - 1)) / columns.length;
  const laid = columns.map((c) => ({
    title: c.title === undefined ? [] : wrap(clean(l, c.title), l.bold, BODY, width),
    lines: c.text.split(/\r?\n/u).flatMap((part) => wrap(clean(l, part), l.regular, BODY, width)),
  }));
  const height = Math.max(...laid.map((c) => (c.title.length + c.lines.length) * LEADING));
  ensure(l, height);
  const start = l.y;
  laid.forEach((c, i) => {
    const x = MARGIN + i * (width + gap);
    l.y = start;
    for (const row of c.title) line(l, row, x, l.bold, BODY, LEADING);
    for (const row of c.lines) line(l, row, x, l.regular, BODY, LEADING);
  });
  l.y = start - height - 6;
}

/** Labels and amounts right-aligned in the right half of the page, amounts flush with the margin. */
function totalsBlock(l: Layout, rows: readonly PdfTotalRow[]): void {
  const right = PAGE_W - MARGIN;
  const labelRight = right - 110;
  ensure(l, rows.length * LEADING);
  for (const row of rows) {
    const font = row.bold ? l.bold : l.regular;
    const label = wrap(clean(l, row.label), font, BODY, labelRight - PAGE_W / 2);
    const value = clean(l, row.value);
    ensure(l, label.length * LEADING);
    if (row.bold) l.page.drawLine({ start: { x: PAGE_W / 2, y: l.y + 1 }, end: { x: right, y: l.y + 1 }, thickness: 0.6, color: l.grey });
    label.forEach((text, n) => {
      l.page.drawText(text, { x: labelRight - font.widthOfTextAtSize(text, BODY), y: l.y - BODY * 0.8 - n * LEADING, size: BODY, font });
    });
    l.page.drawText(value, { x: right - font.widthOfTextAtSize(value, BODY), y: l.y - BODY * 0.8, size: BODY, font });
    l.y -= label.length * LEADING;
  }
  l.y -= 6;
}

function table(l: Layout, columns: readonly PdfColumn[], rows: readonly (readonly string[])[]): void {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => ((PAGE_W - 2 * MARGIN) * c.width) / total);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const cells = (row: readonly string[], font: PDFFont): string[][] =>
    columns.map((_, i) => wrap(clean(l, row[i] ?? ''), font, BODY, (widths[i] ?? 0) - 2 * CELL_PAD));
  const header = cells(
    columns.map((c) => c.header),
    l.bold,
  );

  const drawRow = (lines: string[][], font: PDFFont, isHeader: boolean): void => {
    const height = Math.max(...lines.map((c) => c.length)) * LEADING;
    // Keep a row on one page when a page can hold it; taller rows continue line by line.
    const page = l.page;
    if (height <= PAGE_H - 2 * MARGIN - 2 * LEADING) ensure(l, height + 2);
    if (l.page !== page && !isHeader) drawRow(header, l.bold, true);
    for (let n = 0; n * LEADING < height; n += 1) {
      if (l.y - LEADING < MARGIN) {
        newPage(l);
        if (!isHeader) drawRow(header, l.bold, true);
      }
      columns.forEach((c, i) => {
        const text = lines[i]?.[n] ?? '';
        const x = c.align === 'right' ? (xs[i] ?? 0) + (widths[i] ?? 0) - CELL_PAD - font.widthOfTextAtSize(text, BODY) : (xs[i] ?? 0) + CELL_PAD;
        l.page.drawText(text, { x, y: l.y - BODY * 0.8, size: BODY, font });
      });
      l.y -= LEADING;
    }
    if (isHeader) l.page.drawLine({ start: { x: MARGIN, y: l.y + 1 }, end: { x: PAGE_W - MARGIN, y: l.y + 1 }, thickness: 0.6, color: l.grey });
    l.y -= 2;
  };

  ensure(l, 3 * LEADING);
  drawRow(header, l.bold, true);
  for (const row of rows) drawRow(cells(row, l.regular), l.regular, false);
  l.y -= 4;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** Embeds DejaVu Sans regular and bold as subsets; fontkit (~0.5 MB of JavaScript) is loaded here, with the fonts. */
async function embedFonts(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  // The package's ES build has only a default export, which its typings (a namespace) do not declare.
  const [fontkit, files] = await Promise.all([import('@pdf-lib/fontkit') as Promise<unknown> as Promise<{ default: Fontkit }>, loadPdfFonts()]);
  pdf.registerFontkit(fontkit.default);
  const [regular, bold] = await Promise.all([pdf.embedFont(files.regular, { subset: true }), pdf.embedFont(files.bold, { subset: true })]);
  return { regular, bold };
}

/** Lays out `doc` and returns the file; see the module comment for fonts and metadata. */
export async function renderPdf(doc: PdfDocumentSpec, options: PdfOptions = {}): Promise<RenderedPdf> {
  const { PDFDocument, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedFonts(pdf);
  const grey = rgb(0.4, 0.4, 0.4);
  const page = pdf.addPage([PAGE_W, PAGE_H]);
  // What both weights draw: the bold lacks a few of the regular's signs, and any text may be bold.
  const boldSet = new Set(bold.getCharacterSet());
  const charset = new Set(regular.getCharacterSet().filter((cp) => boldSet.has(cp)));
  const l: Layout = {
    doc: pdf,
    regular,
    bold,
    grey,
    charset,
    page,
    y: PAGE_H - MARGIN,
    replaced: 0,
    ...(doc.running === undefined ? {} : { running: doc.running }),
  };

  heading(l, doc.title, 1);
  for (const block of doc.blocks) {
    if (block.kind === 'heading') heading(l, block.text, block.level ?? 2);
    else if (block.kind === 'paragraph') paragraph(l, block.text, block.bold ?? false, block.small ?? false);
    else if (block.kind === 'columns') textColumns(l, block.columns);
    else if (block.kind === 'totals') totalsBlock(l, block.rows);
    else table(l, block.columns, block.rows);
  }

  const pages = pdf.getPages();
  // Latin digits: the font lacks Devanagari and others a locale may choose.
  const number = new Intl.NumberFormat(options.locale, { numberingSystem: 'latn' });
  pages.forEach((p, i) => {
    const text = `Page ${number.format(i + 1)} of ${number.format(pages.length)}`;
    const size = 8.5;
    p.drawText(text, { x: (PAGE_W - regular.widthOfTextAtSize(text, size)) / 2, y: MARGIN / 2, size, font: regular, color: grey });
  });

  const date = options.creationDate ?? new Date();
  pdf.setTitle(doc.title);
  pdf.setProducer('Caravan');
  pdf.setCreator('Caravan');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  if (options.locale !== undefined) pdf.setLanguage(options.locale);
  return { bytes: await pdf.save(), replacedCharacters: l.replaced };
}

/** What to tell the person when the font could not draw everything as typed; empty when it did. */
export function replacedWarning(replaced: number): string {
  if (replaced === 0) return '';
  const one = replaced === 1;
  return `${countOf(replaced, 'character')} could not be drawn in the PDF’s font and ${one ? 'was' : 'were'} replaced (an accent dropped, or “?”): check the PDF before you send it.`;
}

/** How a typed line is drawn: a bullet or its number for list items, as typed otherwise. */
function typedText(line: string): string {
  const typed = typedLine(line);
  return typed.kind === 'bullet' ? `• ${typed.text}` : typed.kind === 'numbered' ? `${typed.number}. ${typed.text}` : typed.text;
}

/** The weekly update as a document: sections become headings, list lines bullets, typed lists stay lists. */
export function weeklyUpdateDocument(update: WeeklyUpdate): PdfDocumentSpec {
  const blocks: PdfBlock[] = [];
  for (const s of update.sections) {
    blocks.push({ kind: 'heading', text: s.heading, level: s.level });
    for (const text of s.lines) blocks.push({ kind: 'paragraph', text: s.style === 'list' ? `• ${text}` : typedText(text) });
  }
  return { title: update.title, blocks };
}

/** Renders {@link weeklyUpdateDocument}. */
export function weeklyUpdatePdf(update: WeeklyUpdate, options: PdfOptions = {}): Promise<RenderedPdf> {
  return renderPdf(weeklyUpdateDocument(update), options);
}
