// TEMPORARY local copy of SHARED-CONTRACTS §2 until the `drafts` branch lands on main; replaced by
// theirs on merge. It drafts nothing ('off'), as an account that never turned drafting on.
import type { ReplyLanguage } from '../domain/settings.js';
import type { PipelineContext } from './context.js';

export type DraftKind =
  | 'deadline-question' | 'set-the-line' | 'closing-note'
  | 'first-contact' | 'recap' | 'contract-request' | 'scope-cost'
  | 'payment-reminder';

export interface DraftRequest {
  accountId: string;
  userId: string;
  clientId: string | null;
  kind: DraftKind;
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  language: ReplyLanguage;
  inReplyTo?: { providerMessageId: string; messageId: string | null; threadId: string };
}

export async function requestDraft(_ctx: PipelineContext, _req: DraftRequest): Promise<'queued' | 'exists' | 'off'> {
  return 'off';
}
