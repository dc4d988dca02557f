import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook endpoint: echoes validation tokens (unless told not to) and records every POST. */
export async function startEndpoint(opts: { echo: boolean }): Promise<{ url: string; received: { path: string; body: unknown }[]; close(): Promise<void> }> {
  const received: { path: string; body: unknown }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const token = url.searchParams.get('validationToken');
      if (token !== null) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(opts.echo ? token : 'nope');
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ path: url.pathname, body: text ? JSON.parse(text) : null });
      res.writeHead(202);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
