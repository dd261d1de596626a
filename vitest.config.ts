import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    // The PDF font comes from node_modules in Node (the app fetches it from its own origin).
    setupFiles: ['tests/unit/support/pdf-fonts.setup.ts'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
