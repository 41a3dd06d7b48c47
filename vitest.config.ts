import { defineConfig } from 'vitest/config';

const dbProject = {
  globalSetup: ['server/test/global-setup.ts'],
  setupFiles: ['server/test/setup-worker.ts'],
};

export default defineConfig({
  test: {
    // 2 cores here: two workers, each with its own database cloned from a migrated template.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['shared/src/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          ...dbProject,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          maxWorkers: 1,
          ...dbProject,
        },
      },
    ],
  },
});
