import type { gmail_v1 } from 'googleapis';
import type { MessageMeta } from '../../domain/message.js';
import {
  ProviderError, type CallGate, type Incomplete, type MailChanges, type MailProvider, type MailboxProfile, type OutgoingMail, type SentMail, type SentMessageRef, type WatchInfo,
} from '../types.js';
import { callGoogle } from './errors.js';
import { METADATA_HEADERS, toMessageMeta } from './message-meta.js';

/** The Gmail half of the provider. Quota (google.md): history.list 2, messages.get/list 5, send 100. */

export interface GmailMailOptions {
  gmail: gmail_v1.Gmail;
  pubsubTopic: string;
  now: () => Date;
  /** history.list / messages.list page size (Gmail allows up to 500). */
  pageSize: number;
  /** Parallel messages.get calls per sync; Gmail answers 429 to too many concurrent requests per user. */
  concurrency: number;
  gate?: CallGate;
}

/** Runs `work` over items with at most `limit` in flight, keeping input order. */
async function mapBounded<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

function epochSeconds(iso: string, what: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new ProviderError('permanent', `${what} must be an ISO 8601 instant, got "${iso}"`);
  return Math.floor(t / 1000);
}

export function gmailMail(o: GmailMailOptions): Omit<MailProvider, 'kind'> {
  const { gmail, now } = o;
  const call = <T>(what: string, fn: () => Promise<T>) => callGoogle(now, `Gmail ${what}`, fn, o.gate);

  /**
   * Metadata for each id. A message deleted in between (404) is skipped, not fatal. A message that
   * can't be read right now (throttled, a passing fault) is left out and reported, so one bad call
   * doesn't throw away the rest of the batch.
   */
  async function metadataOf(ids: string[]): Promise<{ metas: MessageMeta[]; failed?: Incomplete }> {
    const unique = [...new Set(ids)];
    let failed: Incomplete | undefined;
    const metas = await mapBounded(unique, o.concurrency, async (id) => {
      try {
        const res = await call('messages.get', () =>
          gmail.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: METADATA_HEADERS }));
        return toMessageMeta(res.data);
      } catch (err) {
        if (err instanceof ProviderError && err.kind === 'not_found') return undefined;
        if (err instanceof ProviderError && (err.kind === 'transient' || err.kind === 'rate_limited')) {
          // A throttled read says more than a passing fault: it decides how the caller waits.
          if (failed?.kind !== 'rate_limited') failed = { kind: err.kind, retryAfterMs: err.retryAfterMs ?? 1_000, reason: err.message };
          return undefined;
        }
        throw err;
      }
    });
    return { metas: metas.filter((m): m is MessageMeta => m !== undefined), ...(failed ? { failed } : {}) };
  }

  /** The whole batch, or a typed error: for callers that can't use a partial answer. */
  async function allMetadataOf(ids: string[]): Promise<MessageMeta[]> {
    const { metas, failed } = await metadataOf(ids);
    if (failed) throw new ProviderError(failed.kind, failed.reason, failed.retryAfterMs);
    return metas;
  }

  /** messages.list over every page, at most `limit` ids. */
  async function listIds(params: gmail_v1.Params$Resource$Users$Messages$List, limit = Infinity): Promise<string[]> {
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const res = await call('messages.list', () =>
        gmail.users.messages.list({ ...params, userId: 'me', maxResults: Math.min(o.pageSize, limit - ids.length), pageToken }));
      for (const m of res.data.messages ?? []) if (m.id) ids.push(m.id);
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken && ids.length < limit);
    return ids.slice(0, limit);
  }

  async function currentHistoryId(): Promise<string> {
    const res = await call('getProfile', () => gmail.users.getProfile({ userId: 'me' }));
    if (!res.data.historyId) throw new ProviderError('transient', 'Gmail getProfile returned no historyId');
    return res.data.historyId;
  }

  async function startWatch(): Promise<WatchInfo> {
    const res = await call('watch', () => gmail.users.watch({
      userId: 'me', requestBody: { topicName: o.pubsubTopic, labelIds: ['INBOX'], labelFilterBehavior: 'include' },
    }));
    const expiration = Number(res.data.expiration);
    if (!Number.isFinite(expiration)) throw new ProviderError('transient', 'Gmail watch returned no expiration');
    return { id: o.pubsubTopic, expiresAt: new Date(expiration).toISOString(), ...(res.data.historyId ? { resource: res.data.historyId } : {}) };
  }

  return {
    async profile(): Promise<MailboxProfile> {
      const [profile, sendAs] = await Promise.all([
        call('getProfile', () => gmail.users.getProfile({ userId: 'me' })),
        call('sendAs.list', () => gmail.users.settings.sendAs.list({ userId: 'me' })),
      ]);
      const address = profile.data.emailAddress?.toLowerCase();
      if (!address) throw new ProviderError('transient', 'Gmail getProfile returned no emailAddress');
      const aliases = (sendAs.data.sendAs ?? []).map((s) => s.sendAsEmail?.toLowerCase()).filter((a): a is string => Boolean(a) && a !== address);
      return { address, aliases: [...new Set(aliases)] };
    },

    baseline: currentHistoryId,
    startWatch,
    // users.watch on an existing watch simply extends it (google.md: renew at least every 7 days).
    renewWatch: () => startWatch(),
    async stopWatch(): Promise<void> {
      await call('stop', () => gmail.users.stop({ userId: 'me' }));
    },

    async mailChangesSince(cursor: string, known: ReadonlySet<string> = new Set()): Promise<MailChanges> {
      if (!/^\d+$/.test(cursor)) throw new ProviderError('permanent', `Gmail cursor must be a numeric historyId, got "${cursor}"`);
      const ids: string[] = [];
      let pageToken: string | undefined;
      let next = cursor;
      try {
        do {
          const res = await call('history.list', () => gmail.users.history.list({
            userId: 'me', startHistoryId: cursor, historyTypes: ['messageAdded'], labelId: 'INBOX', maxResults: o.pageSize, pageToken }));
          for (const h of res.data.history ?? []) for (const added of h.messagesAdded ?? []) if (added.message?.id) ids.push(added.message.id);
          pageToken = res.data.nextPageToken ?? undefined;
          // Store the historyId of the last page only (google.md).
          if (!pageToken && res.data.historyId) next = res.data.historyId;
        } while (pageToken);
      } catch (err) {
        // history.list answers 404 for a trimmed or unknown startHistoryId: full sync needed.
        if (err instanceof ProviderError && err.kind === 'not_found') throw new ProviderError('cursor_expired', err.message);
        throw err;
      }
      const { metas, failed } = await metadataOf(ids.filter((id) => !known.has(id)));
      return failed ? { messages: metas, cursor, incomplete: failed } : { messages: metas, cursor: next };
    },

    async resyncSince(since: string): Promise<MailChanges> {
      const after = epochSeconds(since, 'resyncSince(since)');
      // Take the cursor first: anything arriving while we list is seen again by the next history sync.
      const cursor = await currentHistoryId();
      const ids = await listIds({ labelIds: ['INBOX'], q: `after:${after - 1}` });
      const messages = (await allMetadataOf(ids)).filter((m) => Date.parse(m.receivedAt) >= Date.parse(since));
      return { messages, cursor };
    },

    async send(mail: OutgoingMail): Promise<SentMessageRef> {
      if (!mail.mime.trim()) throw new ProviderError('permanent', 'send: mime is empty');
      // raw in the JSON body, not a media upload, so rootUrl covers it (google.md).
      const res = await call('messages.send', () => gmail.users.messages.send({
        userId: 'me', requestBody: { raw: Buffer.from(mail.mime, 'utf8').toString('base64url'), ...(mail.threadId ? { threadId: mail.threadId } : {}) },
      }));
      return res.data.id ? { providerMessageId: res.data.id, sentCopyId: res.data.id } : { providerMessageId: null };
    },

    async findSent(messageId: string): Promise<SentMessageRef | null> {
      const bare = messageId.trim().replace(/^<|>$/g, '');
      if (!bare || /\s/.test(bare)) throw new ProviderError('permanent', `findSent: "${messageId}" is not a Message-ID`);
      const ids = await listIds({ q: `in:sent rfc822msgid:${bare}` }, 1);
      return ids[0] ? { providerMessageId: ids[0] } : null;
    },

    async sentSince(since: string, limit: number, known: ReadonlySet<string> = new Set()): Promise<SentMail> {
      const after = epochSeconds(since, 'sentSince(since)');
      if (!Number.isInteger(limit) || limit < 1) throw new ProviderError('permanent', `sentSince(limit) must be a positive integer, got ${limit}`);
      const ids = await listIds({ q: `in:sent after:${after - 1}` }, limit);
      const { metas, failed } = await metadataOf(ids.filter((id) => !known.has(id)));
      const messages = metas.filter((m) => Date.parse(m.receivedAt) >= Date.parse(since));
      return failed ? { messages, incomplete: failed } : { messages };
    },
  };
}
