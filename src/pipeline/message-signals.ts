import { detectLanguage } from '../domain/language.js';
import type { MessageMeta } from '../domain/message.js';
import type { Client, Settings } from '../domain/settings.js';
import { detectSignals, signalMessage, type HistoryMessage, type Signal, type SignalHistory } from '../domain/signals/index.js';
import type { AccountRow } from '../storage/accounts.js';
import { invoiceHistory } from '../storage/invoices.js';
import type { PipelineContext } from './context.js';

/**
 * What Boundary notices in one inbound human message, read from its subject and the provider's
 * snippet (bodies are not fetched for this), with the earlier mail between the mailbox and the
 * sender as history (`earlierMail`, read with the decision's history before the message itself
 * is recorded, so it is not its own history).
 */
export async function noticeSignals(ctx: PipelineContext, account: AccountRow, settings: Settings, message: MessageMeta, client: Client | null, earlierMail: HistoryMessage[]): Promise<Signal[]> {
  const history: SignalHistory = {
    messages: earlierMail,
    invoices: client?.id ? await invoiceHistory(ctx.db, account.user_id, client.id, settings.timeZone) : [],
  };
  const language = client?.language ?? detectLanguage(`${message.subject}\n${message.snippet ?? ''}`);
  return detectSignals(signalMessage(message), { settings, client, language }, history);
}

/** One line for the Activity log, and the signals as its reasons, so the page can show the evidence. */
export function describeSignals(message: MessageMeta, signals: Signal[]): { summary: string; reasons: Array<{ code: string; message: string }> } {
  const who = message.from?.name || message.from?.address || 'the sender';
  return {
    summary: `Noticed in ${who}'s message "${message.subject}": ${signals.map((s) => s.text.charAt(0).toLowerCase() + s.text.slice(1)).join('; ')}`,
    reasons: signals.map((s) => ({ code: s.code, message: `${s.text}: "${s.evidence}"${s.date ? ` (due ${s.date})` : ''}` })),
  };
}
