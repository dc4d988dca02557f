import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMicrosoft, startMicrosoftService, type MicrosoftService } from '../../dev/support/microsoft-service.js';
import { stateCookie } from '../../dev/support/serve.js';

/**
 * "Sign in with Microsoft" through MSAL against the Graph emulator, as a browser does it. The
 * username a tenant gives an account is not proof of the address, so sign-in goes by account id.
 */
describe('sign in with Microsoft', () => {
  let s: MicrosoftService;
  beforeAll(async () => {
    s = await startMicrosoftService({ now: () => new Date() });
  });
  afterAll(async () => s?.stop());

  /** /login/microsoft → the emulator's consent → our callback; returns the callback's answer. */
  const signIn = async () => {
    const start = await fetch(`${s.baseUrl}/login/microsoft`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual', headers: { cookie: stateCookie(start) } });
    return { status: callback.status, cookie: callback.headers.get('set-cookie'), body: await callback.text() };
  };
  it('never signs in to an existing user on the username alone', async () => {
    // freelancer@contoso.example exists (created with an API token) and has connected nothing.
    const refused = await signIn();
    expect(refused.status).toBe(400);
    expect(refused.cookie).toBeNull();
    expect(refused.body).toContain('not linked to Boundary yet');
    expect(refused.body).toContain('connect this Microsoft mailbox');
  });

  it('signs in the user who connected this Microsoft account', async () => {
    await connectMicrosoft(s);
    const ok = await signIn();
    expect(ok.status).toBe(303);
    expect(ok.cookie).not.toBeNull();
    const page = await fetch(`${s.baseUrl}/accounts`, { headers: { cookie: ok.cookie!.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('freelancer@contoso.example');
  });

  it("refuses another Microsoft account whose tenant names the user's address, and creates no user", async () => {
    s.emulator.control.signInAs({ objectId: randomUUID(), username: 'freelancer@contoso.example' });
    const refused = await signIn();
    expect(refused.status).toBe(400);
    expect(refused.cookie).toBeNull();
    const users = await s.runtime.database.db.selectFrom('users').select('email').execute();
    expect(users.map((u) => u.email)).toEqual(['freelancer@contoso.example']);
  });

  it('never creates a user for an account nobody connected', async () => {
    s.emulator.control.signInAs({ objectId: randomUUID(), username: 'New.Person@Fabrikam.example' });
    const refused = await signIn();
    expect(refused.status).toBe(400);
    expect(refused.cookie).toBeNull();
    expect(await s.runtime.database.db.selectFrom('users').select('email').where('email', '=', 'new.person@fabrikam.example').executeTakeFirst()).toBeUndefined();
  });

  it('still signs in the linked account after its tenant renames it', async () => {
    const [owner] = await s.runtime.database.db.selectFrom('sign_in_identities').select(['subject', 'user_id']).execute();
    s.emulator.control.signInAs({ objectId: owner!.subject.split('.')[0]!, username: 'fran.renamed@contoso.example' });
    const again = await signIn();
    expect(again.status).toBe(303);
    const sessions = await s.runtime.database.db.selectFrom('sessions').select('user_id').execute();
    expect(sessions).toHaveLength(2); // this sign-in and the one after connecting
    expect(new Set(sessions.map((x) => x.user_id))).toEqual(new Set([owner!.user_id]));
    expect((await s.runtime.database.db.selectFrom('users').select('email').execute()).map((u) => u.email)).toEqual(['freelancer@contoso.example']);
  });
});
