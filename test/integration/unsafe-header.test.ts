import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageMeta } from '../../src/domain/message.js';
import { decideNewMail } from '../../src/pipeline/decide-new-mail.js';
import type { Runtime } from '../../src/runtime.js';
import { getAccount } from '../../src/storage/accounts.js';
import { effectiveSettingsVersioned } from '../../src/storage/settings-store.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithAccount } from './digest-seed.js';

const ME = 'ana@studio.example';
const nineToFive = [{ start: '09:00', end: '17:00' }];

function meta(id: string, over: Partial<MessageMeta> = {}): MessageMeta {
  return {
    provider: 'google', providerMessageId: id, threadId: `t-${id}`, messageId: `<${id}@acme.com>`, from: { address: 'boss@acme.com' }, replyTo: [], to: [{ address: ME }], cc: [], bcc: [],
    dateHeader: null, receivedAt: '2025-07-07T02:00:00Z', subject: 'Logo', headers: {}, labels: ['inbox'], ...over,
  };
}

/**
 * A value that would break a reply's header is caught where the reply is written: that message is
 * decided notify-only, with a reason, and the rest of the batch goes on (a thrown error would fail
 * the mailbox's sync on every retry, for ever).
 */
describe('a message whose reply could not be written safely', () => {
  const clock = new Date('2025-07-07T02:00:00Z'); // Sunday 22:00 in New York: after hours
  let runtime: Runtime;
  let accountId: string;

  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock });
    ({ accountId } = await userWithAccount(runtime.database.db, ME, { timeZone: 'America/New_York', name: 'Ana', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, holidays: { enabled: false }, clientMode: 'external' }, new Date('2025-01-01T00:00:00Z')));
    await runtime.database.db.updateTable('accounts').set({ baseline_at: new Date('2025-07-06T00:00:00Z') }).where('id', '=', accountId).execute();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('is decided notify-only with the unsafe-header reason, and the next message still gets its reply', async () => {
    const db = runtime.database.db;
    const account = (await getAccount(db, accountId))!;
    const { settings, version } = await effectiveSettingsVersioned(db, account.user_id);
    // Providers drop such ids on the way in (mail-syntax.ts); this is the last line behind that.
    const poison = meta('m1', { messageId: '<a@acme.com>\r\nBcc: victim@example.com' });
    const fine = meta('m2', { from: { address: 'cto@other.example' } });
    const outcome = await decideNewMail(runtime.pipeline, account, settings, version, [poison, fine]);
    const fineReply = await db.selectFrom('replies').select('id').executeTakeFirstOrThrow();
    expect(outcome).toEqual({ decided: 2, replies: 1, reacted: ['m1', 'm2'], queued: [String(fineReply.id)] });
    const rows = await db.selectFrom('decisions').select(['provider_message_id', 'action', 'reasons']).where('account_id', '=', accountId).orderBy('provider_message_id').execute();
    expect(rows.map((r) => [r.provider_message_id, r.action])).toEqual([['m1', 'notify-only'], ['m2', 'auto-reply']]);
    expect(JSON.stringify(rows[0]!.reasons)).toContain('unsafe-header');
    const replies = await db.selectFrom('replies').select(['recipient', 'mime']).where('account_id', '=', accountId).execute();
    expect(replies.map((r) => r.recipient)).toEqual(['cto@other.example']);
    expect(replies.every((r) => !r.mime.includes('victim@example.com'))).toBe(true);
  });
});
