import type { gmail_v1 } from 'googleapis';
import { ProviderError, type CallGate, type DraftWriter } from '../types.js';
import { callGoogle } from './errors.js';

/**
 * Drafts Boundary writes for the user (issue 20): users.drafts.create with the raw MIME and the
 * thread to join (Gmail threads a draft by threadId plus matching References and Subject). A draft
 * already written is found by drafts.list with `rfc822msgid:`, which searches drafts only.
 * Quota (google.md): drafts.create 10, drafts.list 5.
 */
export function gmailDraftWriter(o: { gmail: gmail_v1.Gmail; now: () => Date; gate?: CallGate }): DraftWriter {
  const call = <T>(what: string, fn: () => Promise<T>) => callGoogle(o.now, `Gmail ${what}`, fn, o.gate);
  return {
    async create(mail) {
      const raw = Buffer.from(mail.mime, 'utf8').toString('base64url');
      const res = await call('drafts.create', () => o.gmail.users.drafts.create({
        userId: 'me', requestBody: { message: { raw, ...(mail.threadId ? { threadId: mail.threadId } : {}) } } }));
      if (!res.data.id) throw new ProviderError('transient', 'Gmail drafts.create returned no draft id');
      return { draftId: res.data.id };
    },
    async find(messageId) {
      const bare = messageId.trim().replace(/^<|>$/g, '');
      if (!bare || /\s/.test(bare)) throw new ProviderError('permanent', `find draft: "${messageId}" is not a Message-ID`);
      const res = await call('drafts.list', () => o.gmail.users.drafts.list({ userId: 'me', q: `rfc822msgid:${bare}`, maxResults: 1 }));
      const id = res.data.drafts?.[0]?.id;
      return id ? { draftId: id } : null;
    },
  };
}
