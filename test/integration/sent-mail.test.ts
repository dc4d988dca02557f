import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSentMail } from '../../src/pipeline/sent-mail.js';
import type { Runtime } from '../../src/runtime.js';
import { getAccount } from '../../src/storage/accounts.js';
import { googleHarness } from '../contract/google-harness.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithAccount } from './digest-seed.js';

const ME = 'me@freelancer.test';

/** Reading the user's sent mail into the ledger: the real Gmail adapter against the emulator. */
describe('refreshSentMail', () => {
  let clock = new Date('2026-11-24T10:00:00.100Z');
  const harness = googleHarness({}, () => clock);
  let runtime: Runtime;
  let accountId: string;
  const sentListings = () => harness.emulator().control.state.log.filter((e) => e.path.endsWith('/messages') && decodeURIComponent(e.query).includes('in:sent')).length;
  const gets = () => harness.emulator().control.state.log.filter((e) => /\/messages\/[^/]+$/.test(e.path) && e.method === 'GET').length;
  const outRows = async () => (await runtime.database.db.selectFrom('messages').select('subject').where('account_id', '=', accountId).where('direction', '=', 'out').orderBy('subject').execute()).map((r) => r.subject);

  beforeAll(async () => {
    const { mail } = await harness.start();
    runtime = await testRuntime({ providers: async () => mail as never });
    ({ accountId } = await userWithAccount(runtime.database.db, ME, { timeZone: 'UTC', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: { enabled: false } }));
    await runtime.database.db.updateTable('accounts').set({ baseline_at: new Date('2026-11-24T09:00:00Z') }).where('id', '=', accountId).execute();
  });
  afterAll(async () => {
    await runtime?.close();
    await harness.stop();
  });

  it('lets concurrent readers of one account share one read, then reads again for the next', async () => {
    await harness.emulator().control.injectSentMessage({ from: ME, to: ['ana@client.example'], subject: 'Draft attached' });
    const account = (await getAccount(runtime.database.db, accountId))!;
    const before = sentListings();
    const counts = await Promise.all([refreshSentMail(runtime.pipeline, account), refreshSentMail(runtime.pipeline, account), refreshSentMail(runtime.pipeline, account)]);
    expect(counts).toEqual([1, 1, 1]);
    expect(sentListings() - before).toBe(1);
    expect(await outRows()).toEqual(['Draft attached']);

    clock = new Date('2026-11-24T10:00:01.900Z');
    await harness.emulator().control.injectSentMessage({ from: ME, to: ['ana@client.example'], subject: 'Invoice 12' });
    expect(await refreshSentMail(runtime.pipeline, (await getAccount(runtime.database.db, accountId))!)).toBe(1);
    expect(sentListings() - before).toBe(2);
    expect(await outRows()).toEqual(['Draft attached', 'Invoice 12']);
  });

  it('never fetches a sent message it already recorded, even within the second before its cursor', async () => {
    const account = (await getAccount(runtime.database.db, accountId))!;
    const before = gets();
    // The cursor is 10:00:01.900; Gmail searches after 10:00:00, so both recorded messages are
    // listed again, the 10:00:00.100 one more than a second before the cursor.
    expect(await refreshSentMail(runtime.pipeline, account)).toBe(0);
    expect(await refreshSentMail(runtime.pipeline, account)).toBe(0);
    expect(gets() - before).toBe(0);
  });
});
