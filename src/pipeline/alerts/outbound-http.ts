import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { refusedAddress } from '../../providers/address-policy.js';

/**
 * One HTTP request to an address a user typed in (an alert webhook, a browser's push endpoint).
 * Every address the name resolves to is checked at connect time, in the socket's own lookup, so a
 * name that answers differently the second time (DNS rebinding) cannot reach an internal host.
 */
export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  constructor(message: string, readonly permanent: boolean, readonly status: number | null = null) {
    super(message);
  }
}

export interface OutboundRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string | Buffer;
  timeoutMs: number;
  allowPrivate: boolean;
}

const ALLOW_HINT = 'ALERT_WEBHOOK_ALLOW_PRIVATE_HOSTS';

function why(ip: string, allowPrivate: boolean): string | null {
  const refused = refusedAddress(ip, allowPrivate);
  return refused ? refused.replace('IMAP_ALLOW_PRIVATE_HOSTS', ALLOW_HINT).replace('for a self-hosted server', 'for a receiver on the same network') : null;
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      for (const a of list) {
        const refused = why(a.address, allowPrivate);
        if (refused) return callback(new OutboundError(`${hostname} is at ${a.address}, ${refused}`, true), '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Sends the request; resolves with the status when the receiver answered 2xx, else throws OutboundError. */
export function sendOutbound(req: OutboundRequest): Promise<number> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.reject(new OutboundError(`'${req.url}' is not a URL`, true));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.reject(new OutboundError(`${url.protocol} URLs are not supported; use https`, true));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal never goes through lookup, so it is checked here.
  if (isIP(host)) {
    const refused = why(host, req.allowPrivate);
    if (refused) return Promise.reject(new OutboundError(`${host} is ${refused}`, true));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = client.request(url, { method: req.method, headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) }, lookup: guardedLookup(req.allowPrivate), timeout: req.timeoutMs }, (res) => {
      res.resume(); // the answer's body is not needed
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(status);
      // 408 and 429 and 5xx pass; any other answer will not change on a retry.
      const passing = status === 408 || status === 429 || status >= 500;
      reject(new OutboundError(`the receiver answered HTTP ${status}`, !passing, status));
    });
    r.on('timeout', () => r.destroy(new OutboundError(`no answer within ${Math.round(req.timeoutMs / 1000)} s`, false)));
    r.on('error', (err) => reject(err instanceof OutboundError ? err : new OutboundError(`could not reach ${host}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, false)));
    r.end(req.body);
  });
}
