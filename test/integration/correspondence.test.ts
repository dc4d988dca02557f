import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { correspondence } from '../../src/storage/signals.js';
import { postgresAvailable } from '../../dev/support/postgres.js';
import { testDatabase, type Engine } from '../../dev/support/runtime.js';
import { userWithAccount } from './digest-seed.js';

const engines: Engine[] = ['pglite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];

/** The earlier mail between the mailbox and one address, as the history-based signals read it. */
describe.each(engines)('correspondence on %s', (engine) => {
  let handle: DatabaseHandle;
  let accountId: string;
  const ME = 'drita@studio.al';
  const ANA = 'ana@client.example';
  let n = 0;
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute));
  async function message(direction: 'in' | 'out', from: string, to: string[], minute: number, automated = false) {
    n += 1;
    await handle.db.insertInto('messages').values({ account_id: accountId, provider_message_id: `m${n}`, thread_id: `t${minute}`, message_id: `<m${n}@x>`, direction, from_address: from, recipients: JSON.stringify(to), subject: 'Hi', received_at: at(minute), automated }).execute();
  }

  beforeAll(async () => {
    handle = await testDatabase(engine);
    ({ accountId } = await userWithAccount(handle.db, ME, { timeZone: 'Europe/Tirane', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }));
    await message('in', ANA, [ME], 1);
    await message('out', ME, ['someone@else.example', ANA], 2);
    await message('in', 'boss@client.example', [ME, ANA], 3); // a third party copying her: not mail between us
    await message('in', ANA, [ME], 4, true); // her out-of-office
    await message('out', ME, ['ben@client.example'], 5);
    await message('in', ANA, [ME], 50); // after the message being decided
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('is what they sent and what the user sent them, newest first, before the message decided', async () => {
    expect(await correspondence(handle.db, accountId, ANA, at(10).toISOString())).toEqual([
      { direction: 'out', threadId: 't2', at: at(2).toISOString() },
      { direction: 'in', threadId: 't1', at: at(1).toISOString() },
    ]);
  });

  it('keeps the latest 50 of both sides together', async () => {
    for (let m = 11; m < 41; m++) await message(m % 2 ? 'in' : 'out', m % 2 ? ANA : ME, m % 2 ? [ME] : [ANA], m);
    for (let m = 41; m < 49; m++) await message('in', ANA, [ME], m);
    const seen = await correspondence(handle.db, accountId, ANA, at(49).toISOString());
    expect(seen).toHaveLength(40);
    expect(seen.map((h) => h.at)).toEqual([...seen.map((h) => h.at)].sort().reverse());
    for (let m = 51; m < 80; m++) await message('in', ANA, [ME], m);
    const capped = await correspondence(handle.db, accountId, ANA, at(80).toISOString());
    expect(capped).toHaveLength(50);
    expect(capped[0]!.at).toBe(at(79).toISOString());
    expect(capped.at(-1)!.at).toBe(at(29).toISOString());
  });
});
