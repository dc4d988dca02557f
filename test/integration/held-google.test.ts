import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../../dev/emulators/google/index.js';
import { HOLD_LABEL } from '../../src/providers/gmail/held-drafts.js';
import { freePort, GOOGLE_CLIENT, until } from '../../dev/support/google-service.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { connectThroughConsent, serveWithWorkers, step } from '../../dev/support/serve.js';
import { userWithToken } from '../../dev/support/users.js';
import type { Runtime } from '../../src/runtime.js';
import { sendHeld } from '../../src/pipeline/held-messages.js';
import { getAccount } from '../../src/storage/accounts.js';
import { getHeld, transitionHeld } from '../../src/storage/held-messages.js';

/**
 * Issue 21 end to end through the real service, workers, Redis and the Google emulator: drafts the
 * user marks at night go at the next working start, as they read then, and a deleted one sends nothing.
 */

// Friday 23 October 2026, 23:40 in Tirana (UTC+2); clocks go back on Sunday, Monday 09:00 is UTC+1.
let clock = new Date('2026-10-23T21:40:00Z');
const now = () => clock;
const ME = 'elira@hoxha.studio';
const SCOPES = 'openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.compose';
const nineToFive = [{ start: '09:00', end: '17:00' }];
const settings = { timeZone: 'Europe/Tirane', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, holidays: { country: 'AL' }, hold: { enabled: true } };
const mime = (subject: string, text: string) => `From: ${ME}\r\nTo: Tomas Ruiz <tomas@acme.example>\r\nSubject: ${subject}\r\n\r\n${text}\r\n`;

interface Held { id: string; state: string; subject: string; sendAt: string; reason: string }

