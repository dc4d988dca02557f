import { DateTime } from 'luxon';
import { renderDraft } from '../domain/drafts/compose.js';
import type { ReplyLanguage } from '../domain/settings.js';
import { ProviderError } from '../providers/types.js';
import { getAccount } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { getDraft, transitionDraft, type DraftRow } from '../storage/drafts.js';
import { effectiveSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';

export type WriteOutcome = 'written' | 'recovered' | 'skipped' | 'failed' | 'already-done' | 'gone';

/**
 * Writes one requested draft, exactly once. `writing` is recorded before the provider is asked, so
 * a run that finds it there (a crash, a stalled job run again) first looks for the draft by its
 * Message-ID and records that one instead of writing a second. Drafting switched off in between
 * skips it.
 */
export async function writeDraft(ctx: PipelineContext, draftId: string): Promise<WriteOutcome> {
  const row = await getDraft(ctx.db, draftId);
  if (!row) return 'gone';
  if (row.state !== 'queued' && row.state !== 'writing') return 'already-done';
  const account = await getAccount(ctx.db, row.account_id);
  if (!account) return 'gone'; // deleted with the account (cascade)
  if (!account.drafting) return skip(ctx, row, 'You turned drafting off for this mailbox before it was written.');
  const writer = (await ctx.providers(account)).draftWriter;
  if (!writer) return skip(ctx, row, 'This mailbox no longer allows Boundary to write drafts; turn drafting on again on the Accounts page.');

  if (row.state === 'writing') {
    const found = await writer.find(row.message_id);
    if (found) return written(ctx, row, found.draftId, 'recovered');
  } else if (!(await transitionDraft(ctx.db, row.id, ['queued'], 'writing'))) {
    return 'already-done';
  }
  if (row.body === null) return fail(ctx, row, 'The draft text was lost before it could be written.');
  const settings = await effectiveSettings(ctx.db, account.user_id);
  const mime = renderDraft({
    from: { address: account.address, ...(settings.name ? { name: settings.name } : {}) },
    to: row.recipient, subject: row.subject, text: row.body, language: row.language as ReplyLanguage,
    inReplyTo: row.in_reply_to?.messageId ?? null, messageId: row.message_id,
  }, DateTime.fromJSDate(ctx.now(), { zone: settings.timeZone }));
  try {
    const made = await writer.create({
      mime, messageId: row.message_id,
      ...(row.in_reply_to ? { threadId: row.in_reply_to.threadId, inReplyToProviderId: row.in_reply_to.providerMessageId } : {}),
    });
    return await written(ctx, row, made.draftId, 'written');
  } catch (err) {
    if (err instanceof ProviderError && err.kind === 'permanent') await fail(ctx, row, err.message);
    throw err;
  }
}

async function written(ctx: PipelineContext, row: DraftRow, providerDraftId: string, outcome: 'written' | 'recovered'): Promise<WriteOutcome> {
  if (!(await transitionDraft(ctx.db, row.id, ['queued', 'writing'], 'written', { providerDraftId, writtenAt: ctx.now(), error: null }))) return 'already-done';
  await logActivity(ctx.db, { userId: row.user_id, accountId: row.account_id, clientId: row.client_id, kind: 'draft.written',
    summary: `Draft for ${row.recipient} in your Drafts folder: ${row.subject}`, ref: row.id, at: ctx.now() });
  return outcome;
}

async function skip(ctx: PipelineContext, row: DraftRow, why: string): Promise<WriteOutcome> {
  if (!(await transitionDraft(ctx.db, row.id, ['queued', 'writing'], 'skipped', { error: why }))) return 'already-done';
  await logActivity(ctx.db, { userId: row.user_id, accountId: row.account_id, clientId: row.client_id, kind: 'draft.skipped',
    summary: `No draft for ${row.recipient} ("${row.subject}"): ${why}`, ref: row.id, at: ctx.now() });
  return 'skipped';
}

async function fail(ctx: PipelineContext, row: DraftRow, why: string): Promise<WriteOutcome> {
  if (!(await transitionDraft(ctx.db, row.id, ['queued', 'writing'], 'failed', { error: why }))) return 'already-done';
  await logActivity(ctx.db, { userId: row.user_id, accountId: row.account_id, clientId: row.client_id, kind: 'draft.failed',
    summary: `The draft for ${row.recipient} ("${row.subject}") could not be written: ${why}`, ref: row.id, at: ctx.now() });
  return 'failed';
}
