import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/setup/sequencer.js';

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
    // A worker runs file after file in one process, so googleapis, Fastify, BullMQ and PGlite's
    // WebAssembly load once per worker instead of once per file (about 40% of a file's CPU).
    // Nothing here mocks modules or patches globals, and every test builds its own runtime.
    isolate: false,
    sequence: { sequencer: LongestFirst },
  },
});
