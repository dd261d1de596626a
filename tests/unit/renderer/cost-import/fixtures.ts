/** The billing files under tests/fixtures/cost-import, as the dialog would read them. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readHeaders } from '../../../../src-renderer/csv/read-csv.ts';
import { detectFormat, scanFile, type ScanResult } from '../../../../src-renderer/cost-import/scan.ts';

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../fixtures/cost-import/${name}`, import.meta.url)), 'utf8');
}

/** Detects `text`'s format and reads it; throws when the headers are not a provider's. */
export async function scanProvider(text: string): Promise<{ source: string; label: string; scan: ScanResult }> {
  const detection = detectFormat(await readHeaders(text));
  if (detection.kind !== 'provider') throw new Error(`not a provider format: ${detection.kind}`);
  return { source: detection.format.source, label: detection.format.label, scan: await scanFile(text, detection.reader) };
}

/** Groups as `day label amount currency` lines, easy to compare whole. */
export function summary(scan: ScanResult): string[] {
  return scan.groups.map((g) => `${g.day} ${g.label} ${g.amountMinor} ${g.currency}`);
}
