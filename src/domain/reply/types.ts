import type { Address } from '../message.js';
import type { ReplyLanguage } from '../settings.js';

/** Everything an automatic reply carries, before it is rendered to MIME. */
export interface ComposedReply {
  from: Address;
  /** Reply-To when present, else From: always exactly one recipient (RFC 3834 §4). */
  to: Address;
  subject: string;
  /** The original Message-ID, or null when it had none. */
  inReplyTo: string | null;
  /** The original References (or In-Reply-To), then the original Message-ID. */
  references: string[];
  /** Deterministic, so a retry can find a copy that was already sent. */
  messageId: string;
  headers: {
    'Auto-Submitted': 'auto-replied';
    'X-Auto-Response-Suppress': 'All';
    Precedence: 'bulk';
    'X-Boundary-In-Reply-To': string;
  };
  text: string;
  html: string;
  language: ReplyLanguage;
}
