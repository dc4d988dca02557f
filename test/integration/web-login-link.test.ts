import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loginLinkCommand } from '../../src/cli/login-link.js';
import { createRuntime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { openDatabase } from '../../src/storage/db.js';
import { createTestDatabase, postgresAvailable } from '../../dev/support/postgres.js';
import { testConfig } from '../../dev/support/runtime.js';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.warn('login-link CLI test skipped: no PostgreSQL at 127.0.0.1:5432');

describe.skipIf(!hasPostgres)('boundary user login-link', () => {
  it('prints a link that signs the owner in once', async () => {
    const { url, drop } = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: url, PUBLIC_URL: 'https://boundary.example' });
    const out: string[] = [];
    try {
      expect(await loginLinkCommand(['--email', 'Owner@Example.test'], config, { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
      const link = out.find((l) => l.startsWith('https://boundary.example/login/'));
      expect(link).toBeDefined();
      const runtime = await createRuntime(config, { database: await openDatabase({ url }), logger: pino({ level: 'silent' }) });
      const app = await buildServer(runtime);
      try {
        const path = new URL(link!).pathname;
        const first = await app.inject({ method: 'POST', url: path });
        expect(first.statusCode).toBe(303);
        const cookie = String(first.headers['set-cookie']).split(';')[0]!;
        expect((await app.inject({ url: '/accounts', headers: { cookie } })).body).toContain('owner@example.test');
        expect((await app.inject({ method: 'POST', url: path })).statusCode).toBe(400);
      } finally {
        await app.close();
        await runtime.close();
      }
    } finally {
      await drop();
    }
  });

  it('refuses a missing or malformed address', async () => {
    const errors: string[] = [];
    expect(await loginLinkCommand(['--email', 'not-an-address'], testConfig(), { out: () => {}, err: (s) => errors.push(s) })).toBe(2);
    expect(errors[0]).toContain('--email must be an email address');
  });
});
