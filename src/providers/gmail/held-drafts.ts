import { createHash } from 'node:crypto';
import type { gmail_v1 } from 'googleapis';
import { ProviderError, type CallGate, type HeldDraft, type HeldDrafts } from '../types.js';
import { callGoogle } from './errors.js';
import { parseAddresses } from './message-meta.js';

/**
 * Held drafts on Gmail: a draft carrying the user label HOLD_LABEL waits for working hours and is
 * sent with drafts.send. drafts.list takes no labelIds (only q), and Gmail search spells label
 * names its own way, so marked drafts are found by their message: messages.list with labelIds
 * DRAFT and the label, matched against drafts.list; only new or edited ones are read. Quota: labels.list 1, messages.list 5,
 * drafts.list 5, drafts.get 5, drafts.send 100.
 */
export const HOLD_LABEL = 'Boundary/Send in the morning';

export { canHoldDrafts } from './held-scopes.js';

export function gmailHeldDrafts(o: { gmail: gmail_v1.Gmail; now: () => Date; gate?: CallGate; pageSize?: number }): HeldDrafts {
  const { gmail } = o;
  const call = <T>(what: string, fn: () => Promise<T>) => callGoogle(o.now, `Gmail ${what}`, fn, o.gate);
  let labelId: string | undefined;

  async function findLabel(): Promise<string | undefined> {
    const res = await call('labels.list', () => gmail.users.labels.list({ userId: 'me' }));
    return res.data.labels?.find((l) => l.name?.toLowerCase() === HOLD_LABEL.toLowerCase())?.id ?? undefined;
  }

  async function holdLabel(): Promise<string> {
    labelId ??= await findLabel();
    if (labelId) return labelId;
    try {
      const made = await call('labels.create', () => gmail.users.labels.create({ userId: 'me',
        requestBody: { name: HOLD_LABEL, labelListVisibility: 'labelShow', messageListVisibility: 'show' } }));
      labelId = made.data.id ?? undefined;
    } catch (err) {
      // Another worker made it in between (409): use theirs.
      if (!(err instanceof ProviderError && err.kind === 'permanent')) throw err;
      labelId = await findLabel();
      if (!labelId) throw err;
    }
    if (!labelId) throw new ProviderError('transient', 'Gmail labels.create returned no id');
    return labelId;
  }

  async function pages<T>(what: string, list: (pageToken?: string) => Promise<{ items: T[]; next?: string | null }>): Promise<T[]> {
    const all: T[] = [];
    let pageToken: string | undefined;
    do {
      const page = await call(what, () => list(pageToken));
      all.push(...page.items);
      pageToken = page.next ?? undefined;
    } while (pageToken);
    return all;
  }

  async function get(draftId: string): Promise<HeldDraft | null> {
    let data: gmail_v1.Schema$Draft;
    try {
      data = (await call('drafts.get', () => gmail.users.drafts.get({ userId: 'me', id: draftId, format: 'raw' }))).data;
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'not_found') return null;
      throw err;
    }
    const raw = Buffer.from(data.message?.raw ?? '', 'base64url').toString('utf8');
    const head = headersOf(raw);
    const label = await holdLabel();
    return {
      draftId,
      version: data.message?.id ?? '',
      messageId: head.get('message-id')?.trim() || null,
      fingerprint: fingerprintOf(raw),
      marked: (data.message?.labelIds ?? []).includes(label),
      recipients: ['to', 'cc', 'bcc'].flatMap((h) => parseAddresses(head.get(h)).map((a) => a.address)),
      subject: head.get('subject') ?? '',
      ...(data.message?.threadId ? { threadId: data.message.threadId } : {}),
    };
  }

  return {
    async listMarked(known) {
      const label = await holdLabel();
      const size = o.pageSize ?? 500;
      const marked = new Set(await pages('messages.list', async (pageToken) => {
        const r = await gmail.users.messages.list({ userId: 'me', labelIds: ['DRAFT', label], maxResults: size, ...(pageToken ? { pageToken } : {}) });
        return { items: (r.data.messages ?? []).map((m) => m.id ?? ''), next: r.data.nextPageToken };
      }));
      if (marked.size === 0) return [];
      const drafts = await pages('drafts.list', async (pageToken) => {
        const r = await gmail.users.drafts.list({ userId: 'me', maxResults: size, ...(pageToken ? { pageToken } : {}) });
        return { items: r.data.drafts ?? [], next: r.data.nextPageToken };
      });
      // drafts.list names each draft's current message: a draft read before whose message is the
      // same has not been edited, so it is not fetched again.
      const ids = drafts.filter((d) => d.id && marked.has(d.message?.id ?? '') && known?.get(d.id) !== d.message?.id).map((d) => d.id!);
      const found = await Promise.all(ids.map(get));
      return found.filter((d): d is HeldDraft => d !== null && d.marked);
    },
    get,
    async send(draftId) {
      const res = await call('drafts.send', () => gmail.users.drafts.send({ userId: 'me', requestBody: { id: draftId } }));
      return { providerMessageId: res.data.id ?? null };
    },
  };
}

/** Header names lower-cased to their unfolded values (RFC 5322 §2.2.3). */
function headersOf(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const lines = (end === -1 ? raw : raw.slice(0, end)).split(/\r?\n/);
  const out = new Map<string, string>();
  let last = '';
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) out.set(last, `${out.get(last)} ${line.trim()}`);
    else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      if (!out.has(last)) out.set(last, line.slice(colon + 1).trim());
    }
  }
  return out;
}

/** What the recipient would get: the message without the Message-ID Gmail renews on every save. */
function fingerprintOf(raw: string): string {
  return createHash('sha256').update(raw.replace(/^Message-ID:.*\r?\n/im, '')).digest('base64url').slice(0, 22);
}
