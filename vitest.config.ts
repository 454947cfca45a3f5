import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One line when ../shared is absent: the corpus suites skip.
    globalSetup: ['test/setup/corpus-notice.ts'],
  },
});
