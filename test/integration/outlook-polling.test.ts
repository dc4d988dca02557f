import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../dev/support/google-service.js';
import { startMicrosoftService, type MicrosoftService } from '../../dev/support/microsoft-service.js';
import { stateCookie } from '../../dev/support/serve.js';

/**
 * A self-hosted install whose PUBLIC_URL Graph cannot reach (here: a closed port) still connects
 * Outlook: Graph refuses the subscription after its validation request fails, and the mailbox is
 * polled instead, which the user is told.
 */
describe('Outlook without a reachable PUBLIC_URL', () => {
  let s: MicrosoftService;
  let clock = new Date('2026-11-29T23:00:00Z'); // Sunday night
  beforeAll(async () => {
    s = await startMicrosoftService({ now: () => clock, publicUrl: 'http://127.0.0.1:9' });
  });
  afterAll(async () => s?.stop());

  it('connects, says the mailbox is polled, and answers mail found by polling', async () => {
    const started = await fetch(`${s.baseUrl}/connect/microsoft?format=json`, { headers: s.auth });
    const start = (await started.json()) as { authorizationUrl: string };
    const consent = await fetch(start.authorizationUrl, { redirect: 'manual' });
    // The browser would follow PUBLIC_URL; this one goes to where the service really listens.
    const callback = new URL(consent.headers.get('location')!);
    const done = await fetch(`${s.baseUrl}${callback.pathname}${callback.search}`, { headers: { accept: 'application/json', ...s.auth, cookie: stateCookie(started) } });
    expect(done.status).toBe(201);
    const { account } = (await done.json()) as { account: { id: string } };
    const stored = (await (await fetch(`${s.baseUrl}/api/accounts/${account.id}`, { headers: s.auth })).json()) as { account: { status: string; watchExpiresAt: string | null } };
    expect(stored.account).toMatchObject({ status: 'preview', watchExpiresAt: null });
    expect(s.emulator.control.subscriptions().filter((x) => x.resource.includes('messages'))).toEqual([]);

    const activity = (await (await fetch(`${s.baseUrl}/api/activity?kind=account.polling`, { headers: s.auth })).json()) as { entries: Array<{ summary: string }> };
    expect(activity.entries).toHaveLength(1);
    expect(activity.entries[0]!.summary).toMatch(/checks it for new mail every 5 minutes instead.*PUBLIC_URL/);

    await s.emulator.control.injectMessage({ from: 'Priya <priya@fabrikam.example>', to: ['freelancer@contoso.example'], subject: 'Found by polling' });
    clock = new Date(clock.getTime() + 60_000);
    await s.runtime.producer.add('sync-mailbox', { accountId: account.id, reason: 'poll' }, { jobId: `sync-mailbox-${account.id}` });
    const decided = await until(async () => {
      const res = (await (await fetch(`${s.baseUrl}/api/activity`, { headers: s.auth })).json()) as { entries: Array<{ kind: string; summary: string }> };
      return res.entries.find((e) => e.kind.startsWith('decision.') && e.summary.includes('Found by polling'));
    });
    expect(decided).toBeDefined();
  });
});
