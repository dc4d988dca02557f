import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../dev/support/google-service.js';
import { testRuntime } from '../../dev/support/runtime.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';

/**
 * Shutdown with a request still running (a webhook, say): the response goes out, and its
 * keep-alive connection closes with it instead of holding the server open for Fastify's 72 s
 * keep-alive timeout (what made test teardowns and SIGTERM wait).
 */
describe('closing the HTTP server while a request runs', () => {
  let runtime: Runtime | undefined;
  const agent = new Agent({ keepAliveTimeout: 600_000 });
  afterAll(async () => {
    await agent.close();
    await runtime?.close();
  });

  it('answers the request, says the connection closes, and finishes closing at once', async () => {
    runtime = await testRuntime();
    const app = await buildServer(runtime);
    let release!: () => void;
    const started = new Promise<void>((ready) => {
      app.get('/test-slow', async () => {
        ready();
        await new Promise<void>((r) => (release = r));
        return { ok: true };
      });
    });
    // Let the request finish once shutdown has begun (hooks run in the order they were added).
    app.addHook('preClose', async () => release());
    const port = await freePort();
    await app.listen({ host: '127.0.0.1', port });
    const answer = request(`http://127.0.0.1:${port}/test-slow`, { dispatcher: agent });
    await started;
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    const res = await answer;
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ ok: true });
    expect(res.headers.connection).toBe('close');
    const deadline = new Promise<'still open'>((r) => setTimeout(() => r('still open'), 20_000).unref());
    expect(await Promise.race([closing.then(() => 'closed'), deadline])).toBe('closed');
    expect(closed).toBe(true);
  });
});
