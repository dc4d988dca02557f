import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDataCommand } from '../../src/cli/data-access.js';
import { findDataCommand } from '../../src/cli/data-commands.js';
import { freePort } from '../../dev/support/google-service.js';
import { waitForPort } from '../../dev/support/processes.js';
import { testConfig } from '../../dev/support/runtime.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The README's flow on the default embedded database: `npm start`, then the CLI beside it. */
describe('the CLI beside a running service on the embedded database', () => {
  let dataDir: string;
  let service: ChildProcess;
  let env: Record<string, string>;
  let baseUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'boundary-cli-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `{cli${randomBytes(4).toString('hex')}}`,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SESSION_SECRET: randomBytes(32).toString('base64'),
      DATABASE_URL: '',
    };
    service = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    // A cold start (tsx, PGlite, migrations) took 43 s at a load average of 9 on this 2-core machine.
    await waitForPort(port, 150_000);
  }, 160_000);

  afterAll(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((r) => service.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What `boundary …` does after reading its configuration (the same entry as main.ts). */
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const found = await findDataCommand(argv);
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), now: () => DateTime.utc() };
    const code = await runDataCommand(argv, found!.command, found!.args, testConfig({ ...env, DATABASE_URL: '' }), io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const tokenIn = (text: string) => /bnd_[A-Za-z0-9_-]+/.exec(text)?.[0];
  const settings = (token: string) => fetch(`${baseUrl}/api/settings`, { headers: { authorization: `Bearer ${token}` } });

  it('the real `boundary user create` process succeeds and the running service accepts its token at once', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'user', 'create', '--email', 'ana@example.com'], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(err).not.toContain('Aborted');
    expect(code).toBe(0);
    expect(out).toContain(`curl -H "Authorization: Bearer`);
    // PUBLIC_URL is unset: the hint follows the real PORT.
    expect(out).toContain(`http://localhost:${new URL(baseUrl).port}/api/settings`);
    expect((await settings(tokenIn(out)!)).status).toBe(200);
  }, 120_000);

  it('`user token` gives an existing user another token; `user tokens` lists it with its last use and revokes it', async () => {
    const made = await cli('user', 'token', '--email', 'ANA@example.com', '--name', 'laptop', '--expires', '30d');
    expect(made.code).toBe(0);
    const token = tokenIn(made.out)!;
    expect((await settings(token)).status).toBe(200);
    const listed = await cli('user', 'tokens', 'list', '--email', 'ana@example.com');
    expect(listed.out).toMatch(/"laptop" {2}created \S+ \S+ {2}last used \d{4}-\d\d-\d\d \S+ {2}expires \d{4}/);
    expect(listed.out).not.toContain(token);
    const id = /([0-9a-f-]{36}) {2}"laptop"/.exec(listed.out)![1]!;
    expect((await cli('user', 'tokens', 'revoke', '--email', 'ana@example.com', '--id', id)).code).toBe(0);
    expect((await settings(token)).status).toBe(401);
  });

  it('names the problem: an unknown user, a bad expiry, a digest for the new user', async () => {
    const nobody = await cli('user', 'token', '--email', 'nobody@example.com');
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('boundary user login-link --email nobody@example.com');
    const bad = await cli('user', 'token', '--email', 'ana@example.com', '--expires', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--expires: the expiry must be a number of days like 30d or a date like 2027-01-31, got "soon"');
    const twice = await cli('user', 'create', '--email', 'ana@example.com');
    expect(twice.err).toContain('boundary user token --email ana@example.com');
    const digest = await cli('digest', '--user', 'ana@example.com');
    expect(digest.code).toBe(0);
    expect(digest.err).toContain('preview');
  });
});
