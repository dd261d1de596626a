/**
 * Writes Caravan's icons into resources/ from the shapes in icon-art.ts.
 *
 *   node tests/tools/make-icons.ts
 *
 * Run it after changing icon-art.ts and commit the PNGs it writes;
 * tests/unit/packaging/icons.test.ts fails while they differ from the source.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { iconFiles } from './icon-art.ts';
import { encodePng } from './png.ts';

const root = join(import.meta.dirname, '..', '..');

for (const file of iconFiles()) {
  const target = join(root, file.path);
  mkdirSync(dirname(target), { recursive: true });
  const png = encodePng(file.render());
  writeFileSync(target, png);
  console.log(`${file.path} (${png.length} bytes)`);
}
