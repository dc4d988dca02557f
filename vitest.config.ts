import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Many suites wait on servers (Redis, PostgreSQL, emulators, Dovecot, Chromium): vitest's
    // default of one worker per spare core is a single worker on a 2-core machine.
    maxWorkers: 2,
  },
});
