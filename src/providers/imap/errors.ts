import { ProviderError } from '../types.js';

/**
 * IMAP, SMTP and CalDAV failures become the provider error kinds. The messages are meant for the
 * user: each connect-time failure says which server refused and what to do about it.
 */

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REJECTED',
]);
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'NoConnection', 'EConnectionClosed',
  'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'ESOCKET', 'ECONNECTION',
]);

interface WireError {
  code?: string;
  responseCode?: number;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  message?: string;
}

/**
 * Everything a mailbox must offer, tried before it is saved. Each failure is its own step with
 * its own message, so the user knows which field or setting to fix.
 */
export type ConnectStep = 'server-address' | 'imap-login' | 'tls' | 'idle' | 'sent-folder' | 'smtp' | 'caldav';

/** Here rather than in verify.ts so that callers can recognise it without loading imapflow. */
export class ImapConnectError extends ProviderError {
  constructor(readonly step: ConnectStep, message: string, options?: { cause?: unknown }) {
    super('permanent', message, undefined, options);
  }
}

export function isTlsProblem(err: unknown): boolean {
  const e = err as WireError & { cause?: WireError };
  return TLS_CODES.has(e?.code ?? '') || TLS_CODES.has(e?.cause?.code ?? '');
}

export function imapError(err: unknown, server: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = (err ?? {}) as WireError;
  const detail = e.responseText ?? e.message ?? String(err);
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED' || e.code === 'EAUTH' || e.responseCode === 535) {
    return new ProviderError('auth_revoked', `${server} refused the password. Use an app password if your provider has them, and reconnect.`, undefined, { cause: err });
  }
  if (isTlsProblem(err)) {
    return new ProviderError('permanent', `${server}'s TLS certificate is not trusted (${e.code ?? 'certificate problem'}). Check the server name.`, undefined, { cause: err });
  }
  if (e.code === 'ETHROTTLE' || e.serverResponseCode === 'LIMIT') return new ProviderError('rate_limited', `${server} asks to slow down: ${detail}`, 60_000, { cause: err });
  if (e.serverResponseCode === 'UNAVAILABLE' || e.serverResponseCode === 'INUSE' || TRANSIENT_CODES.has(e.code ?? '') || (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500)) {
    return new ProviderError('transient', `${server} is not answering right now: ${detail}`, undefined, { cause: err });
  }
  if (e.serverResponseCode === 'NONEXISTENT') return new ProviderError('not_found', `${server}: ${detail}`, undefined, { cause: err });
  if (e.responseCode !== undefined && e.responseCode >= 500) return new ProviderError('permanent', `${server} refused: ${detail}`, undefined, { cause: err });
  // A dropped socket without a code still reads as a passing fault: the job layer retries it.
  return new ProviderError('transient', `${server}: ${detail}`, undefined, { cause: err });
}
