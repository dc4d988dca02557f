import { createHash } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { ProviderError, type HeldDraft, type HeldDrafts } from '../types.js';
import { graphCall } from './errors.js';

/**
 * Held drafts on Outlook (issue 21): a draft in Drafts carrying the category HOLD_CATEGORY waits
 * for working hours and is sent with POST /me/messages/{id}/send, which moves it to Sent Items
 * under a new id. The list asks only for id and changeKey (Graph's version of an item, changed
 * by every edit), so drafts already read are not read again. Needs Mail.ReadWrite (read, send
 * drafts) and Mail.Send, both in the default scopes.
 */
export const HOLD_CATEGORY = 'Boundary: send in the morning';

const DRAFTS = "/me/mailFolders('drafts')/messages";
const FIELDS = 'id,changeKey,isDraft,categories,subject,toRecipients,ccRecipients,bccRecipients,internetMessageId,conversationId,body';

interface Address { emailAddress?: { address?: string | null } | null }
interface DraftJson {
  id: string;
  changeKey?: string;
  isDraft?: boolean;
  categories?: string[];
  subject?: string | null;
  toRecipients?: Address[];
  ccRecipients?: Address[];
  bccRecipients?: Address[];
  internetMessageId?: string | null;
  conversationId?: string | null;
  body?: { contentType?: string; content?: string | null } | null;
}
interface Page<T> { value: T[]; '@odata.nextLink'?: string }

const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const isHold = (c: string) => c.toLowerCase() === HOLD_CATEGORY.toLowerCase();

export function outlookHeldDrafts(client: Client, now: () => Date): HeldDrafts {
  const call = <T>(what: string, fn: () => Promise<unknown>) => graphCall(`held drafts ${what}`, now, fn) as Promise<T>;

  async function get(draftId: string): Promise<HeldDraft | null> {
    let m: DraftJson;
    try {
      m = await call<DraftJson>('get', () => client.api(`/me/messages/${encodeURIComponent(draftId)}`).select(FIELDS).get());
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'not_found') return null;
      throw err;
    }
    // A sent draft keeps no draft id (it moves to Sent Items), but an id read as sent is not a draft.
    if (m.isDraft === false) return null;
    const recipients = [...(m.toRecipients ?? []), ...(m.ccRecipients ?? []), ...(m.bccRecipients ?? [])]
      .map((r) => r.emailAddress?.address?.toLowerCase() ?? '').filter(Boolean);
    return {
      draftId,
      version: m.changeKey ?? '',
      messageId: m.internetMessageId ?? null,
      fingerprint: fingerprintOf(m, recipients),
      marked: (m.categories ?? []).some(isHold),
      recipients,
      subject: m.subject ?? '',
      ...(m.conversationId ? { threadId: m.conversationId } : {}),
    };
  }

  return {
    async listMarked(known) {
      const stale: string[] = [];
      let url: string | undefined = `${DRAFTS}?$filter=categories/any(c:c eq ${odataString(HOLD_CATEGORY)})&$select=id,changeKey&$top=100`;
      while (url) {
        const page: Page<DraftJson> = await call('list', () => client.api(url!).get());
        for (const d of page.value) if (known?.get(d.id) !== d.changeKey) stale.push(d.id);
        url = page['@odata.nextLink'];
      }
      const found = await Promise.all(stale.map(get));
      return found.filter((d): d is HeldDraft => d !== null && d.marked);
    },
    get,
    async send(draftId) {
      await call('send', () => client.api(`/me/messages/${encodeURIComponent(draftId)}/send`).post(null));
      return { providerMessageId: null };
    },
    async sentCopy(messageId) {
      // /me/messages would also find the draft itself, which carries the same internetMessageId.
      const filter = `internetMessageId eq ${odataString(messageId)}`;
      const page = await call<Page<{ id: string }>>('sent copy', () => client.api("/me/mailFolders('sentitems')/messages").filter(filter).select('id').top(1).get());
      return page.value[0] ? { providerMessageId: page.value[0].id } : null;
    },
  };
}

/** What the recipient would get: subject, recipients and body. A category or a flag is not an edit. */
function fingerprintOf(m: DraftJson, recipients: string[]): string {
  const what = JSON.stringify([m.subject ?? '', recipients, m.body?.contentType ?? '', m.body?.content ?? '']);
  return createHash('sha256').update(what).digest('base64url').slice(0, 22);
}
