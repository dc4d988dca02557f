import { DateTime } from 'luxon';
import { contractEvidence, contractRequestDraft } from '../../domain/agreements/contract.js';
import { matchClient } from '../../domain/clients.js';
import { replyLanguage } from '../../domain/language.js';
import { contractSignals } from '../../domain/signals/contract.js';
import { ownText } from '../../domain/signals/text.js';
import { signalMessage } from '../../domain/signals/index.js';
import { logActivity } from '../../storage/activity.js';
import type { PipelineContext } from '../context.js';
import { recordContractEvidence } from '../contracts.js';
import { requestDraft } from '../drafts.js';
import type { InboundEvent, SentEvent } from '../signal-reactions.js';

const DRAFTED: Record<'queued' | 'exists' | 'off', string> = {
  queued: 'A polite reply explaining that you work with a short signed agreement is being drafted in your mailbox; nothing is sent for you.',
  exists: 'That reply was already drafted.',
  off: 'Turn drafting on for this mailbox to get a polite reply asking for a short signed agreement as a draft.',
};

/**
 * Client mail about the contract. "No need for a contract, let's just start": the refusal is
 * recorded on the client and a reply asking for a short signed agreement is drafted (once per
 * client). A contract named or sent: a status suggestion for the user to accept.
 */
export async function reactToContractMail(ctx: PipelineContext, e: InboundEvent): Promise<void> {
  const { account, message, client, settings } = e;
  if (!client) return;
  const evidence = contractEvidence('in', e.signals, ownText(signalMessage(message)), message.attachmentNames);
  if (!evidence) return;
  const ref = message.messageId ?? message.providerMessageId;
  const added = client.id ? await recordContractEvidence(ctx.db, account.user_id, client.id, evidence, ctx.now(), ref) : true;
  if (evidence.kind === 'suggest') {
    if (added && client.id) {
      await logActivity(ctx.db, { userId: account.user_id, accountId: account.id, clientId: client.id, kind: 'contract.suggested', summary: `${client.name}'s message "${message.subject}" suggests the contract is ${evidence.status} ("${evidence.evidence}"). Accept or correct it on the client page.`, ref, at: ctx.now() });
    }
    return;
  }
  const to = (message.replyTo[0] ?? message.from)?.address;
  if (!to) return;
  const language = replyLanguage(message, settings, client);
  const draft = contractRequestDraft(message, settings, language);
  const outcome = await requestDraft(ctx, {
    accountId: account.id, userId: account.user_id, clientId: client.id ?? null, kind: 'contract-request', dedupeKey: `contract-request:${client.id ?? to}`,
    to, subject: draft.subject, text: draft.text, language,
    inReplyTo: { providerMessageId: message.providerMessageId, messageId: message.messageId, threadId: message.threadId },
  }, account);
  if (!added) return; // recorded and told before
  await logActivity(ctx.db, {
    userId: account.user_id, accountId: account.id, clientId: client.id ?? null, kind: 'contract.refused',
    summary: `${client.name} would rather work without a contract ("${evidence.evidence}"). ${DRAFTED[outcome]}`,
    reasons: [{ code: 'contract-refusal', message: `Wants to work without a contract: "${evidence.evidence}"` }], ref, at: ctx.now(),
  });
}

/** The user's own sent mail naming or attaching a contract: suggests the client's contract is sent. */
export async function noteContractSent(ctx: PipelineContext, e: SentEvent): Promise<void> {
  const { account, message, settings } = e;
  const recipient = message.to[0]?.address;
  const client = recipient ? matchClient(recipient, settings) : null;
  if (!client?.id) return;
  const text = ownText(signalMessage(message));
  const evidence = contractEvidence('out', contractSignals(text), text, message.attachmentNames);
  if (!evidence || !(await recordContractEvidence(ctx.db, account.user_id, client.id, evidence, ctx.now(), message.messageId ?? message.providerMessageId))) return;
  const when = DateTime.fromISO(message.receivedAt, { zone: settings.timeZone }).toFormat('d LLL');
  await logActivity(ctx.db, { userId: account.user_id, accountId: account.id, clientId: client.id, kind: 'contract.suggested', summary: `You sent ${client.name} a contract on ${when} ("${evidence.evidence}"): mark it sent on the client page?`, ref: message.messageId ?? message.providerMessageId, at: ctx.now() });
}
