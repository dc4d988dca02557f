import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMicrosoft, startMicrosoftService, type MicrosoftService } from '../support/microsoft-service.js';

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
    const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
    return { status: callback.status, cookie: callback.headers.get('set-cookie'), body: await callback.text() };
  };
  it('never signs in to an existing user on the username alone', async () => {
    // freelancer@contoso.example exists (created with an API token) and has connected nothing.
    const refused = await signIn();
    expect(refused.status).toBe(400);
    expect(refused.cookie).toBeNull();
    expect(refused.body).toContain('already has a Boundary account');
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

  it('gives a new address a new user, linked to its account id', async () => {
    const objectId = randomUUID();
    s.emulator.control.signInAs({ objectId, username: 'New.Person@Fabrikam.example' });
    const first = await signIn();
    expect(first.status).toBe(303);
    const user = await s.runtime.database.db.selectFrom('users').select('id').where('email', '=', 'new.person@fabrikam.example').executeTakeFirstOrThrow();
    // Renamed by its tenant later, the same account still signs in as the same user.
    s.emulator.control.signInAs({ username: 'renamed@fabrikam.example' });
    const again = await signIn();
    expect(again.status).toBe(303);
    const identities = await s.runtime.database.db.selectFrom('sign_in_identities').select(['user_id', 'subject']).where('user_id', '=', user.id).execute();
    expect(identities).toHaveLength(1);
    expect(identities[0]!.subject.startsWith(objectId)).toBe(true);
    expect(await s.runtime.database.db.selectFrom('users').select('email').where('email', '=', 'renamed@fabrikam.example').executeTakeFirst()).toBeUndefined();
  });
});
