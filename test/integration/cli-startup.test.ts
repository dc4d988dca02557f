import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tracedRun, type TracedRun } from '../support/traced-run.js';

/**
 * `boundary help`, `hours` and `explain` are pure: they must start at once, so they must not load
 * the service's heavy parts. Each is run in a fresh Node with a preload that records every module.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'boundary-cli-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAVY = ['googleapis', 'google-auth-library', '@microsoft/microsoft-graph-client', '@azure/msal-node', 'fastify', 'bullmq', 'ioredis', 'pg', '@electric-sql/pglite'];

function loadedPackages(name: string, args: string[], env: Record<string, string> = {}): TracedRun {
  return tracedRun(path.join(dir, `${name}.txt`), ['src/cli/main.ts', ...args], { DATA_DIR: path.join(dir, 'data'), ...env });
}

describe('the command line loads only what a command needs', () => {
  const commands: Array<[string, string[]]> = [
    ['help', ['help']],
    ['hours', ['hours', '--settings', 'config/settings.example.json', '--at', '2026-11-27T23:30:00Z']],
    ['explain', ['explain', 'test/fixtures/eml/01-client-after-hours.eml', '--settings', 'test/fixtures/settings.json', '--now', '2025-11-25T18:45:00Z']],
  ];
  for (const [name, args] of commands) {
    it(`${name} loads none of the service's SDKs, web stack, queue or database drivers`, () => {
      const { status, stdout, packages } = loadedPackages(name, args);
      expect(status).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
      expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
    }, 90_000);
  }

  it('the trace sees a heavy package when a command does load one (the check can fail)', () => {
    // `start` loads the service before it reads the configuration; a bad value then stops it.
    const { status, packages } = loadedPackages('start', ['start'], { POLL_INTERVAL_SECONDS: 'x' });
    expect(status).toBe(1);
    expect(packages.has('fastify')).toBe(true);
  }, 90_000);
});
