import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { stateCookie } from '../../dev/support/serve.js';
import { userWithToken } from '../../dev/support/users.js';
import { requestDraft, type DraftRequest } from '../../src/pipeline/drafts.js';
import { getAccount } from '../../src/storage/accounts.js';

/**
 * Incremental consent for drafting on Gmail, the way a browser does it, against the Google
 * emulator: the connected account is widened in place (same id, cursors, watch and status), only
 * for the browser and user that started it, and only when the user really ticked the new scope.
 */

const clock = new Date('2026-11-24T16:00:00Z');
const now = () => clock;
const ME = 'elira@hoxha.studio';
const COMPOSE = 'https://www.googleapis.com/auth/gmail.compose';

describe('turning drafting on for a Gmail account', () => {
  let s: GoogleService;
  let accountId: string;
  let stranger: { authorization: string };
  const api = async (path: string, method = 'GET', body?: unknown, who = s.auth) => {
    const res = await fetch(`${s.baseUrl}${path}`, { method, headers: { ...who, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const draft = (dedupeKey: string): DraftRequest => ({ accountId, userId: s.userId, clientId: null, kind: 'first-contact', dedupeKey, to: 'ana@client.example',
    subject: 'How I work', text: 'Dear Ana,\n\nI work Monday to Friday, 09:00–17:00 Tirana time.\n\nElira', language: 'en' });
  /** The consent round trip, as the browser makes it: start (cookie set), the emulator's consent page, our callback. */
  const consent = async (start: string, cookieFrom?: 'other-browser') => {
    const started = await fetch(`${s.baseUrl}${start}&format=json`, { headers: s.auth });
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const callback = (await fetch(authorizationUrl, { redirect: 'manual' })).headers.get('location')!;
    const cookie = cookieFrom === 'other-browser' ? 'boundary_oauth=someone-elses' : stateCookie(started);
    const done = await fetch(callback, { headers: { accept: 'application/json', ...s.auth, cookie } });
    return { authorizationUrl: new URL(authorizationUrl), status: done.status, body: (await done.json()) as any };
  };

  beforeAll(async () => {
    s = await startGoogleService({ now, userAddress: ME });
    accountId = await connectGoogle(s);
    ({ auth: stranger } = await userWithToken(s.runtime.database.db, 'someone@else.example'));
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  }, 60_000);

  it('asks for gmail.compose only when the user turns drafting on, and widens the same account in place', async () => {
    const before = (await getAccount(s.runtime.database.db, accountId))!;
    expect(before.drafting).toBe(false);
    expect(await requestDraft(s.runtime.pipeline, draft('first-1'))).toBe('off');
    expect((await s.runtime.pipeline.providers(before)).draftWriter).toBeUndefined();

    // The Accounts page offers the switch as a way into Google's consent.
    const page = await (await fetch(`${s.baseUrl}/accounts`, { headers: s.auth })).text();
    expect(page).toContain(`href="/connect/google?feature=drafts&amp;account=${accountId}"`);
    expect(page).toContain('Let Boundary write drafts for you');
    const asked = await api(`/api/accounts/${accountId}/drafting`, 'PUT', { drafting: true });
    expect(asked).toMatchObject({ status: 409, body: { error: 'consent_required', consentUrl: `/connect/google?feature=drafts&account=${accountId}` } });
    // Another user can neither switch it nor start its consent.
    expect((await api(`/api/accounts/${accountId}/drafting`, 'PUT', { drafting: true }, stranger)).status).toBe(404);
    const foreign = await fetch(`${s.baseUrl}/connect/google?feature=drafts&account=${accountId}&format=json`, { headers: stranger });
    expect(foreign.status).toBe(400);

    // The callback must come back to the browser that started it.
    const elsewhere = await consent(asked.body.consentUrl, 'other-browser');
    expect(elsewhere.status).toBe(400);
    // The user unticks the new box on Google's consent screen: nothing changes.
    s.emulator.control.withholdScopes([COMPOSE]);
    const unticked = await consent(asked.body.consentUrl);
    expect(unticked).toMatchObject({ status: 400, body: { message: expect.stringMatching(/did not grant permission to write drafts/) } });
    expect((await getAccount(s.runtime.database.db, accountId))!.tokens).toBe(before.tokens);
    s.emulator.control.withholdScopes([]);

    const granted = await consent(asked.body.consentUrl);
    expect(granted.authorizationUrl.searchParams.get('include_granted_scopes')).toBe('true');
    expect(granted.authorizationUrl.searchParams.get('login_hint')).toBe(ME);
    expect(granted.authorizationUrl.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining([COMPOSE, 'https://www.googleapis.com/auth/gmail.labels']));
    expect(granted).toMatchObject({ status: 200, body: { account: { id: accountId, drafting: true, status: 'preview' } } });

    const after = (await getAccount(s.runtime.database.db, accountId))!;
    expect(after).toMatchObject({ id: before.id, mail_cursor: before.mail_cursor, calendar_cursor: before.calendar_cursor, status: before.status,
      sending: before.sending, baseline_at: before.baseline_at, watch: before.watch, drafting: true });
    expect(after.tokens).not.toBe(before.tokens);
    expect((await api('/api/accounts')).body.accounts).toEqual([expect.objectContaining({ id: accountId, drafting: true, status: 'preview' })]);
    const back = await (await fetch(`${s.baseUrl}/accounts?drafting=${accountId}`, { headers: s.auth })).text();
    expect(back).toContain('Boundary may now leave drafts in the Drafts folder of elira@hoxha.studio');
    expect(back).toContain('Stop writing drafts');
    const provider = await s.runtime.pipeline.providers(after);
    // One consent serves both: writing drafts (issue 20) and holding the user's own (issue 21).
    expect(provider.draftWriter).toBeDefined();
    expect(provider.heldDrafts).toBeDefined();
    // Reading mail still works on the widened grant: the earlier scopes came along.
    expect(await provider.profile()).toMatchObject({ address: ME });

    expect(await requestDraft(s.runtime.pipeline, draft('first-1'))).toBe('queued');
    await until(async () => (await api('/api/drafts')).body.drafts.find((d: { state: string }) => d.state === 'written'));
    expect(s.emulator.control.state.drafts.size).toBe(1);
    expect((await api('/api/drafts')).body.drafts).toEqual([expect.objectContaining({ kind: 'first-contact', recipient: 'ana@client.example', subject: 'How I work', state: 'written' })]);
    expect((await api('/api/drafts', 'GET', undefined, stranger)).body.drafts).toEqual([]);
    expect(JSON.stringify((await api('/api/drafts')).body)).not.toContain('09:00–17:00'); // bodies are not kept
    const activity = (await api('/api/activity?kind=account.drafting-on')).body.entries;
    expect(activity[0]?.summary).toMatch(/may now leave drafts in the Drafts folder of elira@hoxha\.studio/);
  });

  it('turning it off needs no consent, and later requests are off; turning it on again needs none either', async () => {
    expect(await api(`/api/accounts/${accountId}/drafting`, 'PUT', { drafting: false })).toMatchObject({ status: 200, body: { account: { drafting: false } } });
    expect(await requestDraft(s.runtime.pipeline, draft('first-2'))).toBe('off');
    // The grant still allows drafts, so the switch turns on without a trip to Google.
    expect(await api(`/api/accounts/${accountId}/drafting`, 'PUT', { drafting: true })).toMatchObject({ status: 200, body: { account: { drafting: true } } });
    expect((await api(`/api/accounts/${accountId}/drafting`, 'PUT', { drafting: 'yes' })).status).toBe(400);
    expect((await api('/api/accounts/nope/drafting', 'PUT', { drafting: true })).status).toBe(404);
  });
});
