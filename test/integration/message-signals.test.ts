import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageMeta } from '../../src/domain/message.js';
import { decideNewMail } from '../../src/pipeline/decide-new-mail.js';
import { markReacted } from '../../src/storage/ledger.js';
import type { Runtime } from '../../src/runtime.js';
import { getAccount } from '../../src/storage/accounts.js';
import { effectiveSettingsVersioned } from '../../src/storage/settings-store.js';
import { messageSignals, signalledMessages } from '../../src/storage/signals.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithAccount } from './digest-seed.js';

const ME = 'ana@studio.example';
const CLIENT = 'boss@acme.com';
const nineToFive = [{ start: '09:00', end: '17:00' }];

function meta(id: string, receivedAt: string, subject: string, snippet: string, from = CLIENT): MessageMeta {
  return {
    provider: 'google', providerMessageId: id, threadId: `t-${id}`, messageId: `<${id}@acme.com>`, from: { address: from, name: 'Victor' }, replyTo: [], to: [{ address: ME }], cc: [], bcc: [],
    dateHeader: null, receivedAt, subject, snippet, headers: {}, labels: ['inbox'],
  };
}

/** Signals are noticed on the way in, stored with the message, shown in Activity, and (abuse only) change the decision. */
describe('signals in the decision pipeline', () => {
  let clock = new Date('2025-07-08T03:00:00Z'); // Monday 23:00 in New York
  let runtime: Runtime;
  let accountId: string;
  let userId: string;

  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock });
    ({ accountId, user: { id: userId } } = await userWithAccount(runtime.database.db, ME, { timeZone: 'America/New_York', name: 'Ana', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, holidays: { enabled: false }, clientMode: 'external' }, new Date('2025-01-01T00:00:00Z')));
    await runtime.database.db.updateTable('accounts').set({ baseline_at: new Date('2025-07-06T00:00:00Z') }).where('id', '=', accountId).execute();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  async function decide(messages: MessageMeta[]) {
    const db = runtime.database.db;
    const account = (await getAccount(db, accountId))!;
    const { settings, version } = await effectiveSettingsVersioned(db, account.user_id);
    const outcome = await decideNewMail(runtime.pipeline, account, settings, version, messages);
    // As a sync pass marks them when it ends.
    await markReacted(db, accountId, outcome.reacted, clock);
    return outcome;
  }

  it('answers an abusive message at 23:00 with no polite reply, and says why', async () => {
    const outcome = await decide([meta('abuse', '2025-07-08T03:00:00Z', 'Fix it NOW', 'You idiot, the site is broken again. Fix it now.')]);
    expect(outcome).toEqual({ decided: 1, replies: 0, reacted: ['abuse'], queued: [] });
    const db = runtime.database.db;
    const decision = await db.selectFrom('decisions').select(['action', 'reasons', 'reacted_at']).where('provider_message_id', '=', 'abuse').executeTakeFirstOrThrow();
    expect(decision.action).toBe('notify-only');
    expect(decision.reasons[0]!.code).toBe('abusive');
    expect(decision.reasons[0]!.message).toContain('idiot');
    expect(decision.reacted_at).not.toBeNull();
    expect((await messageSignals(db, accountId, 'abuse')).map((s) => s.code)).toContain('abusive');
    const activity = await db.selectFrom('activity').select(['summary', 'reasons']).where('kind', '=', 'message.signals').where('ref', '=', '<abuse@acme.com>').executeTakeFirstOrThrow();
    expect(activity.summary).toContain('Victor');
    expect(activity.reasons.map((r) => r.code)).toContain('abusive');
  });

  it('reads the sender\'s earlier mail as history: the third unanswered message in a day is a chaser', async () => {
    clock = new Date('2025-07-08T15:00:00Z');
    await decide([meta('c1', '2025-07-08T14:00:00Z', 'Homepage', 'Here are the texts for the homepage.', 'dana@other.example')]);
    await decide([meta('c2', '2025-07-08T14:30:00Z', 'Homepage', 'Also the photos are attached.', 'dana@other.example')]);
    expect((await messageSignals(runtime.database.db, accountId, 'c2')).map((s) => s.code)).not.toContain('chaser');
    await decide([meta('c3', '2025-07-08T14:50:00Z', 'Homepage', 'And the logo goes top left.', 'dana@other.example')]);
    const chaser = (await messageSignals(runtime.database.db, accountId, 'c3')).find((s) => s.code === 'chaser');
    expect(chaser?.evidence).toMatch(/in a row with no answer/);
    const listed = await signalledMessages(runtime.database.db, userId, new Date('2025-07-08T00:00:00Z'), new Date('2025-07-09T00:00:00Z'));
    expect(listed.map((m) => m.providerMessageId)).toEqual(['abuse', 'c3']);
  });

  it('finishes the reactions a crash cut short, once, without deciding again', async () => {
    const db = runtime.database.db;
    await db.updateTable('decisions').set({ reacted_at: null }).where('provider_message_id', '=', 'c3').execute();
    const again = meta('c3', '2025-07-08T14:50:00Z', 'Homepage', 'And the logo goes top left.', 'dana@other.example');
    const outcome = await decide([again]);
    expect(outcome).toEqual({ decided: 0, replies: 0, reacted: ['c3'], queued: [] });
    const rows = await db.selectFrom('decisions').select('reacted_at').where('provider_message_id', '=', 'c3').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reacted_at).not.toBeNull();
    expect(await decide([again])).toEqual({ decided: 0, replies: 0, reacted: [], queued: [] });
  });
});
