import { randomUUID } from 'node:crypto';
import { ProviderError } from '../../src/providers/types.js';
import type { ConnectedProvider } from '../../src/pipeline/context.js';
import type { Db } from '../../src/storage/db.js';
import { insertClient, putSettings } from '../../src/storage/settings-store.js';
import { createUser } from '../../src/storage/users.js';
import { followUp, scenarioInput, settings } from '../unit/digest/scenario.js';

/** A mailbox that records what it sends: the injected provider for digest delivery tests. */
export function recordingMailbox() {
  const sent: Array<{ mime: string; messageId: string }> = [];
  const state = { failNext: false };
  const provider = {
    kind: 'google',
    async send(mail: { mime: string; messageId: string }) {
      if (state.failNext) {
        state.failNext = false;
        throw new ProviderError('transient', 'connection reset');
      }
      sent.push(mail);
      return { providerMessageId: `sent-${sent.length}` };
    },
    async findSent(messageId: string) {
      return sent.some((m) => m.messageId === messageId) ? { providerMessageId: 'found' } : null;
    },
  } as unknown as ConnectedProvider;
  return { provider, sent, state };
}

export async function userWithAccount(db: Db, email: string, userSettings: object, createdAt = new Date('2026-01-01T00:00:00Z')) {
  const user = await createUser(db, { email, name: 'Drita Hoxha' });
  await db.updateTable('users').set({ created_at: createdAt }).where('id', '=', user.id).execute();
  await putSettings(db, user.id, userSettings, createdAt);
  const accountId = randomUUID();
  await db.insertInto('accounts').values({ id: accountId, user_id: user.id, provider: 'google', address: email, tokens: 'sealed', status: 'active', sending: true }).execute();
  return { user, accountId };
}

/** The unit scenario, written as the pipeline would have stored it. */
export async function seedScenario(db: Db, email: string) {
  const { clients, ...stored } = settings;
  const { user, accountId } = await userWithAccount(db, email, stored);
  for (const c of clients) await insertClient(db, user.id, c, new Date('2026-01-01T00:00:00Z'));
  const input = scenarioInput();
  await db.updateTable('accounts').set({ last_synced_at: '2026-11-23T06:55:00Z', watch: JSON.stringify({ id: 'w', expiresAt: '2026-11-27T00:00:00Z' }) }).where('id', '=', accountId).execute();
  let n = 0;
  for (const m of input.inbound) {
    n += 1;
    const meta = { messageId: `<in${n}@acme.com>`, subject: m.subject, from: { address: m.sender, ...(m.senderName ? { name: m.senderName } : {}) } };
    const d = await db
      .insertInto('decisions')
      .values({ account_id: accountId, provider_message_id: `in${n}`, thread_id: `t${n}`, sender: m.sender, client_id: null, action: m.action, category: m.category, reasons: JSON.stringify(m.reasons), meta: JSON.stringify(meta), received_at: m.at, decided_at: m.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (m.reply) {
      await db.insertInto('replies').values({ decision_id: d.id, account_id: accountId, recipient: m.sender!, thread_id: `t${n}`, message_id: `<boundary.r${n}@studio.al>`, state: m.reply.state as 'sent', mime: '', settings_version: 1, send_after: m.at, sent_at: m.reply.sentAt, error: m.reply.error }).execute();
      // Boundary's own reply shows up in the sent folder too: it must not count as the user's.
      if (m.reply.state === 'sent') await insertMessage(db, accountId, 'out', 'drita@studio.al', [m.sender!], m.reply.sentAt!, `<boundary.r${n}@studio.al>`);
    }
  }
  for (const a of input.arrivals) await insertMessage(db, accountId, 'in', a.sender, ['drita@studio.al'], a.at);
  for (const s of input.sent) await insertMessage(db, accountId, 'out', 'drita@studio.al', s.recipients, s.at, null, s.subject);
  for (const [i, inv] of input.invitations.entries()) {
    await db
      .insertInto('invitations')
      .values({ account_id: accountId, provider_event_id: `ev${i}`, data: JSON.stringify({ subject: inv.subject, organizer: { address: inv.organizer }, start: inv.start, end: inv.end }), decision: JSON.stringify({ category: inv.category, action: inv.action, proposals: inv.proposals.map((userText) => ({ userText })) }), answer: inv.answer, answered_at: inv.answeredAt, updated_at: '2026-11-21T12:00:00Z' })
      .execute();
  }
  return { user, accountId, followUp: followUp() };
}

let seq = 0;
async function insertMessage(db: Db, accountId: string, direction: 'in' | 'out', from: string, to: string[], at: string, messageId: string | null = null, subject = '') {
  seq += 1;
  await db.insertInto('messages').values({ account_id: accountId, provider_message_id: `m${seq}`, thread_id: `t${seq}`, message_id: messageId, direction, from_address: from, recipients: JSON.stringify(to), subject, received_at: at }).execute();
}
