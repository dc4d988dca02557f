import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountLookup } from '../../src/http/account-lookup.js';
import { deleteAccount, setAccountStatus } from '../../src/storage/accounts.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { testDatabase } from '../../dev/support/runtime.js';
import { userWithAccount } from './digest-seed.js';

const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('the push address lookup', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => database?.close());

  it('remembers a found mailbox for a few seconds, and never remembers a miss', async () => {
    const lookup = new AccountLookup(database.db, 10_000);
    const t = 1_800_000_000_000;
    expect(await lookup.find('google', 'late@studio.example', t)).toBeUndefined();
    // Connected a moment after a push for it was refused: found at once.
    const { user, accountId } = await userWithAccount(database.db, 'late@studio.example', { timeZone: 'UTC', week, holidays: { enabled: false } });
    expect(await lookup.find('google', ' Late@Studio.example ', t + 1)).toEqual({ id: accountId, status: 'active' });
    expect(await lookup.find('microsoft', 'late@studio.example', t + 1)).toBeUndefined();

    await setAccountStatus(database.db, accountId, 'needs-reconnect', 'revoked');
    await deleteAccount(database.db, user.id, accountId);
    // Within the window the remembered answer stands (the sync job re-reads the account) ...
    expect(await lookup.find('google', 'late@studio.example', t + 9_000)).toEqual({ id: accountId, status: 'active' });
    // ... and after it, the database decides again.
    expect(await lookup.find('google', 'late@studio.example', t + 10_002)).toBeUndefined();
  });
});
