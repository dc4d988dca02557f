import { createServer, type Server } from 'node:http';

import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLoginLink } from '../../src/auth/login-link.js';
import { listUserAccounts } from '../../src/storage/accounts.js';
import { freePort, startGoogleService, type GoogleService } from '../../dev/support/google-service.js';
import { userWithToken } from '../../dev/support/users.js';

/**
 * Issue 14, holes 1 and 2, in headless Chromium through the Google emulator's consent: a connect
 * link or a sign-in callback handed to another browser, and a sign-in form posted from another site.
 */
const VICTIM = 'elira@hoxha.studio'; // the emulator's mailbox, and a Boundary user

describe.skipIf(!hasChromium)('OAuth state and sign-in bound to the browser (real browser)', () => {
  let s: GoogleService;
  let browser: Browser;
  let attackerSite: Server;
  let attackerUrl: string;
  let attackerAuth: { authorization: string };
  let attackerId: string;
  let nextForm = '';

  /** A fresh browser profile signed in to Boundary with a one-time link, as `email`. */
  async function signedIn(email: string): Promise<BrowserContext> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { token } = signLoginLink(s.runtime.config.sessionSecret, email, new Date(), 15 * 60_000);
    await page.goto(`${s.baseUrl}/login/${token}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${s.baseUrl}/accounts`);
    return context;
  }

  const sessionOf = async (context: BrowserContext) => (await context.cookies(s.baseUrl)).find((c) => c.name === 'boundary_session')?.value;

  beforeAll(async () => {
    s = await startGoogleService({ now: () => new Date(), userAddress: VICTIM });
    ({ auth: attackerAuth, user: { id: attackerId } } = await userWithToken(s.runtime.database.db, 'mallory@attacker.example'));
    // "localhost" is another site than "127.0.0.1", so Chromium labels its posts cross-site.
    const port = await freePort();
    attackerSite = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(nextForm));
    await new Promise<void>((resolve) => attackerSite.listen(port, '127.0.0.1', resolve));
    attackerUrl = `http://localhost:${port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    attackerSite?.close();
    await s?.stop();
  });

  it('1. a connect link started by someone else is refused in the victim\'s browser, and attaches nothing', async () => {
    const start = await fetch(`${s.baseUrl}/connect/google?format=json`, { headers: attackerAuth });
    const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
    const victim = await signedIn(VICTIM);
    const page = await victim.newPage();
    await page.goto(authorizationUrl); // the emulator's consent, then back to our callback
    await page.waitForURL(/\/connect\/google\/callback/);
    expect(await page.textContent('body')).toContain('not started in this browser');
    expect(await listUserAccounts(s.runtime.database.db, attackerId)).toEqual([]);
    expect(await listUserAccounts(s.runtime.database.db, s.userId)).toEqual([]);

    // The victim's own connect, from the Accounts page, still works in the same browser.
    await page.goto(`${s.baseUrl}/accounts`);
    await page.getByRole('link', { name: 'Connect Gmail' }).click();
    await page.waitForURL(/\/accounts\?connected=/);
    expect((await listUserAccounts(s.runtime.database.db, s.userId)).map((a) => a.address)).toEqual([VICTIM]);
    await victim.close();
  });

  it('2. a "Sign in with Google" callback captured by an attacker does not sign the victim\'s browser in', async () => {
    // The attacker runs the flow with their own browser up to the callback and keeps the URL.
    const attacker = await browser.newContext();
    const started = await attacker.request.get(`${s.baseUrl}/login/google`, { maxRedirects: 0 });
    const consent = await attacker.request.get(started.headers().location!, { maxRedirects: 0 });
    const captured = consent.headers().location!;
    expect(captured).toContain('/login/google/callback?');

    const victim = await browser.newContext();
    const page = await victim.newPage();
    await page.goto(captured);
    expect(await page.textContent('body')).toContain('not started in this browser');
    expect(await sessionOf(victim)).toBeUndefined();
    await attacker.close();
    await victim.close();
  });

  it('2. a sign-in link posted from another site does not sign the browser in', async () => {
    const { token } = signLoginLink(s.runtime.config.sessionSecret, 'mallory@attacker.example', new Date(), 15 * 60_000);
    nextForm = `<form id="f" method="post" action="${s.baseUrl}/login/${token}"></form><script>document.getElementById('f').submit()</script>`;
    const victim = await browser.newContext();
    const page = await victim.newPage();
    const answer = page.waitForResponse((r) => r.url().includes('/login/') && r.request().method() === 'POST');
    await page.goto(attackerUrl);
    expect((await answer).status()).toBe(403);
    expect(await sessionOf(victim)).toBeUndefined();
    await victim.close();
  });
});