describe('held drafts on Gmail', () => {
  let emulator: GoogleEmulator;
  let runtime: Runtime;
  let close: () => Promise<void>;
  let baseUrl: string;
  let auth: { authorization: string };
  let stranger: { authorization: string };

  const call = async (path: string, method = 'GET', who = auth) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: who });
    return { status: res.status, body: (await res.json()) as any };
  };
  const held = async (): Promise<Held[]> => (await call('/api/held')).body.held;
  const push = () => emulator.control.push(`${baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${baseUrl}/webhooks/google/pubsub` });
  const markDraft = (subject: string, text: string) => {
    const id = emulator.control.drafts.create(mime(subject, text));
    emulator.control.drafts.label(id, HOLD_LABEL);
    return id;
  };
  const heldNamed = async (subject: string) => {
    await push();
    return until(async () => (await held()).find((h) => h.subject === subject));
  };
  const activity = async (kind: string) => ((await call(`/api/activity?kind=${kind}`)).body as { entries: Array<{ summary: string }> }).entries;

  beforeAll(async () => {
    emulator = await startGoogleEmulator({ now, clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret, userAddress: ME });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    runtime = await testRuntime({ now, env: { PUBLIC_URL: baseUrl, LOG_LEVEL: 'silent', ...googleEnvFor(emulator, GOOGLE_CLIENT), GOOGLE_SCOPES: SCOPES } });
    ({ close } = await serveWithWorkers(runtime, port));
    ({ auth } = await userWithToken(runtime.database.db, ME));
    ({ auth: stranger } = await userWithToken(runtime.database.db, 'someone@else.example'));
    const put = await fetch(`${baseUrl}/api/settings`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    expect(put.status).toBe(200);
    await connectThroughConsent(baseUrl, auth, 'google');   }, 120_000);
  afterAll(async () => {
    await step('service', () => close?.() ?? Promise.resolve());
    await step('emulator', () => emulator?.close() ?? Promise.resolve());
  });

  it('a draft marked at 23:40 goes at 09:00 local, its edit is what goes, and a deleted one sends nothing', async () => {
    const plain = markDraft('Logo files', 'Here are the files.');
    const edited = markDraft('Invoice', 'First wording.');
    const deleted = markDraft('Scope', 'Never mind.');
    const first = await heldNamed('Logo files');
    expect(first.sendAt).toBe('2026-10-26T08:00:00.000Z'); // Monday 09:00, after the clocks went back
    expect(first.reason).toMatch(/Monday 26 October 09:00 \(Europe\/Tirane\)/);
    await until(async () => (await held()).length === 3);
    emulator.control.drafts.edit(edited, mime('Invoice', 'Second, kinder wording.'));
    emulator.control.drafts.remove(deleted);
    expect(await emulator.control.sent()).toEqual([]);

    clock = new Date('2026-10-26T08:00:00Z');
    for (const job of await runtime.producer.queue('send').getDelayed()) await job.promote();
    const sent = await until(async () => {
      const all = await emulator.control.sent();
      return all.length === 2 && (await held()).length === 0 && all;
    });
    expect(sent.map((s) => s.raw).find((r) => r.includes('Subject: Invoice'))).toContain('Second, kinder wording.');
    expect(sent.map((s) => s.raw).join('')).not.toContain('First wording.');
    expect(sent.map((s) => s.raw).join('')).not.toContain('Never mind.');
    expect(emulator.control.drafts.message(plain)).toBeUndefined();
    expect((await activity('held.gone'))[0]?.summary).toMatch(/draft to tomas@acme\.example "Scope" was deleted while it waited, so nothing was sent/);
    expect((await activity('held.edited'))[0]?.summary).toMatch(/edited version is the one that goes/);
    expect(await activity('held.sent')).toHaveLength(2);
  });

  it('send now and cancel act on the caller’s own held messages only, in plain words', async () => {
    clock = new Date('2026-10-26T21:40:00Z'); // Monday 22:40
    markDraft('Tonight', 'Sent on request.');
    markDraft('Maybe', 'Cancelled.');
    const tonight = await heldNamed('Tonight');
    const maybe = await until(async () => (await held()).find((h) => h.subject === 'Maybe'));
    expect(tonight.sendAt).toBe('2026-10-27T08:00:00.000Z');

    expect((await call(`/api/held/${tonight.id}/send-now`, 'POST', stranger)).status).toBe(404);
    expect((await call(`/api/held/${maybe.id}/cancel`, 'POST', stranger)).status).toBe(404);
    expect((await call('/api/held', 'GET', stranger)).body.held).toEqual([]);
    expect((await call('/api/held/not-a-number/cancel', 'POST')).status).toBe(404);

    const cancelled = await call(`/api/held/${maybe.id}/cancel`, 'POST');
    expect(cancelled).toMatchObject({ status: 200, body: { held: { state: 'cancelled' } } });
    const again = await call(`/api/held/${maybe.id}/cancel`, 'POST');
    expect(again).toMatchObject({ status: 409, body: { message: 'This held message is already cancelled; there is nothing to change.' } });

    expect((await call(`/api/held/${tonight.id}/send-now`, 'POST')).status).toBe(200);
    await until(async () => (await emulator.control.sent()).some((s) => s.raw.includes('Sent on request.')));
    await until(async () => (await held()).length === 0);
    expect((await emulator.control.sent()).some((s) => s.raw.includes('Cancelled.'))).toBe(false);
    expect((await call(`/api/held/${tonight.id}/send-now`, 'POST')).status).toBe(409);
  });

  it('a worker killed mid-send still gives exactly one send: before drafts.send it sends, after it it finds the sent copy', async () => {
    clock = new Date('2026-10-27T21:40:00Z');
    const beforeSend = markDraft('Killed before', 'One copy only (a).');
    const afterSend = markDraft('Killed after', 'One copy only (b).');
    const a = await heldNamed('Killed before');
    const b = await until(async () => (await held()).find((h) => h.subject === 'Killed after'));
    const ctx = runtime.pipeline;
    // Before its time a run changes nothing (the delayed job is due at 09:00).
    expect(await sendHeld(ctx, a.id)).toBe('not-yet');
    expect((await getHeld(ctx.db, a.id))?.state).toBe('waiting');
    const messageIdOf = (draftId: string) => emulator.control.drafts.message(draftId)!.headers.find((h) => h.name === 'Message-ID')!.value;
    // (a) the worker recorded `sending` and died before calling Gmail.
    expect(await transitionHeld(ctx.db, a.id, ['waiting'], 'sending', { messageId: messageIdOf(beforeSend) })).toBe(true);
    // (b) it recorded `sending`, Gmail sent the draft, and it died before recording `sent`.
    expect(await transitionHeld(ctx.db, b.id, ['waiting'], 'sending', { messageId: messageIdOf(afterSend) })).toBe(true);
    const account = (await getAccount(ctx.db, (await getHeld(ctx.db, b.id))!.account_id))!;
    await (await ctx.providers(account)).heldDrafts!.send(afterSend);

    clock = new Date('2026-10-28T08:00:00Z');
    const copies = async (text: string) => (await emulator.control.sent()).filter((m) => m.raw.includes(text)).length;
    expect(await sendHeld(ctx, a.id)).toBe('sent');
    expect(await sendHeld(ctx, b.id)).toBe('recovered');
    // The retries BullMQ would make change nothing.
    expect(await sendHeld(ctx, a.id)).toBe('already-done');
    expect(await sendHeld(ctx, b.id)).toBe('already-done');
    expect([await copies('One copy only (a).'), await copies('One copy only (b).')]).toEqual([1, 1]);
    expect((await activity('held.sent')).find((e) => e.summary.includes('Killed after'))?.summary).toMatch(/found in your sent mail after an interruption; not sent again/);
  });
});
