import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { webhookSigningSecret } from '../../src/pipeline/alerts/delivery.js';

// Wednesday 25 November 2026, 23:00 in Tirana: after hours.
let clock = new Date('2026-11-25T22:00:00Z');
const now = () => clock;
const ME = 'elira@hoxha.studio';
const WEEK = { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] };

interface Received { headers: http.IncomingHttpHeaders; body: string; at: number }

describe('issue 18 on the Google emulator: alerts now, and no polite reply to abuse', () => {
  let s: GoogleService;
  let hook: http.Server;
  const received: Received[] = [];
  const push = () => s.emulator.control.push(`${s.baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${s.baseUrl}/webhooks/google/pubsub` });
  const send = (method: string, path: string, body: unknown) => fetch(`${s.baseUrl}${path}`, { method, headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const activity = async (ref: string) => ((await (await fetch(`${s.baseUrl}/api/activity?ref=${encodeURIComponent(ref)}`, { headers: s.auth })).json()) as { entries: Array<{ kind: string; summary: string; reasons: Array<{ code: string }> }> }).entries;

  beforeAll(async () => {
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body, at: Date.now() });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    // The receiver is on loopback: the operator allows private targets, as for a receiver on the same network.
    s = await startGoogleService({ now, env: { ALERT_WEBHOOK_ALLOW_PRIVATE_HOSTS: "true" } });
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/boundary`;
    expect((await send('PUT', '/api/settings', { timeZone: 'Europe/Tirane', name: 'Elira', week: WEEK, clientMode: 'external', gracePeriodMinutes: 0, alerts: { webhook: { url }, push: false } })).status).toBe(200);
    expect((await send('POST', '/api/clients', { name: 'Northwind', addresses: ['ceo@northwind.example'], vip: true })).status).toBe(201);
    const accountId = await connectGoogle(s);
    expect((await send('PUT', `/api/accounts/${accountId}/sending`, { sending: true })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
    hook?.close();
  });

  it('an urgent VIP message alerts through the signed webhook within a minute of arrival, once', async () => {
    await s.emulator.control.injectMessage({ from: 'Nora Lind <ceo@northwind.example>', to: [ME], subject: 'URGENT: checkout is down', body: 'The checkout is down, we need it fixed today.', headers: { 'Message-ID': '<vip-1@northwind.example>' } });
    await Promise.all([push(), push()]);
    // Within a minute of arrival: the receiver is waited on with a one-minute deadline, no sleeps.
    const hit = await until(async () => received[0], 60_000);
    const entries = await until(async () => (await activity('<vip-1@northwind.example>')).find((e) => e.kind === 'alert.sent') && activity('<vip-1@northwind.example>'));
    const body = JSON.parse(hit.body) as { type: string; rule: string; subject: string; signals: Array<{ code: string }>; url: string };
    expect(body).toMatchObject({ type: 'boundary.alert', rule: 'vip', subject: 'URGENT: checkout is down' });
    expect(body.signals.map((x) => x.code)).toContain('urgent');
    const secret = webhookSigningSecret(s.runtime.config.sessionSecret, s.userId);
    expect(hit.headers['x-boundary-signature']).toBe(`sha256=${createHmac('sha256', secret).update(hit.body).digest('hex')}`);
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['decision.notify-only', 'alert.sent']));
    // A second sync of the same mail sends nothing more.
    await push();
    await until(async () => (await s.runtime.producer.queue('send').getJobCounts('waiting', 'active', 'delayed')).active === 0 || undefined);
    expect(received).toHaveLength(1);
    // A VIP is never auto-replied.
    expect(await s.emulator.control.sent()).toEqual([]);
    const listed = (await (await fetch(`${s.baseUrl}/api/alerts`, { headers: s.auth })).json()) as { alerts: Array<{ channel: string; state: string }>; webhook: { secret: string } };
    expect(listed.alerts).toEqual([expect.objectContaining({ channel: 'webhook', state: 'sent' })]);
    expect(listed.webhook.secret).toBe(secret);
  }, 150_000);

  it('"You idiot … fix it NOW" at 23:00 gets no auto-reply; the reason says abusive', async () => {
    clock = new Date('2026-11-26T22:00:00Z'); // Thursday 23:00 in Tirana
    await s.emulator.control.injectMessage({ from: 'Victor <victor@rude.example>', to: [ME], subject: 'The site', body: 'You idiot, fix it NOW.', headers: { 'Message-ID': '<abuse-1@rude.example>' } });
    await push();
    const decided = await until(async () => (await activity('<abuse-1@rude.example>')).find((e) => e.kind.startsWith('decision.')));
    expect(decided.kind).toBe('decision.notify-only');
    expect(decided.reasons[0]!.code).toBe('abusive');
    // A calm after-hours message from another client right after is answered: sending works, abuse alone was held.
    await s.emulator.control.injectMessage({ from: 'Ada <ada@calm.example>', to: [ME], subject: 'Colours', body: 'Could you look at the colours tomorrow?', headers: { 'Message-ID': '<calm-1@calm.example>' } });
    await push();
    const sent = await until(async () => {
      const all = await s.emulator.control.sent();
      return all.length > 0 && all;
    });
    expect(sent.map((m) => m.raw)).toEqual([expect.stringMatching(/^To: .*ada@calm\.example/m)]);
  });
});
