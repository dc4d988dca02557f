import type { ImapFlow } from 'imapflow';
import { isMsgId } from '../../domain/mail-syntax.js';
import { ProviderError, type DraftMail, type DraftRef } from '../types.js';

/**
 * Drafts Boundary writes for the user (issue 20): APPEND to the special-use \Drafts folder
 * (RFC 6154) with the \Draft flag (RFC 9051 §2.3.2), left unseen so the mail client shows that
 * something new waits there. The draft is known by its Message-ID: UIDs are per folder and
 * change when the user's client saves it again.
 */

/** The special-use \Drafts folder, else a folder plainly named Drafts. */
export async function draftsFolder(client: ImapFlow): Promise<string | null> {
  const list = await client.list();
  const special = list.find((m) => m.specialUse === '\\Drafts');
  if (special) return special.path;
  return list.find((m) => /^drafts?$/i.test(m.name))?.path ?? null;
}

async function requireDrafts(client: ImapFlow): Promise<string> {
  const path = await draftsFolder(client);
  if (!path) throw new ProviderError('permanent', 'The mailbox has no Drafts folder (special-use \\Drafts), so Boundary cannot leave drafts there');
  return path;
}

export async function findDraft(client: ImapFlow, messageId: string): Promise<DraftRef | null> {
  if (!isMsgId(messageId)) throw new ProviderError('permanent', `find draft: "${messageId}" is not a Message-ID`);
  const path = await requireDrafts(client);
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
    return uids.length > 0 ? { draftId: messageId } : null;
  } finally {
    lock.release();
  }
}

export async function appendDraft(client: ImapFlow, mail: DraftMail): Promise<DraftRef> {
  const path = await requireDrafts(client);
  await client.append(path, mail.mime, ['\\Draft']);
  return { draftId: mail.messageId };
}
