/**
 * Whether the Electron binary is installed. Electron downloads it on first
 * run; without internet it is absent, and the Electron project says so.
 * This never triggers the download itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../host/server.ts';

export type ElectronBinary = { path: string } | { missing: string };

export function findElectronBinary(): ElectronBinary {
  const pkg = join(REPO_ROOT, 'node_modules/electron');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile) && !override) {
    return {
      missing:
        'Electron binary not installed (node_modules/electron/path.txt is absent: Electron downloads its binary on first run, ' +
        'and this machine has no internet). Run `npx electron --version` once with internet to enable this project.',
    };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const path = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(path) ? { path } : { missing: `Electron binary missing at ${path}.` };
}
