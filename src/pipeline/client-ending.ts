import { DateTime } from 'luxon';
import { closingNote } from '../domain/ending/closing-note.js';
import { expectationItems, sortOpenItems, type OpenItem } from '../domain/ending/open-items.js';
import { clientLanguage } from '../domain/follow-up/follow-up-text.js';
import type { ReplyLanguage } from '../domain/settings.js';
import { listUserAccounts } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { lastHeardFrom } from '../storage/client-mail.js';
import { listExpectations } from '../storage/expectations.js';
import { listInvoices } from '../storage/invoices.js';
import { effectiveSettings, getClient, replaceClient, type ClientRecord } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';
import { requestDraft } from './drafts.js';
import { buildFollowUpReport } from './follow-up-report.js';

/**
 * Ending a client: first what is still open on both sides, then a closing note drafted in the
 * user's mailbox (never sent by Boundary), then the status `ended`, after which the client is never
 * auto-replied or nudged again. Each open-item source is one function.
 */
type OpenItemSource = (ctx: PipelineContext, userId: string, client: ClientRecord) => Promise<OpenItem[]>;

const agreements: OpenItemSource = async (ctx, userId, client) => expectationItems(await listExpectations(ctx.db, userId, client.id), client.id);

const unansweredMail: OpenItemSource = async (ctx, userId, client) => {
  const report = await buildFollowUpReport(ctx.db, userId, ctx.now(), await effectiveSettings(ctx.db, userId));
  return report.unansweredByUser.filter((u) => u.client.id === client.id).map((u) => ({ owedBy: 'you' as const, kind: 'answer' as const, title: `Your answer to "${u.subject}"`, dueAt: null, status: 'waiting' }));
};

/** Confirmed invoices the client has not paid yet: what they still owe the user. */
const unpaidInvoices: OpenItemSource = async (ctx, userId, client) =>
  (await listInvoices(ctx.db, userId, client.id))
    .filter((i) => i.status === 'open' && !i.paidOn)
    .map((i) => ({ owedBy: 'client' as const, kind: 'invoice' as const, title: `Invoice ${i.reference}: ${i.currency} ${i.amount}`, dueAt: i.dueOn, status: 'unpaid' }));

const OPEN_ITEM_SOURCES: OpenItemSource[] = [agreements, unansweredMail, unpaidInvoices];

export interface ClosingPlan {
  client: ClientRecord;
  openItems: OpenItem[];
  note: { to: string | null; accountId: string | null; language: ReplyLanguage; subject: string; text: string };
}

/** What ending this client would involve. Reads only. */
export async function planEnding(ctx: PipelineContext, userId: string, clientId: string): Promise<ClosingPlan | undefined> {
  const client = await getClient(ctx.db, userId, clientId);
  if (!client) return undefined;
  const settings = await effectiveSettings(ctx.db, userId);
  const openItems = sortOpenItems((await Promise.all(OPEN_ITEM_SOURCES.map((source) => source(ctx, userId, client)))).flat());
  const language = clientLanguage(client, settings);
  const heard = await lastHeardFrom(ctx.db, userId, clientId);
  const accountId = heard?.accountId ?? (await listUserAccounts(ctx.db, userId)).find((a) => a.status !== 'needs-reconnect')?.id ?? null;
  return { client, openItems, note: { to: heard?.address ?? client.addresses[0] ?? null, accountId, language, ...closingNote(openItems, language, settings) } };
}

export type ClosingDraft = 'queued' | 'exists' | 'off' | 'no-address';

/** Ends the client and asks for the closing-note draft. Safe to repeat: the draft's key is per client and day. */
export async function endClient(ctx: PipelineContext, userId: string, clientId: string): Promise<(ClosingPlan & { draft: ClosingDraft }) | undefined> {
  const plan = await planEnding(ctx, userId, clientId);
  if (!plan) return undefined;
  const now = ctx.now();
  const { note } = plan;
  const draft: ClosingDraft = note.to && note.accountId
    ? await requestDraft(ctx, { accountId: note.accountId, userId, clientId, kind: 'closing-note', dedupeKey: `closing-note-${clientId}-${DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()}`, to: note.to, subject: note.subject, text: note.text, language: note.language })
    : 'no-address';
  const client = plan.client.status === 'ended' ? plan.client : await replaceClient(ctx.db, userId, clientId, { ...plan.client, status: 'ended' }, now);
  if (!client) return undefined; // removed meanwhile
  const yours = plan.openItems.filter((i) => i.owedBy === 'you').length;
  await logActivity(ctx.db, {
    userId,
    clientId,
    kind: 'client.ended',
    summary: `You ended ${client.name}: no more automatic replies or nudges; their mail is still logged. ${plural(plan.openItems.length, 'item')} still open (${yours} yours). Closing note: ${DRAFT_WORDS[draft]}.`,
    at: now,
  });
  return { ...plan, client, draft };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const DRAFT_WORDS: Record<ClosingDraft, string> = {
  queued: 'drafted in your mailbox, for you to read and send',
  exists: 'already in your drafts',
  off: 'not drafted (turn drafting on for the mailbox to get one); the text is on the client page',
  'no-address': 'not drafted: the client has no address yet',
};
