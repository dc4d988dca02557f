import { replyLanguage } from '../../domain/language.js';
import { scopeCostText } from '../../domain/money/scope-cost-text.js';
import { logActivity } from '../../storage/activity.js';
import { listExpectations } from '../../storage/expectations.js';
import { getScope, recordScopeRequest, type ScopeRequest } from '../../storage/scopes.js';
import type { PipelineContext } from '../context.js';
import { requestDraft } from '../drafts.js';
import { changeExpectation } from '../follow-up-expectations.js';
import type { InboundEvent } from '../signal-reactions.js';


const DRAFT_WORDS: Record<'queued' | 'exists' | 'off', string> = {
  queued: 'A reply stating the cost is being drafted in your mailbox; nothing is sent for you.',
  exists: 'A reply stating the cost was already drafted.',
  off: 'Turn drafting on for this mailbox to get a reply stating the cost as a draft.',
};

/**
 * A client asks for more than the agreed work, or for a revision round: count it from the mail,
 * and draft a reply that names the cost before any work is done. Extra work always gets one;
 * a revision only once it goes past the rounds included. Safe to run twice on one message: the
 * request is counted once per message, and the draft's key is the message.
 */
export async function reactToScope(ctx: PipelineContext, input: InboundEvent): Promise<void> {
  const { account, message, client, settings } = input;
  const extra = input.signals.find((s) => s.code === 'scope-change');
  const revision = input.signals.find((s) => s.code === 'revision-request');
  if (!client?.id || (!extra && !revision)) return;
  const userId = account.user_id;
  const clientId = client.id;
  const sender = (message.replyTo[0] ?? message.from)?.address;
  if (!sender) return;
  const base = { userId, clientId, accountId: account.id, providerMessageId: message.providerMessageId, receivedAt: new Date(message.receivedAt), clientAddresses: [sender, ...client.addresses] };
  const scope = await getScope(ctx.db, userId, clientId);
  const limit = (await listExpectations(ctx.db, userId, clientId)).filter((e) => e.kind === 'revision-limit' && e.status !== 'met');
  const included = scope?.revisionRounds ?? limit[0]?.params.limit ?? null;

  const counted: Array<{ request: ScopeRequest; created: boolean }> = [];
  if (extra) counted.push(await recordScopeRequest(ctx.db, { ...base, kind: 'extra-work', evidence: extra.evidence }));
  if (revision) {
    const r = await recordScopeRequest(ctx.db, { ...base, kind: 'revision', evidence: revision.evidence });
    counted.push(r);
    // The revision-limit agreement counts the same rounds: Boundary keeps its "used" up to date.
    for (const e of limit) if (r.request.round !== null && (e.params.used ?? 0) < r.request.round) await changeExpectation(ctx.db, userId, e, { params: { used: r.request.round } }, ctx.now());
  }
  const round = counted.find((c) => c.request.kind === 'revision')?.request.round ?? null;
  const beyond = round !== null && included !== null && round > included;
  const draftFor = extra ? ('extra-work' as const) : beyond ? ('revision' as const) : null;

  let outcome: 'queued' | 'exists' | 'off' | null = null;
  if (draftFor) {
    const language = replyLanguage(message, settings, client);
    const text = scopeCostText({ kind: draftFor, evidence: (extra ?? revision)!.evidence, scope, round, clientName: message.from?.name || null, userName: settings.name }, language);
    outcome = await requestDraft(ctx, {
      accountId: account.id, userId, clientId, kind: 'scope-cost', dedupeKey: `scope-cost:${message.providerMessageId}`,
      to: sender, subject: /^re:/i.test(message.subject) ? message.subject : `Re: ${message.subject}`, text, language,
      inReplyTo: { providerMessageId: message.providerMessageId, messageId: message.messageId, threadId: message.threadId },
    }, account);
  }
  if (!counted.some((c) => c.created)) return; // counted and told before
  const roundWords = round === null ? '' : ` Revision round ${round}${included !== null ? ` of ${included} included${beyond ? ': beyond what was agreed' : ''}` : ''}.`;
  const what = extra ? `${client.name} asks for more than the agreed work ("${extra.evidence}").` : `${client.name} asks for changes ("${revision!.evidence}").`;
  await logActivity(ctx.db, {
    userId, accountId: account.id, clientId, kind: extra ? 'money.extra-work' : 'money.revision',
    summary: `${what}${roundWords}${outcome ? ` ${DRAFT_WORDS[outcome]}` : ''}`,
    ref: message.messageId ?? message.providerMessageId, at: ctx.now(),
  });
}
