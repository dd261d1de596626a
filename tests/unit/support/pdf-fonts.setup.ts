/**
 * Vitest setup: Node has no app origin to fetch the PDF font from (pdf-fonts.ts), so every unit test
 * that renders a PDF reads the same TrueType files from node_modules that the build copies.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setPdfFontSource } from '../../../src-renderer/playbook/pdf-fonts.ts';

const require = createRequire(import.meta.url);
/** Absolute path of a file in the `dejavu-fonts-ttf` package. */
export const dejavuFile = (name: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);

setPdfFontSource(async () => {
  const [regular, bold] = await Promise.all([readFile(dejavuFile('DejaVuSans.ttf')), readFile(dejavuFile('DejaVuSans-Bold.ttf'))]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
});
