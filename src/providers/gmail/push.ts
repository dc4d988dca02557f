import { isAddrSpec } from '../../domain/mail-syntax.js';
import { ProviderError } from '../types.js';

/** Decodes a Gmail Pub/Sub push body: {message:{data: base64url({emailAddress, historyId})}}. */
export function decodeGmailPush(body: unknown): { emailAddress: string; historyId: string; messageId?: string } {
  const message = (body as { message?: { data?: unknown; messageId?: unknown } } | undefined)?.message;
  if (typeof message?.data !== 'string') throw new ProviderError('permanent', 'Pub/Sub push body has no message.data');
  let data: { emailAddress?: unknown; historyId?: unknown };
  try {
    data = JSON.parse(Buffer.from(message.data, 'base64').toString('utf8')) as typeof data;
  } catch {
    throw new ProviderError('permanent', 'Pub/Sub message.data is not base64 JSON');
  }
  if (typeof data.emailAddress !== 'string' || (typeof data.historyId !== 'string' && typeof data.historyId !== 'number')) {
    throw new ProviderError('permanent', 'Pub/Sub message.data needs emailAddress and historyId');
  }
  if (!isAddrSpec(data.emailAddress)) throw new ProviderError('permanent', 'Pub/Sub message.data emailAddress is not an email address');
  if (!/^\d{1,20}$/.test(String(data.historyId))) throw new ProviderError('permanent', 'Pub/Sub message.data historyId is not a number');
  return { emailAddress: data.emailAddress.toLowerCase(), historyId: String(data.historyId),
    ...(typeof message.messageId === 'string' ? { messageId: message.messageId } : {}) };
}
