/**
 * The README and the docs name files and folders of this repository in backticks; every one
 * must exist, so a rename cannot leave the docs pointing at nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const TOP = ['src-main/', 'src-preload/', 'src-renderer/', 'tests/', 'docs/', 'resources/', '.ci/', 'bench/'];
/** Paths a doc may name that are made at run or build time, not kept in the repository. */
const GENERATED = ['out/', 'bench/results.json', 'node_modules/', 'test-results/', 'dist/'];
/** Bare names of files that exist only at run time (in the user's data folder, on a target) or in a dependency. */
const NOT_IN_REPOSITORY = new Set([
  'vault.json',
  'window-state.json',
  'timer-preferences.json',
  'timer-journal.json',
  'targets.json',
  'electron.d.ts',
  'index.cjs',
]);

/** Every file name in the repository's own folders, for names a doc gives without their folder. */
function repositoryNames(): Set<string> {
  const names = new Set<string>();
  for (const top of ['src-main', 'src-preload', 'src-renderer', 'tests', 'docs', 'resources', '.ci']) {
    for (const entry of readdirSync(join(ROOT, top), { withFileTypes: true, recursive: true })) names.add(entry.name);
  }
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) names.add(entry.name);
  return names;
}

function documents(): string[] {
  return [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
}

/** Backticked tokens that name a repository path (no globs or placeholders), with a trailing `:line` or `#anchor` cut off. */
export function namedPaths(markdown: string): string[] {
  const found = new Set<string>();
  for (const [, token] of markdown.matchAll(/`([^`\s]+)`/g)) {
    const path = token!.replace(/[#:].*$/, '').replace(/[),.;]+$/, '');
    if (!TOP.some((top) => path.startsWith(top)) && !/^[\w.-]+\.(ts|tsx|json|yml|yaml|md|js|cjs)$/.test(path)) continue;
    if (/[*<>{}$…]/.test(path) || GENERATED.some((prefix) => path.startsWith(prefix))) continue;
    found.add(path);
  }
  return [...found];
}

describe('paths the docs name', () => {
  it('finds paths in backticks and leaves globs and placeholders alone', () => {
    expect(namedPaths('see `src-main/index.ts:12`, `docs/a.md#x`, `tests/**/*.ts`, `p/<partition>/`, `npm test`')).toEqual(['src-main/index.ts', 'docs/a.md']);
  });

  const names = repositoryNames();
  it.each(documents())('%s names only paths that exist', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const paths = namedPaths(text);
    const exists = (path: string) => (path.includes('/') ? existsSync(join(ROOT, path)) : names.has(path) || NOT_IN_REPOSITORY.has(path));
    const missing = paths.filter((path) => !exists(path));
    expect(missing, `${doc} names paths that do not exist`).toEqual([]);
  });
});
