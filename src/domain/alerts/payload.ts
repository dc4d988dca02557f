import type { Signal } from '../signals/types.js';
import type { AlertRule } from './plan.js';

/**
 * What one alert says, on every channel: the webhook's JSON body, the push notification and the
 * email are drawn from it. Written once when the message is decided, so a retry says the same.
 */
export interface AlertPayload {
  type: 'boundary.alert';
  /** Stable per message and channel: a receiver dedupes on it. */
  id: string;
  rule: AlertRule;
  why: string;
  client: { name: string; id: string | null };
  from: { name: string | null; address: string };
  subject: string;
  /** The provider's snippet: the first words only, never the whole body. */
  preview: string;
  receivedAt: string;
  signals: Array<Pick<Signal, 'code' | 'text' | 'evidence'>>;
  /** The message's entries on the Activity page. */
  url: string;
}

export interface AlertWords {
  title: string;
  body: string;
}

const PREVIEW_CHARS = 200;

export function alertPreview(snippet: string | null | undefined): string {
  const one = (snippet ?? '').replace(/\s+/g, ' ').trim();
  return one.length > PREVIEW_CHARS ? `${one.slice(0, PREVIEW_CHARS - 1)}…` : one;
}

/** The notification's title and body; the email uses them as subject and first lines. */
export function alertWords(p: AlertPayload): AlertWords {
  const urgent = p.signals.find((s) => s.code === 'urgent');
  const lead = p.rule === 'vip' ? `VIP: ${p.client.name}` : `Urgent: ${p.client.name}`;
  const title = `${lead} — ${p.subject || '(no subject)'}`;
  const lines = [p.preview, urgent ? `Why urgent: "${urgent.evidence}"` : '', p.why].filter(Boolean);
  return { title, body: lines.join('\n') };
}

/** The email an alert becomes: to the user's own address, never to a client. */
export function alertEmailText(p: AlertPayload): string {
  const words = alertWords(p);
  const from = p.from.name ? `${p.from.name} <${p.from.address}>` : p.from.address;
  return [`${from} wrote at ${p.receivedAt}:`, '', `"${p.subject || '(no subject)'}"`, '', words.body, '', `Open it in Boundary: ${p.url}`, '', 'You get this because of your alert settings in Boundary. Boundary has not answered the client.'].join('\n');
}
