/**
 * The run-time import-cycle check that `npm run lint` runs, on small files
 * written for each case, and on the repository itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKED_DIRS, findCycles, runtimeGraph } from '../../tools/import-cycles.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'caravan-cycles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let cases = 0;
/** Writes the files into a fresh folder and returns the cycles found there. */
function cyclesIn(files: Record<string, string>): string[][] {
  const dir = join(scratch, `case-${cases++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'src', name)), { recursive: true });
    writeFileSync(join(dir, 'src', name), text);
  }
  return findCycles(runtimeGraph(dir, ['src']));
}

describe('run-time import cycles', () => {
  it('finds two modules that import each other', () => {
    const found = cyclesIn({
      'a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
    });
    expect(found).toEqual([['src/a.ts', 'src/b.ts', 'src/a.ts']]);
  });

  it('finds a longer cycle through a re-export and a side-effect import, across folders', () => {
    const found = cyclesIn({
      'app/store.ts': "import '../sync/start.ts';\nexport const store = 1;\n",
      'sync/start.ts': "export { helper } from './helper.ts';\n",
      'sync/helper.ts': "import { store } from '../app/store.ts';\nexport const helper = store;\n",
    });
    expect(found).toEqual([['src/app/store.ts', 'src/sync/start.ts', 'src/sync/helper.ts', 'src/app/store.ts']]);
  });

  it('ignores type-only imports and re-exports, which the build erases', () => {
    const found = cyclesIn({
      'round.ts': "import { compact } from './compaction.ts';\nexport interface Deps { n: number }\nexport const round = (d: Deps) => compact(d);\n",
      'compaction.ts': "import type { Deps } from './round.ts';\nexport type { Deps as D } from './round.ts';\nexport const compact = (d: Deps) => d.n;\n",
    });
    expect(found).toEqual([]);
  });

  it('counts `import { type X }` as run time: with verbatimModuleSyntax it stays as `import {}`', () => {
    const found = cyclesIn({
      'a.ts': "import { b } from './b.ts';\nexport interface A { x: number }\nexport const a = b;\n",
      'b.ts': "import { type A } from './a.ts';\nexport const b = (v: A) => v.x;\n",
    });
    expect(found).toHaveLength(1);
  });

  it('ignores dynamic import(), which runs after both modules have loaded', () => {
    const found = cyclesIn({
      'a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'b.ts': "export const b = () => import('./a.ts');\n",
    });
    expect(found).toEqual([]);
  });

  it('finds none in src-main, src-preload and src-renderer, whose graph it does see', () => {
    const graph = runtimeGraph(root, CHECKED_DIRS);
    expect(findCycles(graph)).toEqual([]);
    // Not empty because resolution failed: edges we know are there.
    expect(graph.get('src-renderer/app/store.ts')).toContain('src-renderer/session/session-deps.ts');
    expect(graph.get('src-renderer/sync/sync-runner.ts')).toContain('src-renderer/locality/travel.ts');
    expect(graph.get('src-main/index.ts')).toContain('src-main/app/main-core.ts');
  });
});
