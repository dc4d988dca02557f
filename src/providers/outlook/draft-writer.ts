import type { Client } from '@microsoft/microsoft-graph-client';
import { ProviderError, type DraftWriter } from '../types.js';
import { graphCall } from './errors.js';

/**
 * Drafts Boundary writes for the user (issue 20) through Graph "Create message": POST /me/messages
 * with the base64 MIME as text/plain saves a draft in Drafts and keeps the MIME's headers, so the
 * Message-ID we wrote becomes its internetMessageId and In-Reply-To/References thread it. Needs
 * Mail.ReadWrite, which Boundary's connect scopes already hold. A draft already written is found by
 * $filter on internetMessageId (the filter Graph supports on /me/messages), kept only if still a draft.
 */
export function outlookDraftWriter(client: Client, now: () => Date): DraftWriter {
  return {
    async create(mail) {
      const body = Buffer.from(mail.mime, 'utf8').toString('base64');
      const made = (await graphCall('create draft', now, () => client.api('/me/messages').header('Content-Type', 'text/plain').post(body))) as { id?: string };
      if (!made?.id) throw new ProviderError('transient', 'Graph create message returned no id');
      return { draftId: made.id };
    },
    async find(messageId) {
      if (!/^<[^<>\s]+>$/.test(messageId)) throw new ProviderError('permanent', `find draft: "${messageId}" is not an RFC 5322 Message-ID in angle brackets`);
      // OData string literals escape a quote by doubling it.
      const filter = `internetMessageId eq '${messageId.replace(/'/g, "''")}'`;
      const page = (await graphCall('find draft', now, () => client.api('/me/messages').filter(filter).select('id,isDraft').top(5).get())) as { value: Array<{ id: string; isDraft?: boolean }> };
      const hit = page.value.find((m) => m.isDraft);
      return hit ? { draftId: hit.id } : null;
    },
  };
}
