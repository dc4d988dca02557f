import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, openChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/pipeline/digest-build.js';
import { signLoginLink } from '../../src/auth/login-link.js';
import { insertSuggestions } from '../../src/storage/expectations.js';
import { insertReminder } from '../../src/storage/reminders.js';
import { startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';

/**
 * The web app in headless Chromium against the whole service (workers, Redis, the Google
 * emulator): sign in with a one-time link → connect Gmail → an overnight shift and its preview →
 * sending on → after-hours mail → the reply in the activity log → every page. Set
 * BOUNDARY_SCREENSHOTS=/some/dir to keep a screenshot of each page.
 */
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

// Saturday 28 November 2026, 21:00 in Tirana.
const clock = new Date('2026-11-28T20:00:00Z');
const ME = 'elira@hoxha.studio';
const shots = process.env.BOUNDARY_SCREENSHOTS;

describe.skipIf(!hasChromium)('the web app in a browser', () => {
  let s: GoogleService;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    if (shots) mkdirSync(shots, { recursive: true });
    s = await startGoogleService({ now: () => clock, userAddress: ME });
    // No grace period, so the reply goes out while the test watches.
    const put = await fetch(`${s.baseUrl}/api/settings`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ timeZone: 'UTC', name: 'Elira', week: { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, gracePeriodMinutes: 0, holidays: { enabled: false } }) });
    expect(put.status).toBe(200);
    ({ browser, page } = await openChromium(problems));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('signs in with a one-time link', async () => {
    await page.goto(`${s.baseUrl}/login`);
    await expect(page.getByRole('link', { name: 'Sign in with Google' }).isVisible()).resolves.toBe(true);
    await shot('01-sign-in');
    const { token } = signLoginLink(s.runtime.config.sessionSecret, 'elira@hoxha.studio', clock, 15 * 60_000);
    await page.goto(`${s.baseUrl}/login/${token}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${s.baseUrl}/accounts`);
    expect(await page.textContent('.who')).toBe(ME);
  });

  it('connects the emulated Gmail account in preview mode', async () => {
    await page.getByRole('link', { name: 'Connect Gmail' }).click();
    await page.waitForURL(/\/accounts\?connected=/);
    expect(await page.textContent('.notice')).toContain(`Connected ${ME}`);
    expect(await page.textContent('.badge')).toBe('Preview');
    await shot('02-accounts-connected');
  });

  it('the IMAP form fills its servers from discovery, keeps what the user typed, and says why a server is refused', async () => {
    const form = page.locator('#imap-form');
    await form.locator('input[name="address"]').fill('someone@fastmail.com');
    await form.locator('input[name="imap.host"]').fill('169.254.169.254');
    await form.locator('input[name="password"]').focus(); // leaving the address asks discovery
    await page.waitForFunction(`document.querySelector('input[name="smtp.host"]').value === 'smtp.fastmail.com'`, undefined, { timeout: 10_000 });
    expect(await form.locator('input[name="imap.host"]').inputValue()).toBe('169.254.169.254');
    expect(await page.textContent('#imap-hint')).toContain('App passwords');
    await form.locator('input[name="password"]').fill('app-password');
    await form.getByRole('button', { name: 'Test and connect' }).click();
    await form.locator('.form-error', { hasText: 'link-local' }).waitFor({ timeout: 10_000 });
    expect(await form.locator('.form-error').textContent()).toBe('The server 169.254.169.254 is at 169.254.169.254, a link-local, metadata or reserved address, which Boundary never connects to.');
    await shot('02b-imap-form-refused');
  });

  it('sets a working week with an overnight shift and shows the preview', async () => {
    await page.goto(`${s.baseUrl}/hours`);
    await page.fill('input[name="timeZone"]', 'Europe/Tirane');
    const saturday = page.locator('.intervals[data-day="sat"]');
    await saturday.getByRole('button', { name: 'Add interval' }).click();
    await saturday.locator('input.start').fill('22:00');
    await saturday.locator('input.end').fill('06:00');
    expect(await saturday.locator('.overnight').textContent()).toBe('ends next day');
    // Saturday 21:00 in Tirana: off now, and the night shift starts at 22:00.
    await page.locator('#pv-next', { hasText: '22:00' }).waitFor();
    expect(await page.textContent('#pv-working')).toContain('No');
    expect(await page.textContent('#pv-week')).toContain('22:00');
    expect(await page.textContent('#pv-sentence')).toContain('22:00');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#saved:not([hidden])');
    const stored = (await (await fetch(`${s.baseUrl}/api/settings`, { headers: s.auth })).json()) as { settings: { timeZone: string; week: { sat: unknown[] } } };
    expect(stored.settings.timeZone).toBe('Europe/Tirane');
    expect(stored.settings.week.sat).toEqual([{ start: '22:00', end: '06:00' }]);
    await shot('03-hours');
  });

  it('keeps what was typed and shows the error beside the field', async () => {
    await page.fill('input[name="timeZone"]', 'Mars/Olympus');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('.field-error');
    expect(await page.textContent('.field-error')).toContain('unknown time zone');
    expect(await page.inputValue('input[name="timeZone"]')).toBe('Mars/Olympus');
    expect(await page.locator('.intervals[data-day="sat"] input.start').inputValue()).toBe('22:00');
    await shot('04-hours-error');
  });

  it('adds a special day with its own hours, and keeps it across a reload', async () => {
    await page.goto(`${s.baseUrl}/hours`); // a fresh page: the invalid zone above was never saved
    await page.getByRole('button', { name: 'Add a special day' }).click();
    const special = page.locator('.special-day');
    await special.locator('input[type="date"]').fill('2026-12-05');
    await special.locator('input.start').fill('09:30');
    await special.locator('input.end').fill('12:00');
    await special.locator('input[data-key="note"]').fill('Launch morning');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#saved:not([hidden])');
    const stored = (await (await fetch(`${s.baseUrl}/api/settings`, { headers: s.auth })).json()) as { settings: { overrides: unknown[]; week: { sat: unknown[] } } };
    expect(stored.settings.overrides).toEqual([{ date: '2026-12-05', intervals: [{ start: '09:30', end: '12:00' }], note: 'Launch morning' }]);
    expect(stored.settings.week.sat).toEqual([{ start: '22:00', end: '06:00' }]);
    await page.reload();
    expect(await page.locator('.special-day input[type="date"]').inputValue()).toBe('2026-12-05');
    expect(await page.locator('.special-day input.start').inputValue()).toBe('09:30');
    expect(await page.locator('.special-day input[data-key="note"]').inputValue()).toBe('Launch morning');
    expect(await page.locator('#days-off .entry').count()).toBe(0);
    await shot('03b-hours-special-day');
  });

  it('takes times as 24-hour HH:MM text, like the previews, and says what is wrong in plain words (issue 22)', async () => {
    await page.goto(`${s.baseUrl}/hours`);
    // No browser time picker: some locales show those as 12-hour AM/PM while every preview is 24-hour.
    expect(await page.locator('input[type="time"]').count()).toBe(0);
    const monday = page.locator('.intervals[data-day="mon"]');
    expect(await monday.locator('input.start').inputValue()).toBe('09:00');
    expect(await monday.locator('input.end').inputValue()).toBe('17:00');
    expect(await monday.locator('input.end').getAttribute('placeholder')).toBe('HH:MM');
    await monday.locator('input.end').fill('5:30 PM');
    await monday.locator('input.end').blur();
    expect(await monday.locator('.field-error').textContent()).toBe('"5:30 PM" is not a time of day. Use 24-hour HH:MM, like 09:00 or 17:30 (24:00 for midnight).');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#form-error:not([hidden])');
    expect(await page.textContent('#form-error')).not.toMatch(/Expected|pattern/);
    const kept = (await (await fetch(`${s.baseUrl}/api/settings`, { headers: s.auth })).json()) as { settings: { week: { mon: unknown[] } } };
    expect(kept.settings.week.mon).toEqual([{ start: '09:00', end: '17:00' }]);
    // A short form is tidied; the preview then writes the same 24-hour time back.
    await monday.locator('input.end').fill('1730');
    await monday.locator('input.end').blur();
    expect(await monday.locator('input.end').inputValue()).toBe('17:30');
    await page.locator('#pv-week', { hasText: '17:30' }).waitFor();
    expect(await monday.locator('.field-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#saved:not([hidden])');
    const saved = (await (await fetch(`${s.baseUrl}/api/settings`, { headers: s.auth })).json()) as { settings: { week: { mon: unknown[] } } };
    expect(saved.settings.week.mon).toEqual([{ start: '09:00', end: '17:30' }]);
  });

  it('chooses which holidays count and imports days off from an .ics file, keeping them across saves', async () => {
    await page.goto(`${s.baseUrl}/hours`);
    await page.check('input[name="holidays.enabled"]');
    await page.fill('input[name="holidays.country"]', 'PH');
    await page.getByLabel('Public holidays, plus the optional and special non-working days of my country').check();
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
      'BEGIN:VEVENT', 'UID:a@test', 'DTSTART;VALUE=DATE:20251103', 'DTEND;VALUE=DATE:20251104', 'SUMMARY:Decree transfer', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b@test', 'DTSTART;VALUE=DATE:20251231', 'DTEND;VALUE=DATE:20260101', 'SUMMARY:New Year transfer', 'END:VEVENT',
      'END:VCALENDAR', ''].join('\r\n');
    await page.setInputFiles('#ics-file', { name: 'ru-2025.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
    await page.getByRole('button', { name: 'Import days off' }).click();
    await page.waitForSelector('#import-result:not([hidden])');
    expect(await page.textContent('#import-result')).toBe('Added 2 days off. They are saved already.');
    expect(await page.locator('#own-days li').allTextContents()).toEqual(['2025-11-03 — Decree transfer×', '2025-12-31 — New Year transfer×']);
    // A file that is not a calendar: said in words, and nothing is lost.
    await page.setInputFiles('#ics-file', { name: 'notes.ics', mimeType: 'text/calendar', buffer: Buffer.from('just some notes') });
    await page.getByRole('button', { name: 'Import days off' }).click();
    await page.waitForSelector('#import-error:not([hidden])');
    expect(await page.textContent('#import-error')).toMatch(/^Not imported: .*not an iCalendar file.* Nothing was changed\.$/);
    expect(await page.locator('#own-days li').count()).toBe(2);
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#saved:not([hidden])');
    const stored = (await (await fetch(`${s.baseUrl}/api/settings`, { headers: s.auth })).json()) as { settings: { holidays: { enabled: boolean; country: string; types: string[]; days: Array<{ date: string }> } } };
    expect(stored.settings.holidays).toMatchObject({ enabled: true, country: 'PH', types: ['public', 'optional'] });
    expect(stored.settings.holidays.days.map((d) => d.date)).toEqual(['2025-11-03', '2025-12-31']);
    await page.reload();
    expect(await page.isChecked('input[name="holidays.types"][value="public+optional"]')).toBe(true);
    await page.getByLabel('Public holidays only').check();
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#saved:not([hidden])');
    const after = (await (await fetch(`${s.baseUrl}/api/settings`, { headers: s.auth })).json()) as { settings: { holidays: { types: string[]; days: unknown[] } } };
    expect(after.settings.holidays.types).toEqual(['public']);
    expect(after.settings.holidays.days).toHaveLength(2);
    await shot('03c-hours-holidays');
    // Back to no holidays, as the later steps expect.
    await page.uncheck('input[name="holidays.enabled"]');
    await page.getByRole('button', { name: 'Save working hours' }).click();
    await page.waitForSelector('#saved:not([hidden])');
  });

  it('switches to sending, and the after-hours reply appears in the activity log', async () => {
    await page.goto(`${s.baseUrl}/accounts`);
    await page.getByRole('button', { name: 'Start sending' }).click();
    await page.waitForSelector('.badge-active');
    await s.emulator.control.injectMessage({ from: 'Tomás Ruiz <tomas@acme.example>', to: [ME], subject: 'Can we talk tonight?', headers: { 'Message-ID': '<browser-1@acme.example>' } });
    // Gmail's Pub/Sub push; the JWT is checked against the real clock, so it is signed with real time.
    const iat = Math.floor(Date.now() / 1000);
    const hook = `${s.baseUrl}/webhooks/google/pubsub`;
    expect(await s.emulator.control.push(hook, { emailAddress: ME, historyId: '1' }, { audience: hook, claims: { iat, exp: iat + 600 } })).toBe(204);
    await until(async () => (await s.emulator.control.sent()).length > 0, 20_000);
    await page.goto(`${s.baseUrl}/activity`);
    expect(await page.textContent('.log')).toContain('Reply sent');
    await shot('05-activity');
  });

  it('shows the latest digest as the user receives it', async () => {
    await buildDigest(s.runtime.database.db, s.userId, '2026-11-28', clock);
    await page.goto(`${s.baseUrl}/digests`);
    const frame = page.frameLocator('iframe.digest');
    await expect(frame.locator('body').textContent()).resolves.toBeTruthy();
    await shot('08-digests');
  });

  it('copies a follow-up and accepts a suggestion on the follow-ups page', async () => {
    const db = s.runtime.database.db;
    const res = await fetch(`${s.baseUrl}/api/clients`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Acme', domains: ['acme.example'] }) });
    const clientId = ((await res.json()) as { client: { id: string } }).client.id;
    await insertSuggestions(db, [{ userId: s.userId, accountId: 'browser', providerMessageId: 'browser-2', threadId: 't-2', clientId, kind: 'payment', title: 'We will pay the invoice by Friday.', party: 'client', dateText: 'by Friday', dueAt: '2026-12-04T22:59:59.999Z' }], clock);
    await insertReminder(db, s.userId, { kind: 'quiet-client', subject: clientId, episode: 'browser', level: 1, clientId, title: 'Acme has gone quiet', detail: 'Nothing for 6 working days.', suggestedFollowUp: 'Hi Tomás, just checking in.' }, clock);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.baseUrl });
    await page.goto(`${s.baseUrl}/follow-ups`);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied. Paste it into your reply.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('Hi Tomás, just checking in.');
    await shot('09-follow-ups');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Accept' }).click()]);
    expect(await page.textContent('main')).not.toContain('We will pay the invoice');
    expect(problems).toEqual([]);
  });

  it('renders the other pages without script or CSP errors', async () => {
    for (const [path, name] of [['/clients', '06-clients'], ['/replies', '07-replies']] as const) {
      await page.goto(`${s.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      await shot(name);
    }
    await page.goto(`${s.baseUrl}/replies`);
    await page.locator('#rp-text', { hasText: 'Elira' }).waitFor();
    expect(await page.textContent('#rp-text')).toContain('Elira');
    expect(problems).toEqual([]);
  });
});
