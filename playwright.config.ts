import { defineConfig } from '@playwright/test';
import type { Shell } from './tests/e2e/support/fixtures.ts';
import { SCREEN_ONLY_SPECS } from './tests/e2e/support/shell-coverage.ts';

/**
 * Three projects run the same end-to-end specs:
 * - `chromium-host`: the built renderer in Debian's Chromium, against the
 *   browser test host that runs main's handler table (runs everywhere);
 * - `electron-double`: the built main (`out/main/index.js`) and sandboxed
 *   preload under the Electron double, with a real Chromium page as the
 *   window (runs everywhere; see tests/electron-double/);
 * - `electron`: the real shell via `_electron.launch`; it reports itself
 *   skipped, with the reason, where the Electron binary is not installed.
 * Each test gets a fresh profile and a fresh data folder (see support/fixtures.ts). Specs about a
 * screen alone run under the host only (support/shell-coverage.ts says why).
 */
export default defineConfig<{ shell: Shell }>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/e2e/support/skip-reasons-reporter.ts']],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium-host', use: { shell: 'host' } },
    { name: 'electron-double', use: { shell: 'double' }, testIgnore: SCREEN_ONLY_SPECS.map((spec) => `**/${spec}`) },
    { name: 'electron', use: { shell: 'electron' } },
  ],
});
