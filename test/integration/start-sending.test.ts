import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { getReply, startSending } from '../../src/storage/ledger.js';
import { testDatabase } from '../../dev/support/runtime.js';
import { userWithAccount } from './digest-seed.js';

/** The one statement that checks a reply for the last time and moves it to `sending` only when nothing stops it. */
describe('starting a send', () => {
  let handle: DatabaseHandle;
  let accountId: string;
  const at = new Date('2026-11-24T21:00:00Z');
  const window = { answeredSince: new Date('2026-11-24T20:00:00Z'), windowSince: new Date('2026-11-20T00:00:00Z'), checkedAt: at };
  let n = 0;

  beforeAll(async () => {
    handle = await testDatabase();
    ({ accountId } = await userWithAccount(handle.db, 'drita@studio.al', { timeZone: 'Europe/Tirane', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }));
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** A decision and its queued reply to `recipient` in `thread`. */
  async function queued(recipient: string, thread: string) {
    n += 1;
    const db = handle.db;
    const d = await db.insertInto('decisions').values({ account_id: accountId, provider_message_id: `m${n}`, thread_id: thread, sender: recipient, client_id: null, action: 'auto-reply', category: 'after-hours', reasons: '[]', meta: '{}', received_at: window.answeredSince, decided_at: window.answeredSince }).returning('id').executeTakeFirstOrThrow();
    const r = await db.insertInto('replies').values({ decision_id: d.id, account_id: accountId, recipient, thread_id: thread, message_id: `<r${n}@studio.al>`, state: 'queued', mime: '', settings_version: 1, send_after: at, created_at: at }).returning('id').executeTakeFirstOrThrow();
    return (await getReply(db, String(r.id)))!;
  }

  it('moves a reply nothing stops to sending, with when the sent mail was read', async () => {
    const reply = await queued('ana@client.example', 't-ana');
    expect(await startSending(handle.db, reply, window)).toEqual({ userAnswered: false, otherReply: false, started: true });
    expect(await getReply(handle.db, String(reply.id))).toMatchObject({ state: 'sending', checked_at: at });
    // A second worker finds it gone from `queued`.
    expect(await startSending(handle.db, reply, window)).toEqual({ userAnswered: false, otherReply: false, started: false });
  });

  it('leaves a reply queued when the user answered in its thread', async () => {
    const reply = await queued('ben@client.example', 't-ben');
    await handle.db.insertInto('messages').values({ account_id: accountId, provider_message_id: 'own1', thread_id: 't-ben', message_id: '<own1@studio.al>', direction: 'out', from_address: 'drita@studio.al', recipients: JSON.stringify(['ben@client.example']), subject: 'Re: hi', received_at: new Date('2026-11-24T20:30:00Z'), automated: false }).execute();
    expect(await startSending(handle.db, reply, window)).toEqual({ userAnswered: true, otherReply: false, started: false });
    expect((await getReply(handle.db, String(reply.id)))!.state).toBe('queued');
  });

  it('of two queued replies to one recipient, starts only the older', async () => {
    const older = await queued('cleo@client.example', 't-c1');
    const newer = await queued('cleo@client.example', 't-c2');
    expect(await startSending(handle.db, newer, window)).toEqual({ userAnswered: false, otherReply: true, started: false });
    expect((await getReply(handle.db, String(newer.id)))!.state).toBe('queued');
    expect((await startSending(handle.db, older, window)).started).toBe(true);
  });
});
