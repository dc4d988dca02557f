import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { holdIdle, type IdleHold } from '../../src/providers/imap/idle.js';
import { startImapAccount, stopSharedServers, waitFor, type ImapHarnessState } from '../contract/imap-harness.js';
import { mailServersMissing } from '../../dev/support/mail-servers.js';

/** Drills against the real Dovecot: restarts, cut connections, a revoked password. Sends cut short by kills: imap-send-kills.test.ts. */
const missing = mailServersMissing();
describe.skipIf(missing !== null)(`IMAP drills${missing ? `: ${missing}` : ''}`, () => {
  const holds: IdleHold[] = [];
  const states: ImapHarnessState[] = [];
  afterEach(async () => {
    for (const h of holds.splice(0)) await h.stop();
    for (const s of states.splice(0)) await s.proxy.close();
  });
  afterAll(stopSharedServers, 60_000);

  async function watched() {
    const st = await startImapAccount();
    states.push(st);
    const seen = { connected: 0, exists: 0, authFailed: [] as string[], dropped: 0 };
    const hold = holdIdle(st.access, {
      newMail: (reason) => void (reason === 'connected' ? seen.connected++ : seen.exists++),
      authFailed: (m) => void seen.authFailed.push(m),
      dropped: () => void seen.dropped++,
    }, { minMs: 50, maxMs: 500 });
    holds.push(hold);
    await waitFor('the first IDLE', async () => seen.connected === 1 && hold.connected());
    return { st, seen, hold };
  }

  it('EXISTS during IDLE is reported', async () => {
    const { st, seen } = await watched();
    await st.control.injectMessage({ from: 'a@client.example', to: [st.control.userAddress], subject: 'ping' });
    await waitFor('EXISTS', async () => seen.exists > 0);
  });

  it('a cut connection is reopened, and new mail is seen again', async () => {
    const { st, seen } = await watched();
    st.proxy.cutAll();
    await waitFor('the IDLE to come back', async () => seen.connected === 2);
    expect(seen.dropped).toBeGreaterThan(0);
    await st.control.injectMessage({ from: 'a@client.example', to: [st.control.userAddress], subject: 'after the cut' });
    await waitFor('EXISTS after the cut', async () => seen.exists > 0);
  });

  it('Dovecot restarted mid-IDLE: the watcher reconnects with backoff', async () => {
    const { st, seen } = await watched();
    await st.servers.restartDovecot();
    await waitFor('the IDLE after the restart', async () => seen.connected >= 2, 30_000);
    await st.control.injectMessage({ from: 'a@client.example', to: [st.control.userAddress], subject: 'after restart' });
    await waitFor('EXISTS after the restart', async () => seen.exists > 0);
  }, 60_000);

  it('a revoked password stops the watch once, with no retries', async () => {
    const { st, seen, hold } = await watched();
    await st.control.fault({ kind: 'revokeTokens' });
    st.proxy.cutAll();
    await waitFor('the refusal', async () => seen.authFailed.length > 0);
    const attempts = st.proxy.accepted();
    expect(seen.authFailed).toHaveLength(1);
    expect(seen.authFailed[0]).toMatch(/refused the password/);
    expect(hold.connected()).toBe(false);
    // New mail does not wake a stopped watch: no connection is tried after the refusal.
    await st.control.injectMessage({ from: 'a@client.example', to: [st.control.userAddress], subject: 'unseen' }).catch(() => {});
    expect(st.proxy.accepted()).toBe(attempts);
  });
});
