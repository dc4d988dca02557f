import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../src/jobs/definitions.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../../dev/emulators/google/index.js';
import { GOOGLE_CLIENT } from '../../dev/support/google-service.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

/**
 * Random and malformed bodies, query strings and headers for every route the app registers, sent
 * with a valid token (mostly). Two things must hold for every request: no 5xx, and a 4xx stores
 * nothing (database row counts and queued jobs are unchanged). FUZZ_RUNS and FUZZ_SEED make a
 * longer or repeatable run: `FUZZ_RUNS=500 FUZZ_SEED=42 npx vitest run test/integration/fuzz.test.ts`.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);
/** Routes of third-party plugins (API docs, the queue dashboard) get a lighter pass than our own. */
const runsFor = (url: string) => (/^\/(docs|admin\/queues)(\/|$)/.test(url) ? Math.max(1, Math.round(RUNS_PER_ROUTE / 5)) : RUNS_PER_ROUTE);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const ME = 'elira@hoxha.studio';
const SETTINGS = JSON.parse(readFileSync(new URL('../fixtures/settings.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const CLIENT = { name: 'Acme', domains: ['acme.example'], timeZone: 'America/New_York', vip: true };

interface RouteRef {
  method: string;
  url: string;
}

/**
 * The routes as the app has them, read back from `printRoutes({ commonPrefix: false })`: each line
 * of the tree appends its segment to its parent's path. HEAD twins of GET routes are left out.
 */
function registeredRoutes(app: FastifyInstance): RouteRef[] {
  const stack: string[] = [];
  const routes: RouteRef[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([\s│]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') routes.push({ method, url: path });
  }
  return routes;
}

/** A JSON value with one leaf replaced or removed: near-valid input reaches the deep validators. */
const mutated = (seed: unknown) =>
  fc.tuple(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.string({ unit: 'binary' }), fc.double())).map(([pick, value]) => {
    const copy = structuredClone(seed) as Record<string, unknown>;
    const holders: Array<[Record<string, unknown>, string]> = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      for (const key of Object.keys(node)) {
        holders.push([node as Record<string, unknown>, key]);
        walk((node as Record<string, unknown>)[key]);
      }
    };
    walk(copy);
    const at = holders[pick % Math.max(1, holders.length)];
    if (at) {
      if (value === undefined) delete at[0][at[1]];
      else at[0][at[1]] = value;
    }
    return JSON.stringify(copy);
  });

/** Inputs that gave 500s before issue 14: deep nesting, dates PostgreSQL cannot hold, huge Graph bodies. */
const hostileDate = fc.constantFrom('0000-01-01', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '2026-12-01T10:00:00+99:99', '9999-12-31T23:59:60Z', '2026-02-30');
const issue14Body = fc.oneof(
  fc.constantFrom(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`, `{"value":[${Array.from({ length: 1_001 }, (_, i) => `{"subscriptionId":"s${i}","clientState":"x","changeType":"created","resource":"r"}`).join(',')}]}`),
  hostileDate.map((dueAt) => JSON.stringify({ kind: 'deliverable', title: 'x', dueAt })),
  fc.constantFrom(['*'], ['a b.example'], [''], ['..']).map((domains) => JSON.stringify({ ...CLIENT, domains })),
);

const malformedJson = fc.constantFrom('{', '{"a":', '[1,2', '{"name":"x",}', 'null', 'true', '"x"', '1e999', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', ']]]', '');

const body = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 3, arbitrary: mutated(SETTINGS) },
  { weight: 2, arbitrary: mutated(CLIENT) },
  { weight: 2, arbitrary: malformedJson },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom('['.repeat(5_000) + ']'.repeat(5_000), JSON.stringify({ name: 'x'.repeat(200_000) }), JSON.stringify(Array.from({ length: 5_000 }, (_, i) => i))) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 })).map((d) => new URLSearchParams(d).toString()) },
  { weight: 2, arbitrary: issue14Body },
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/x-www-form-urlencoded; charset=latin1',
  'garbage',
  '',
);

/** Header values a client can actually send: visible ASCII and spaces. */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((h) => !['host', 'content-length', 'transfer-encoding', 'connection', 'expect'].includes(h));

const queryValue = fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())), fc.constantFrom('', '-1', '0', '1e309', 'NaN', '2026-13-45', 'json', '[]', '%', '%zz', '9223372036854775808', '99999999999999999999999'), hostileDate);
const queryKey = fc.oneof(fc.constantFrom('limit', 'before', 'client', 'kind', 'from', 'to', 'ref', 'date', 'format', 'state', 'code', 'error', 'token', 'validationToken', 'page', 'q'), fc.string({ maxLength: 10 }));

describe('input fuzzing: every route, random and malformed input', () => {
  let emulator: GoogleEmulator;
  let runtime: Runtime;
  let app: FastifyInstance;
  let auth: { authorization: string };
  let otherAuth: { authorization: string };
  const ids: string[] = [];

  beforeAll(async () => {
    emulator = await startGoogleEmulator({ clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret, userAddress: ME });
    runtime = await testRuntime({
      env: {
        PUBLIC_URL: 'http://boundary.test',
        ADMIN_EMAILS: 'ops@boundary.example',
        ...googleEnvFor(emulator, GOOGLE_CLIENT),
      },
    });
    app = await buildServer(runtime);
    await app.ready();
    ({ auth } = await userWithToken(runtime.database.db, ME));
    ({ auth: otherAuth } = await userWithToken(runtime.database.db, 'someone@else.example'));
    // Real ids, so path parameters sometimes name an existing resource (ours or someone else's).
    expect((await app.inject({ method: 'PUT', url: '/api/settings', headers: auth, payload: SETTINGS })).statusCode).toBe(200);
    for (const headers of [auth, otherAuth]) {
      const created = await app.inject({ method: 'POST', url: '/api/clients', headers, payload: CLIENT });
      expect(created.statusCode, created.body).toBe(201);
      ids.push((created.json() as { client: { id: string } }).client.id);
    }
    ids.push(await connectGoogle(app, auth));
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await emulator?.close();
  });

  /** What a rejected request must leave alone: every table's row count, and every queue. */
  let tables: string[] = [];
  async function stored(): Promise<{ rows: Record<string, string>; jobs: unknown }> {
    if (tables.length === 0) {
      const found = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(runtime.database.db);
      tables = found.rows.map((t) => t.name);
    }
    const counts = await sql<Record<string, string>>`select ${sql.join(tables.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`))}`.execute(runtime.database.db);
    const jobs = await Promise.all(QUEUES.map((q) => runtime.producer.queue(q).getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed', 'completed')));
    return { rows: counts.rows[0]!, jobs };
  }

  function requestFor(route: RouteRef) {
    const segment = fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.string({ maxLength: 40 }).map(encodeURIComponent), fc.constantFrom('..', '%00', '%zz', 'x'.repeat(3000), '2026-02-30', '-1'));
    const params = fc.array(segment, { minLength: 8, maxLength: 8 });
    const authorization = fc.oneof(
      { weight: 6, arbitrary: fc.constant(auth.authorization) },
      { weight: 1, arbitrary: fc.constant(otherAuth.authorization) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: headerValue.map((v) => `Bearer ${v}`) },
      { weight: 1, arbitrary: headerValue },
    );
    return fc.record({
      params,
      query: fc.oneof(fc.dictionary(queryKey, queryValue, { maxKeys: 4 }).map((d) => new URLSearchParams(d).toString()), fc.constantFrom('a[b]=1&a[b]=2', '%zz=%', '&&=&', 'limit=1&limit=2', 'format=json&format=html')),
      authorization,
      contentType,
      extra: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
      body: fc.option(body, { freq: 5 }),
    }).map((r): InjectOptions => {
      let i = 0;
      const url = route.url.replace(/:[A-Za-z]+|\*/g, () => r.params[i++ % r.params.length]!);
      const headers: Record<string, string> = { ...r.extra };
      if (r.authorization !== undefined) headers.authorization = r.authorization;
      const withBody = r.body !== null && route.method !== 'GET';
      if (withBody && r.contentType) headers['content-type'] = r.contentType;
      return { method: route.method as InjectOptions['method'], url: `${url}?${r.query}`, headers, ...(withBody ? { payload: r.body! } : {}) };
    });
  }

  it('answers every route without a 5xx, and stores nothing from rejected input', { timeout: 120_000 }, async () => {
    const routes = registeredRoutes(app);
    // Sanity: the enumeration found the API, the webhooks and the dashboard.
    for (const expected of ['PUT /api/settings', 'POST /api/clients', 'DELETE /api/accounts/:id', 'POST /webhooks/google/pubsub', 'GET /metrics']) {
      expect(routes.map((r) => `${r.method} ${r.url}`)).toContain(expected);
    }
    const tally = { total: 0, byClass: {} as Record<string, number> };
    for (const route of routes) {
      let before = await stored();
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (req) => {
          const res = await app.inject(req);
          tally.total += 1;
          const cls = `${Math.floor(res.statusCode / 100)}xx`;
          tally.byClass[cls] = (tally.byClass[cls] ?? 0) + 1;
          const what = `${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          const after = await stored();
          if (res.statusCode >= 400) expect(after, `stored something on ${what}`).toEqual(before);
          before = after;
        }),
        { numRuns: runsFor(route.url), seed: SEED, endOnFailure: true },
      );
    }
    console.log(`fuzz: ${routes.length} routes, ${tally.total} requests`, tally.byClass);
    expect(tally.byClass['4xx']).toBeGreaterThan(0);
  });

  it('answers percent-encoded, doubled and re-cased paths of every route without a 5xx or a stored row', { timeout: 60_000 }, async () => {
    const routes = registeredRoutes(app).filter((r) => !/^\/(docs|admin\/queues)(\/|$)/.test(r.url));
    const encodeOne = (path: string, at: number) => {
      const letters = [...path].map((ch, i) => [ch, i] as const).filter(([ch]) => /[a-z]/.test(ch));
      const [ch, i] = letters[at % Math.max(1, letters.length)] ?? ['', -1];
      return i < 0 ? path : `${path.slice(0, i)}%${ch.charCodeAt(0).toString(16)}${path.slice(i + 1)}`;
    };
    let sent = 0;
    let before = await stored();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.constantFrom('encode', 'double', 'upper', 'trailing'), fc.option(body, { freq: 2 }), async (at, how, payload) => {
          const path = route.url.replace(/:[A-Za-z]+|\*/g, () => ids[at % ids.length]!);
          const url = how === 'encode' ? encodeOne(path, at) : how === 'double' ? path.replace('/', '//') : how === 'upper' ? path.toUpperCase() : `${path}/`;
          const withBody = payload !== null && route.method !== 'GET';
          const res = await app.inject({ method: route.method as InjectOptions['method'], url, headers: { ...auth, ...(withBody ? { 'content-type': 'application/json' } : {}) }, ...(withBody ? { payload } : {}) });
          sent += 1;
          const what = `${route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          const after = await stored();
          if (res.statusCode >= 400) expect(after, `stored something on ${what}`).toEqual(before);
          before = after;
        }),
        { numRuns: 3, seed: SEED, endOnFailure: true },
      );
    }
    expect(sent).toBe(routes.length * 3);
  });

  it('refuses NUL characters (which PostgreSQL cannot store) with a 400 naming the field', async () => {
    const cases: Array<[InjectOptions, string]> = [
      [{ method: 'POST', url: '/api/clients', payload: { name: 'Ac\u0000me', domains: ['acme.example'] } }, 'body.name'],
      [{ method: 'PUT', url: '/api/settings', payload: { ...SETTINGS, addresses: ['x@y.example', 'a\u0000@b.example'] } }, 'body.addresses[1]'],
      [{ method: 'GET', url: '/api/activity?kind=a%00b' }, 'query.kind'],
      [{ method: 'GET', url: `/api/clients/${ids[0]}%00` }, 'params.id'],
    ];
    for (const [req, path] of cases) {
      // From an address of its own: the fuzzing above has spent this suite's per-address rate limit.
      const res = await app.inject({ ...req, headers: auth, remoteAddress: '192.0.2.77' });
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(400);
      expect((res.json() as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual([path]);
    }
  });
});

/** The OAuth dance as a browser does it: our redirect, the emulator's consent, our callback. */
async function connectGoogle(app: FastifyInstance, auth: { authorization: string }): Promise<string> {
  const start = await app.inject({ url: '/connect/google?format=json', headers: auth });
  const { authorizationUrl } = start.json() as { authorizationUrl: string };
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location') ?? '');
  const cookie = String(start.headers['set-cookie']).split(';')[0]!;
  const done = await app.inject({ url: `${callback.pathname}${callback.search}`, headers: { accept: 'application/json', ...auth, cookie } });
  const account = (done.json() as { account?: { id: string } }).account;
  if (!account) throw new Error(`connect failed: ${done.body}`);
  return account.id;
}
