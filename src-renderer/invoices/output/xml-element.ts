/**
 * A tiny XML element builder for the e-invoice: elements are values, text and attribute values are
 * escaped when the tree is written, so a client named `Smith & <Sons>` or an address with quotes
 * can never break the document or inject an element. No string concatenation of typed text
 * anywhere else in the XML path.
 *
 * Written here rather than taken from npm: the UBL writer needs elements, attributes, text and
 * namespaces prefixes only, and the maintained builders (xmlbuilder2) pull in about 1 MB for that.
 */

/** One element: its qualified name ("cbc:ID"), attributes, and children or text. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text?: string;
}

/** A child list may carry `undefined` or `false` for optional parts; they are skipped. */
export type XmlChild = XmlElement | undefined | false;

// XML 1.0 forbids most control characters even escaped; a pasted one is dropped rather than
// making the whole invoice unreadable to the receiver's parser.
// eslint-disable-next-line no-control-regex -- the point is to match control characters
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;

/** Text or attribute content as XML writes it: `& < > " '` escaped, forbidden characters dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;')
    .replace(/\r/gu, '&#13;');
}

/** An element with children (falsy ones skipped). */
export function el(name: string, attributes: Record<string, string>, ...children: XmlChild[]): XmlElement {
  return { name, attributes, children: children.filter((c): c is XmlElement => c !== undefined && c !== false) };
}

/** An element holding text. */
export function leaf(name: string, text: string, attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes, children: [], text };
}

/** A leaf when `text` has content, else nothing: optional business terms are left out, never empty. */
export function optionalLeaf(name: string, text: string | undefined, attributes: Record<string, string> = {}): XmlElement | undefined {
  return text === undefined || text.trim() === '' ? undefined : leaf(name, text.trim(), attributes);
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) {
    out.push(`${pad}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`);
  } else if (node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) write(child, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

/** The document as UTF-8 XML text with a declaration, two-space indented. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
