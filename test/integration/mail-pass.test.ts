import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageMeta } from '../../src/domain/message.js';
import { jobIds } from '../../src/jobs/definitions.js';
import type { ConnectedProvider } from '../../src/pipeline/context.js';
import { syncMailbox } from '../../src/pipeline/sync-mailbox.js';
import type { Runtime } from '../../src/runtime.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithAccount } from './digest-seed.js';

/**
 * How one pass over a mailbox ends (one statement: reactions marked, cursor moved, replies left
 * behind found). Driven through syncMailbox with an in-memory mailbox, no workers running.
 */
describe('the end of a mail pass', () => {
  let clock = new Date('2026-11-24T21:00:00Z'); // Tuesday 22:00 in Tirana: after hours
  let runtime: Runtime;
  let accountId: string;
  const inbox: MessageMeta[] = [];
  let whileReading = async () => {};
  const mailbox = {
    kind: 'google',
    mailChangesSince: async (cursor: string) => {
      await whileReading();
      return { messages: inbox.slice(Number(cursor)), cursor: String(inbox.length) };
    },
    sentSince: async () => ({ messages: [] }),
  } as unknown as ConnectedProvider;
  const deliver = (id: string, from: string) =>
    inbox.push({ provider: 'google', providerMessageId: id, threadId: `t-${id}`, messageId: `<${id}@client.example>`, from: { name: 'Client', address: from }, to: [{ name: '', address: 'drita@studio.al' }], cc: [], bcc: [], replyTo: [], dateHeader: null, receivedAt: clock.toISOString(), subject: `Question ${id}`, headers: {}, labels: ['inbox'] });
  const nineToFive = [{ start: '09:00', end: '17:00' }];

  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock, providers: async () => mailbox });
    ({ accountId } = await userWithAccount(runtime.database.db, 'drita@studio.al', { timeZone: 'Europe/Tirane', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, holidays: { enabled: false }, gracePeriodMinutes: 5 }));
    await runtime.database.db.updateTable('accounts').set({ mail_cursor: '0', baseline_at: new Date('2026-11-24T00:00:00Z') }).where('id', '=', accountId).execute();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const replyJob = async (replyId: string) => runtime.producer.queue('send').getJob(jobIds.sendReply(replyId));
  const replyTo = async (address: string) => String((await runtime.database.db.selectFrom('replies').select('id').where('recipient', '=', address).executeTakeFirstOrThrow()).id);

  it('marks the reactions, moves the cursor, and queues again a reply whose job a crash lost', async () => {
    const db = runtime.database.db;
    deliver('m1', 'ana@client.example');
    expect(await syncMailbox(runtime.pipeline, accountId)).toMatchObject({ messages: 1, decided: 1, replies: 1 });
    const account = await db.selectFrom('accounts').select(['mail_cursor', 'last_synced_at']).where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(account).toEqual({ mail_cursor: '1', last_synced_at: clock });
    expect((await db.selectFrom('decisions').select('reacted_at').where('provider_message_id', '=', 'm1').executeTakeFirstOrThrow()).reacted_at).toEqual(clock);
    const first = await replyTo('ana@client.example');
    expect(await replyJob(first)).toBeDefined();

    // A crash between recording the reply and queueing its job: the row is queued, the job is not.
    await (await replyJob(first))!.remove();
    expect(await replyJob(first)).toBeUndefined();
    clock = new Date(clock.getTime() + 60_000);
    deliver('m2', 'ben@client.example');
    expect(await syncMailbox(runtime.pipeline, accountId)).toMatchObject({ messages: 1, decided: 1, replies: 1 });
    const again = await replyJob(first);
    expect(again?.data).toEqual({ replyId: first, accountId });
    // Still due at the end of its own grace period (one minute of five has passed), not the new pass's.
    expect(again!.delay).toBe(4 * 60_000);
    expect(await replyJob(await replyTo('ben@client.example'))).toBeDefined();
    expect((await db.selectFrom('accounts').select('mail_cursor').where('id', '=', accountId).executeTakeFirstOrThrow()).mail_cursor).toBe('2');
  });

  it('leaves the cursor alone when another pass moved it first', async () => {
    const db = runtime.database.db;
    deliver('m3', 'cleo@client.example');
    // The racing pass lands between this pass's read of the cursor and its end.
    whileReading = async () => void (await db.updateTable('accounts').set({ mail_cursor: '7' }).where('id', '=', accountId).execute());
    expect(await syncMailbox(runtime.pipeline, accountId)).toMatchObject({ messages: 1, decided: 1 });
    whileReading = async () => {};
    expect((await db.selectFrom('accounts').select('mail_cursor').where('id', '=', accountId).executeTakeFirstOrThrow()).mail_cursor).toBe('7');
  });
});
