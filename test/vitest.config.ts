import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Each file opens real SQLite files in temp folders; two cores are all this machine has.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
