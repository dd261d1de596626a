/**
 * The font every PDF Caravan writes embeds: DejaVu Sans, regular and bold (the `dejavu-fonts-ttf`
 * package; Bitstream Vera licence with DejaVu's changes in the public domain, see
 * docs/third-party-notices.md). It covers Latin with every European accent, Greek and Cyrillic, so
 * "Łódź Analytics sp. z o.o.", "Ψ Δεδομένα ΑΕ" and "ООО Вектор" print as typed; pdf-lib embeds only
 * the glyphs a document uses (a subset of a few kilobytes, not the 1.4 MB of both files).
 *
 * The files are fetched only when a PDF is made: Vite's `?url` turns each import into the URL of an
 * asset it copies beside the bundle (`out/renderer/assets/`), so neither font is inlined into the
 * JavaScript and a session that never exports a PDF never loads them. The renderer fetches them from
 * its own origin (`app://caravan/assets/…` in Electron, the test host's origin in the browser), which
 * the CSP's `connect-src 'self'` allows; main serves `.ttf` as `font/ttf` (src-main/protocol/app-files.ts).
 *
 * Node has no origin to fetch from: tests install a source that reads the files from node_modules
 * (tests/unit/support/pdf-fonts.setup.ts, a vitest setup file).
 */
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';

/** The TrueType files of the PDF font, as bytes. */
export interface PdfFontFiles {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

/** Where the files come from; see {@link setPdfFontSource}. */
export type PdfFontSource = () => Promise<PdfFontFiles>;

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The PDF font could not be loaded (${url}: ${response.status}). Reinstall Caravan if this persists.`);
  return new Uint8Array(await response.arrayBuffer());
}

const fetchFromApp: PdfFontSource = async () => {
  const [regular, bold] = await Promise.all([fetchFont(regularUrl), fetchFont(boldUrl)]);
  return { regular, bold };
};

let source: PdfFontSource = fetchFromApp;
let loaded: Promise<PdfFontFiles> | undefined;

/** Replaces where the font files come from (Node tests read them from disk); forgets what was loaded. */
export function setPdfFontSource(next: PdfFontSource): void {
  source = next;
  loaded = undefined;
}

/** The font files, loaded once per session; a failed load is tried again on the next PDF. */
export function loadPdfFonts(): Promise<PdfFontFiles> {
  loaded ??= source().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
