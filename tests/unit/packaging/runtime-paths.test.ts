/**
 * Every file main reads from its installation at run time is packed. In a
 * packaged app `app.getAppPath()` is `.../resources/app.asar`, whose root is
 * the project filtered by electron-builder.yml's `files`; main resolves each
 * such path through src-main/app/runtime-paths.ts, so checking that list with
 * electron-builder's own file filter, per platform, covers what main opens.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import { APP_RELATIVE, runtimeFiles, TRAY_ICONS } from '../../../src-main/app/runtime-paths.ts';
import { TRAY_STATES } from '../../tools/icon-art.ts';
import viteConfig from '../../../electron.vite.config.ts';
import { appFileFilter, loadBuilderConfig } from './builder-internals.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
let loaded: Configuration;

beforeAll(async () => {
  loaded = await loadBuilderConfig(root);
});

const PLATFORMS = [
  ['linux', 'linux'],
  ['mac', 'darwin'],
  ['win', 'win32'],
] as const;

describe('what main reads at run time is inside app.asar', () => {
  it.each(PLATFORMS)('%s: every run-time file, and the entry package.json names', (builderKey, platform) => {
    const { includes } = appFileFilter(root, loaded, loaded[builderKey] ?? {});
    const files = [pkg.main.replace(/^\.\//, ''), ...runtimeFiles(platform)];
    expect(files.length).toBeGreaterThan(10);
    expect(
      files.filter((file) => !includes(file)),
      'read by main but not packed',
    ).toEqual([]);
  });

  it.each(PLATFORMS)('%s: the committed resources main reads exist', (_key, platform) => {
    const resources = runtimeFiles(platform).filter((file) => file.startsWith('resources/'));
    expect(resources.filter((file) => !existsSync(join(root, file)))).toEqual([]);
  });

  it('asks for a tray icon for every state the art has, and no other', () => {
    expect([...TRAY_ICONS].sort()).toEqual([...TRAY_STATES].sort());
  });

  it('names the files electron-vite builds: the preload, the renderer and its document', () => {
    const preload = viteConfig.preload?.build;
    const renderer = viteConfig.renderer?.build;
    const output = preload?.rolldownOptions?.output;
    const entryFileNames = !Array.isArray(output) && typeof output?.entryFileNames === 'string' ? output.entryFileNames : '';
    const lib = preload?.lib;
    const entry = lib && typeof lib.entry === 'string' ? lib.entry : '';
    expect(join(relative(root, preload?.outDir ?? ''), entryFileNames.replace('[name]', entry.replace(/^.*\/|\.ts$/g, '')))).toBe(APP_RELATIVE.preload);
    expect(relative(root, renderer?.outDir ?? '')).toBe(APP_RELATIVE.renderer);
    expect(APP_RELATIVE.rendererIndex).toBe(`${APP_RELATIVE.renderer}/index.html`);
    expect(existsSync(join(root, 'src-renderer/index.html'))).toBe(true);
  });

  it('resolves app paths nowhere but through runtime-paths.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && entry.name !== 'runtime-paths.ts') {
          const text = readFileSync(path, 'utf8');
          const file = relative(root, path);
          if (/import\.meta\.(dirname|url|filename)|__dirname|process\.resourcesPath/.test(text)) offenders.push(file);
          // Every use of the app path goes straight into appPaths().
          const uses = text.match(/getAppPath\(\)/g)?.length ?? 0;
          const throughAppPaths = text.match(/appPaths\(app\.getAppPath\(\)/g)?.length ?? 0;
          if (uses !== throughAppPaths) offenders.push(file);
        }
      }
    };
    walk(join(root, 'src-main'));
    expect(offenders).toEqual([]);
  });
});
