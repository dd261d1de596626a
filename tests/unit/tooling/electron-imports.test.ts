/**
 * The edge rule, through ESLint's own API with the project's eslint.config.js:
 * only `*.electron.ts` files and the two entries may import `electron` at run
 * time. Each case lints a few lines as if they lived at the given path.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root, cache: false });

async function electronFindings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const runtimeImport = "import { app } from 'electron';\nexport const ready = (): Promise<void> => app.whenReady();\n";
const typeImport = "import type { App } from 'electron';\nexport const name = (app: App): string => app.getName();\n";

describe('who may import electron', () => {
  it.each([
    'src-main/timer/timer-service.ts',
    'src-main/app/main-core.ts',
    'src-main/security/electron-helpers.ts',
    'src-main/index.electron.ts.bak.ts',
    'src-preload/api/build-api.ts',
    'src-preload/bridge.ts',
  ])('refuses a run-time import in %s', async (file) => {
    const found = await electronFindings(file, runtimeImport);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/electron/i);
  });

  it.each(['src-main/security/security.electron.ts', 'src-main/window/main-window.electron.ts', 'src-main/index.ts', 'src-preload/index.ts'])(
    'allows it in %s',
    async (file) => {
      expect(await electronFindings(file, runtimeImport)).toEqual([]);
    },
  );

  it('allows a type-only import in main (erased at build), but not in the contract', async () => {
    expect(await electronFindings('src-main/timer/app-menu.ts', typeImport)).toEqual([]);
    // Refused twice there: by name, and by the contract's own rule that it imports zod and its own files only.
    expect(await electronFindings('src-preload/contract/channels.ts', typeImport)).toHaveLength(2);
  });

  it('still refuses run-time renderer imports in an edge file', async () => {
    const code = "import { useStore } from '../../src-renderer/app/store.ts';\nexport const s = useStore;\n";
    expect(await electronFindings('src-main/window/main-window.electron.ts', code)).toHaveLength(1);
  });
});
