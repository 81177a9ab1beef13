import { defineConfig } from 'vitest/config';

// Unit tests of the core and CLI in Node (wasm backend). Playwright specs live in e2e/ and are not collected here.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/helpers/setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
