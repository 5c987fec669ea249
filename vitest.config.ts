import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    pool: 'forks',
    // Most test time is waiting (Slack's pace, spawned processes, PostgreSQL), not CPU: more files at once than cores.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real servers and databases: a second try hides nothing a first try would show, so none.
    retry: 0,
  },
});
