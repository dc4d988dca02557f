import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../demo/run-demo.js';
import { ME } from '../../demo/scenario.js';
import type { DemoService } from '../../demo/service.js';
import { signLoginLink } from '../../src/auth/login-link.js';
import { hasChromium, openChromium } from '../support/chromium.js';
import { freePort } from '../../dev/support/google-service.js';
import { waitForPort } from '../../dev/support/processes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** What a person must never be shown: the validator's own words, or a JSON document as a page. */
const RAW = /Expected (string|required property|array|object)|must have required property|FST_ERR|^\s*\{"/;

/** `node src/cli/main.ts …` with the newcomer's environment; resolves with what it printed. */
function cli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...argv], { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

/**
 * The README's first hour, in Chromium: `npm start` on a fresh data directory (embedded database),
 * a sign-in link from the CLI, a name and hours, a client, a token used against the running
 * service, then the served demo's Activity page and digest.
 */
describe.skipIf(!hasChromium)('a newcomer, from npm start to the served demo', () => {
  let dataDir: string;
  let service: ChildProcess;
  let env: Record<string, string>;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let demo: DemoService | undefined;
  const problems: string[] = [];

  /** Every page a person sees: HTML, never raw validator text. */
  const seen = async () => {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(RAW);
    expect(await page.locator('main, .card').count()).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'boundary-newcomer-'));
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `{nc${randomBytes(4).toString('hex')}}`,
      DATABASE_URL: '',
    };
    service = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    // A cold start (tsx, PGlite, migrations) took 43 s at a load average of 9 on this 2-core machine.
    await waitForPort(port, 300_000);
    ({ browser, page } = await openChromium(problems));
  }, 330_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    if (service && service.exitCode === null) {
      const exited = new Promise((r) => service.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in with the link `user login-link` prints, and is asked for a name', async () => {
    const link = await cli(env, 'user', 'login-link', '--email', 'ana@example.com');
    expect(link.code).toBe(0);
    const url = /http:\/\/\S+\/login\/\S+/.exec(link.out)![0];
    expect(url.startsWith(`${baseUrl}/login/`)).toBe(true);
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/accounts`);
    await expect(page.locator('.welcome').textContent()).resolves.toContain('How should your replies be signed?');
    await page.fill('.welcome input[name="name"]', 'Ana Kovač');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.locator('.welcome').waitFor({ state: 'detached' });
    await seen();
  }, 90_000);

  it('sets working hours', async () => {
    await page.goto(`${baseUrl}/hours`);
    await page.fill('input[name="timeZone"]', 'Europe/Tirane');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#saved:not([hidden])');
    await seen();
    // A new special day is not scolded before anything is typed; saving it empty names the date.
    await page.getByRole('button', { name: 'Add a special day' }).click();
    await page.locator('#pv-error', { hasText: 'Fill in the new entry' }).waitFor();
    expect(await page.locator('.special-day .field-error').count()).toBe(0);
    // 09:00–09:00 is a mistake, not an overnight shift: one message, no "ends next day".
    const monday = page.locator('.intervals[data-day="mon"] .interval').first();
    await monday.locator('input.end').fill('09:00');
    await page.locator('.intervals[data-day="mon"] .field-error').waitFor();
    expect(await monday.locator('.overnight').isVisible()).toBe(false);
    expect(await page.locator('.intervals[data-day="mon"] .field-error').count()).toBe(1);
  });

  it('adds a client, with mistakes said in plain words beside their fields', async () => {
    await page.goto(`${baseUrl}/clients`);
    const form = page.locator('section', { hasText: 'Add a client' }).locator('form');
    await form.locator('input[name="addresses"]').fill('lea.acme');
    await form.getByRole('button', { name: 'Add client' }).click();
    await form.locator('.field-error').first().waitFor();
    const errors = await form.locator('.field-error').allTextContents();
    expect(errors).toContain('is required');
    expect(errors.join(' ')).toContain("'lea.acme' is not an email address");
    // Each message sits inside its field's label, not in a grid cell of its own.
    expect(await form.locator('label .field-error').count()).toBe(errors.length);
    await seen();
    await form.locator('input[name="name"]').fill('Acme');
    await form.locator('input[name="addresses"]').fill('lea@acme.example');
    await form.getByRole('button', { name: 'Add client' }).click();
    await page.locator('.rows strong', { hasText: 'Acme' }).waitFor();
  });

  it('makes a token on the Account page and calls the API with it while the service runs on the embedded database', async () => {
    await page.goto(`${baseUrl}/account`);
    await page.fill('#new-token input[name="name"]', 'scripts');
    await page.getByRole('button', { name: 'Make a token' }).click();
    await page.locator('#new-token-value:not([hidden])').waitFor({ timeout: 20_000 });
    const token = (await page.locator('#token-value').textContent())!;
    expect(token).toMatch(/^bnd_/);
    const res = await fetch(`${baseUrl}/api/settings`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { settings: { name: string; timeZone: string } }).settings).toMatchObject({ name: 'Ana Kovač', timeZone: 'Europe/Tirane' });
    // The CLI beside it reaches the same database through the service.
    const listed = await cli(env, 'user', 'tokens', 'list', '--email', 'ana@example.com');
    expect(listed.out).toContain('"scripts"');
    await page.goto(`${baseUrl}/no-such-page`);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await seen();
    expect(problems).toEqual([]);
  }, 90_000);

  it("opens the served demo's Activity page and digest", async () => {
    const result = await runDemo({ out: () => {}, serve: { dataDir: path.join(dataDir, 'demo-service') } });
    demo = result.service!;
    const { token } = signLoginLink(demo.config.sessionSecret, ME, demo.runtime.now(), 60_000);
    await page.context().clearCookies();
    await page.goto(`${demo.baseUrl}/login/${token}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${demo.baseUrl}/accounts`);
    await page.goto(`${demo.baseUrl}/activity`);
    expect(await page.locator('.log li').count()).toBeGreaterThan(10);
    await seen();
    await page.goto(`${demo.baseUrl}/digests`);
    await page.frameLocator('iframe').locator('body').waitFor();
    expect(await page.frameLocator('iframe').locator('body').innerText()).toContain('Good morning, Elira');
    await seen();
    expect(problems).toEqual([]);
  }, 400_000);
});
