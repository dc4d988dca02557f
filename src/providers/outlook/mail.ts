import type { Client } from '@microsoft/microsoft-graph-client';
import type { MessageMeta } from '../../domain/message.js';
import { ProviderError, type MailChanges, type MailboxProfile, type OutgoingMail, type SentMail, type SentMessageRef } from '../types.js';
import { graphCall } from './errors.js';
import { MAIL_SELECT, mapMessage, type GraphMessageJson } from './message-meta.js';

/** Outlook mail over Graph: inbox delta, MIME send, sent-items lookups. */

const INBOX_DELTA = "/me/mailFolders('inbox')/messages/delta";
const PAGE = 'odata.maxpagesize=100';

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export class OutlookMail {
  constructor(
    private readonly client: Client,
    private readonly baseUrl: string,
    private readonly now: () => Date,
  ) {}

  async profile(): Promise<MailboxProfile> {
    const me = await graphCall('profile', this.now, () => this.client.api('/me').select('mail,userPrincipalName,proxyAddresses').get()) as { mail?: string | null; userPrincipalName?: string; proxyAddresses?: string[] | null };
    const address = (me.mail ?? me.userPrincipalName ?? '').toLowerCase();
    if (!address) throw new ProviderError('permanent', 'profile: the mailbox has neither mail nor userPrincipalName');
    // Mail to an alias is mail to the user. Only SMTP entries are addresses (not SIP:, X500:...).
    const aliases = (me.proxyAddresses ?? []).filter((p) => /^smtp:/i.test(p)).map((p) => p.slice(5).trim().toLowerCase()).filter((a) => a && a !== address);
    return { address, aliases: [...new Set(aliases)] };
  }

  /**
   * The deltaLink remembers the first request's $select and $filter, so the baseline asks for the
   * full field list, filtered to mail received from now on: one request even for a huge inbox.
   */
  async baseline(): Promise<string> {
    return (await this.initialDelta(this.now().toISOString(), 'baseline')).cursor;
  }

  async resyncSince(since: string): Promise<MailChanges> {
    if (Number.isNaN(Date.parse(since))) throw new ProviderError('permanent', `resyncSince: "${since}" is not an ISO 8601 instant`);
    return this.initialDelta(new Date(since).toISOString(), 'resync');
  }

  /** Delta pages carry the metadata, so known messages cost nothing to read; they are left out. */
  async mailChangesSince(cursor: string, known: ReadonlySet<string> = new Set()): Promise<MailChanges> {
    const changes = await this.follow(this.checkCursor(cursor), 'mail changes');
    return { ...changes, messages: changes.messages.filter((m) => !known.has(m.providerMessageId)) };
  }

  private initialDelta(since: string, what: string): Promise<MailChanges> {
    const first = `${INBOX_DELTA}?$select=${MAIL_SELECT}&$filter=receivedDateTime ge ${since}`;
    return this.follow(first, what);
  }

  private checkCursor(cursor: string): string {
    if (!cursor.startsWith(`${new URL(this.baseUrl).origin}/`) || !cursor.includes('/delta?')) {
      throw new ProviderError('permanent', `mail cursor is not a Graph deltaLink on ${this.baseUrl}`);
    }
    return cursor;
  }

  /** Follows nextLink until the deltaLink; @removed entries are skipped (deletions need no reply). */
  private async follow(start: string, what: string): Promise<MailChanges> {
    const messages: MessageMeta[] = [];
    const seen = new Set<string>();
    let url = start;
    for (;;) {
      const page = (await graphCall(what, this.now, () => this.client.api(url).header('Prefer', PAGE).get())) as Page<GraphMessageJson>;
      for (const m of page.value) {
        // Delta can replay an item within one round; keep the first.
        if (m['@removed'] || seen.has(m.id)) continue;
        seen.add(m.id);
        messages.push(mapMessage(m, ['inbox'], 'receivedDateTime'));
      }
      if (page['@odata.nextLink']) url = page['@odata.nextLink'];
      else if (page['@odata.deltaLink']) return { messages, cursor: page['@odata.deltaLink'] };
      else throw new ProviderError('transient', `${what}: delta page had neither nextLink nor deltaLink`);
    }
  }

  /** sendMail with a base64 MIME body keeps Auto-Submitted, In-Reply-To and References intact. */
  async send(mail: OutgoingMail): Promise<SentMessageRef> {
    const body = Buffer.from(mail.mime, 'utf8').toString('base64');
    await graphCall('send', this.now, () => this.client.api('/me/sendMail').header('Content-Type', 'text/plain').post(body));
    return { providerMessageId: null };
  }

  async findSent(messageId: string): Promise<SentMessageRef | null> {
    if (!/^<[^<>\s]+>$/.test(messageId)) throw new ProviderError('permanent', `findSent: "${messageId}" is not an RFC 5322 Message-ID in angle brackets`);
    // OData string literals escape a quote by doubling it.
    const filter = `internetMessageId eq '${messageId.replace(/'/g, "''")}'`;
    const page = (await graphCall('findSent', this.now, () => this.client.api('/me/messages').filter(filter).select('id,parentFolderId').top(1).get())) as Page<{ id: string }>;
    const hit = page.value[0];
    return hit ? { providerMessageId: hit.id } : null;
  }

  async sentSince(since: string, limit: number, known: ReadonlySet<string> = new Set()): Promise<SentMail> {
    if (Number.isNaN(Date.parse(since))) throw new ProviderError('permanent', `sentSince: "${since}" is not an ISO 8601 instant`);
    if (!Number.isInteger(limit) || limit < 1) throw new ProviderError('permanent', `sentSince: limit must be a positive integer (got ${limit})`);
    const out: MessageMeta[] = [];
    let url: string | undefined =
      `/me/mailFolders('sentitems')/messages?$filter=sentDateTime ge ${new Date(since).toISOString()}&$select=${MAIL_SELECT}&$orderby=sentDateTime desc&$top=${Math.min(limit, 100)}`;
    while (url && out.length < limit) {
      const page = (await graphCall('sentSince', this.now, () => this.client.api(url!).get())) as Page<GraphMessageJson>;
      for (const m of page.value) if (out.length < limit) out.push(mapMessage(m, ['sent'], 'sentDateTime'));
      url = page['@odata.nextLink'];
    }
    // One list call carries the metadata, so there is nothing to save by skipping known ones.
    return { messages: out.filter((m) => !known.has(m.providerMessageId)) };
  }
}
