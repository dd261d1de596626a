import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const ALL = ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'];
/**
 * Tests that build 100 000 records or similar: they assert behaviour, so CI runs them
 * (`npm run test:slow`), but not in the edit-test loop. A new one is named `*.slow.test.ts`.
 */
const SLOW = ['tests/unit/**/*.slow.test.ts', 'tests/unit/**/*.slow.test.tsx'];

export default defineConfig({
  test: {
    environment: 'node',
    // The PDF font comes from node_modules in Node (the app fetches it from its own origin).
    setupFiles: ['tests/unit/support/pdf-fonts.setup.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    // Vitest's default for a run is one worker fewer than the cores: on the 2-core CI machine that
    // is one worker, and the suite ran file after file. The tests wait on servers, child processes
    // and IndexedDB often enough that a worker per core keeps both cores busy.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: [...configDefaults.exclude, ...SLOW] } },
      // One test of a slow file can take minutes on a loaded 2-core machine.
      { extends: true, test: { name: 'slow', include: SLOW, testTimeout: 600_000 } },
    ],
  },
});
