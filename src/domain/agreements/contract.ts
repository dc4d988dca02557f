import { DateTime } from 'luxon';
import type { MessageMeta } from '../message.js';
import { greetingFor } from '../reply/greeting.js';
import { fillTemplate, type PlaceholderValues } from '../reply/templates.js';
import type { Signal } from '../signals/types.js';
import type { ReplyLanguage, Settings } from '../settings.js';
import { replySubject, signoff, type DraftText } from './first-contact.js';
import { AGREEMENT_TEXTS } from './texts.js';

/** Where the written agreement with a client stands. "expired" is also what a signed one becomes past its end date. */
export const CONTRACT_STATUSES = ['none', 'sent', 'signed', 'expired'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export interface ContractSuggestion {
  status: Extract<ContractStatus, 'sent' | 'signed'>;
  /** The words or the attachment name that suggested it. */
  evidence: string;
  at: string;
  /** The message it was read from (Message-ID, else the provider's id). */
  ref: string | null;
}

export interface ContractState {
  status: ContractStatus;
  sentAt: string | null;
  signedAt: string | null;
  expiresAt: string | null;
  /** The client said no contract was needed ("let's just start"), and when. */
  refusedAt: string | null;
  refusal: string | null;
  note: string | null;
  /** Read from mail, waiting for the user to accept or dismiss: mail never sets the status by itself. */
  suggestion: ContractSuggestion | null;
  history: Array<{ at: string; from: ContractStatus; to: ContractStatus; reason: string }>;
}

export const NO_CONTRACT: ContractState = { status: 'none', sentAt: null, signedAt: null, expiresAt: null, refusedAt: null, refusal: null, note: null, suggestion: null, history: [] };

/** The status that is true at `now`: a signed contract past its end date has expired. */
export function effectiveStatus(c: ContractState, now: DateTime): ContractStatus {
  if (c.status === 'signed' && c.expiresAt && DateTime.fromISO(c.expiresAt) <= now) return 'expired';
  return c.status;
}

export interface ContractChange {
  status: ContractStatus;
  sentAt?: string | null;
  signedAt?: string | null;
  expiresAt?: string | null;
  note?: string | null;
}

export type ChangeResult = { ok: true; value: ContractState } | { ok: false; issues: Array<{ path: string; message: string }> };

/**
 * A status set by the user. Each status carries its dates: "sent" when it went out, "signed"
 * when it was signed (and, optionally, until when it runs), "expired" when it ended. A missing
 * date is today; "none" clears them. A pending suggestion is settled by the change.
 */
export function changeContract(current: ContractState, change: ContractChange, now: DateTime, reason = 'set by you'): ChangeResult {
  const at = now.toUTC().toISO()!;
  const pick = (given: string | null | undefined, kept: string | null, fallback: string | null) => (given !== undefined ? given : (kept ?? fallback));
  let next: ContractState;
  switch (change.status) {
    case 'none':
      next = { ...current, status: 'none', sentAt: null, signedAt: null, expiresAt: null };
      break;
    case 'sent':
      next = { ...current, status: 'sent', sentAt: pick(change.sentAt, null, at), signedAt: null, expiresAt: pick(change.expiresAt, null, null) };
      break;
    case 'signed':
      next = { ...current, status: 'signed', sentAt: pick(change.sentAt, current.sentAt, null), signedAt: pick(change.signedAt, null, at), expiresAt: pick(change.expiresAt, null, null) };
      break;
    case 'expired':
      next = { ...current, status: 'expired', expiresAt: pick(change.expiresAt, current.expiresAt && DateTime.fromISO(current.expiresAt) <= now ? current.expiresAt : null, at) };
      break;
  }
  if (change.note !== undefined) next.note = change.note;
  const issues: Array<{ path: string; message: string }> = [];
  const ms = (iso: string | null) => (iso ? Date.parse(iso) : NaN);
  if (next.signedAt && ms(next.signedAt) > now.toMillis()) issues.push({ path: 'signedAt', message: 'a contract cannot be signed in the future' });
  if (next.sentAt && ms(next.sentAt) > now.toMillis()) issues.push({ path: 'sentAt', message: 'a contract cannot be sent in the future' });
  if (next.signedAt && next.expiresAt && ms(next.expiresAt) <= ms(next.signedAt)) issues.push({ path: 'expiresAt', message: 'the end date must come after the signing date' });
  if (next.status === 'expired' && ms(next.expiresAt) > now.toMillis()) issues.push({ path: 'expiresAt', message: 'an expired contract ended in the past; for a future end date, mark it signed with that end date' });
  if (issues.length > 0) return { ok: false, issues };
  next.suggestion = null;
  if (next.status !== current.status) next.history = [...current.history, { at, from: current.status, to: next.status, reason }];
  return { ok: true, value: next };
}

/** What one message says about the contract, if anything. */
export type ContractEvidence = { kind: 'refusal'; evidence: string } | { kind: 'suggest'; status: 'sent' | 'signed'; evidence: string };

/** "signed", "подписал", "e nënshkrova", "pinirmahan", "қол қойдым": the contract came back signed. */
const SIGNED = /(?<![\p{L}])(?:signed|countersigned|подписан\p{L}*|подписал\p{L}*|подписываем|nënshkru\p{L}*|nënshkrova|nënshkruam|pirmado|pinirmahan|napirmahan|қол\s+қойыл\p{L}*|қол\s+қойдым|қол\s+қойдық)(?![\p{L}])/iu;
/** An attachment that is a contract by its name: "Contract-Acme.pdf", "договор_2026.docx", "SOW v2.pdf". */
const CONTRACT_FILE = /(?:contract|agreement|\bsow\b|\bnda\b|договор|контракт|соглашени|kontrat|marrëveshj|kasunduan|келісімшарт)/iu;

/**
 * Reads a message for the contract: a refusal or a mention from the client (signed when the
 * signing is named), or the user's own sent mail naming or attaching one (sent).
 */
export function contractEvidence(direction: 'in' | 'out', signals: Signal[], text: string, attachmentNames: string[] = []): ContractEvidence | null {
  const refusal = signals.find((s) => s.code === 'contract-refusal');
  if (direction === 'in' && refusal) return { kind: 'refusal', evidence: refusal.evidence };
  const file = attachmentNames.find((n) => CONTRACT_FILE.test(n));
  const mention = signals.find((s) => s.code === 'contract-mention');
  if (!file && !mention) return null;
  const evidence = file ?? mention!.evidence;
  if (direction === 'out') return { kind: 'suggest', status: 'sent', evidence };
  return { kind: 'suggest', status: SIGNED.test(text) ? 'signed' : 'sent', evidence };
}

/** Records what mail suggests, when it moves the contract forward; null when it adds nothing. */
export function withEvidence(current: ContractState, e: ContractEvidence, at: DateTime, ref: string | null): ContractState | null {
  const iso = at.toUTC().toISO()!;
  if (e.kind === 'refusal') return current.refusedAt ? null : { ...current, refusedAt: iso, refusal: e.evidence };
  const now = effectiveStatus(current, at);
  const forward = e.status === 'signed' ? now !== 'signed' : now === 'none' || now === 'expired';
  if (!forward || current.suggestion?.status === e.status) return null;
  return { ...current, suggestion: { status: e.status, evidence: e.evidence, at: iso, ref } };
}

/** The polite answer to "no need for a contract": I work with a short signed agreement. A draft only. */
export function contractRequestDraft(message: MessageMeta, settings: Settings, language: ReplyLanguage): DraftText {
  const t = AGREEMENT_TEXTS[language];
  const body = ['{greeting}', '', t.contractRequest, '', signoff(language)].join('\n');
  const values = { greeting: greetingFor(language, (message.replyTo[0] ?? message.from)?.name), userName: settings.name };
  return { subject: replySubject(message.subject, t.contractSubject), text: fillTemplate(body, values as PlaceholderValues) };
}
