/**
 * `npm run bench`: runs every benchmark suite and writes bench/results.json,
 * each figure beside a baseline measured in the same run, with the machine it
 * ran on. Benchmarks measure and report; they never pass or fail on a number.
 * Run one suite with `npm run bench -- <suite>`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { describeMachine } from './machine.ts';
import type { Figure } from './result.ts';
import { bundle } from './suites/bundle.ts';
import { bundleProject } from './suites/bundle-project.ts';
import { firstPaint } from './suites/first-paint.ts';
import { recordCrypto } from './suites/record-crypto.ts';
import { store } from './suites/store.ts';
import { sync } from './suites/sync.ts';
import { workspaceTable } from './suites/workspace-table.ts';

const SUITES: Record<string, () => Promise<Figure[]>> = {
  bundle,
  'bundle-project': bundleProject,
  'first-paint': firstPaint,
  'record-crypto': recordCrypto,
  store,
  sync,
  'workspace-table': workspaceTable,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}

const results = { date: new Date().toISOString(), machine: describeMachine(), figures: [] as Figure[] };
for (const [name, run] of Object.entries(SUITES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const started = performance.now();
  console.log(`• ${name}`);
  const figures = await run();
  for (const f of figures) {
    console.log(
      `  ${f.id}: median ${f.value.median} ${f.unit} (p90 ${f.value.p90}, n=${f.value.runs}); ` +
        `baseline ${f.baseline.value.median} ${f.unit} [${f.baseline.description}]; ratio ${f.ratio}${f.goal ? `; goal ${f.goal}` : ''}`,
    );
  }
  results.figures.push(...figures);
  console.log(`  (${Math.round(performance.now() - started)} ms)`);
}

await mkdir(join(REPO_ROOT, 'bench'), { recursive: true });
await writeFile(join(REPO_ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote bench/results.json (${results.figures.length} figures) on ${results.machine.cpuModel}, ${results.machine.cores} cores.`);
