import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate, type TlsMaterial } from '../../dev/emulators/microsoft/tls.js';

/**
 * HTTPS in front of a plain-HTTP server (an emulator we did not write). The Graph SDK attaches the
 * bearer token, and treats nextLink/deltaLink as absolute, only for https URLs on Graph or custom
 * hosts, so product code pointed at this proxy runs unchanged. Absolute upstream URLs in response
 * bodies and Location headers are rewritten to the proxy's origin; everything that passes through
 * is recorded, so a test can check what actually went over the wire.
 */

export interface ProxiedExchange {
  method: string;
  /** The path and query as the client sent them (before any rewritePath). */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
}

export interface TlsProxy {
  url: string;
  /** PEM of the self-signed certificate, which is its own CA. */
  ca: string;
  exchanges: ProxiedExchange[];
  close(): Promise<void>;
}

export interface TlsProxyOptions {
  /** Adjusts the upstream path, for a URL form the upstream does not route (say why at the call site). */
  rewritePath?: (path: string) => string;
}

let tls: TlsMaterial | undefined; // one key per test process: RSA generation is the slow part

const readAll = async (stream: AsyncIterable<Buffer>): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
};

function forward(upstream: URL, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    // No accept-encoding: bodies are rewritten as text, so they must arrive uncompressed.
    const { 'accept-encoding': _encoding, host: _host, ...rest } = headers;
    const req = httpRequest({ hostname: upstream.hostname, port: upstream.port, method, path, headers: { ...rest, host: upstream.host } }, resolve);
    req.once('error', reject);
    req.end(body);
  });
}

export async function startTlsProxy(upstreamUrl: string, opts: TlsProxyOptions = {}): Promise<TlsProxy> {
  tls ??= selfSignedCertificate(new Date());
  const upstream = new URL(upstreamUrl);
  const exchanges: ProxiedExchange[] = [];
  let origin = '';
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const body = await readAll(req);
      try {
        const up = await forward(upstream, method, opts.rewritePath?.(path) ?? path, req.headers, body);
        const raw = await readAll(up);
        const type = String(up.headers['content-type'] ?? '');
        const text = /json|text|html|xml/.test(type) ? raw.toString('utf8').split(upstream.origin).join(origin) : null;
        const out = text === null ? raw : Buffer.from(text, 'utf8');
        const { 'content-length': _length, 'transfer-encoding': _te, location, ...headers } = up.headers;
        if (typeof location === 'string') headers.location = location.split(upstream.origin).join(origin);
        exchanges.push({ method, path, headers: req.headers, body, status: up.statusCode ?? 0 });
        res.writeHead(up.statusCode ?? 502, { ...headers, 'content-length': String(out.length) });
        res.end(out);
      } catch (err) {
        exchanges.push({ method, path, headers: req.headers, body, status: 502 });
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`tls proxy: upstream failed: ${(err as Error).message}`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    ca: tls.cert,
    exchanges,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
