import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageMeta } from '../../src/domain/message.js';
import { recordSuggestions } from '../../src/pipeline/follow-up-expectations.js';
import { scanFollowUps } from '../../src/pipeline/follow-up-scan.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { effectiveSettings, putSettings } from '../../src/storage/settings-store.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const SETTINGS = {
  timeZone: 'America/New_York',
  name: 'Ana',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: { enabled: false },
  silence: { thresholdDays: 2, quietClientDays: 5 },
};

function meta(over: Partial<MessageMeta>): MessageMeta {
  return {
    provider: 'google', providerMessageId: 'm1', threadId: 't1', messageId: '<m1@acme.com>', from: { address: 'boss@acme.com' }, replyTo: [], to: [{ address: 'ana@studio.example' }], cc: [], bcc: [],
    dateHeader: null, receivedAt: '2025-07-07T14:00:00Z', subject: 'Logo', headers: {}, labels: ['inbox'], ...over,
  };
}

describe('expectations and suggestions over the API', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let clock = new Date('2025-07-07T14:00:00Z'); // Monday 10:00 in New York
  let ana: Awaited<ReturnType<typeof userWithToken>>;
  let ben: Awaited<ReturnType<typeof userWithToken>>;
  let clientId: string;

  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock });
    app = await buildServer(runtime);
    const db = runtime.database.db;
    ana = await userWithToken(db, 'ana@studio.example');
    ben = await userWithToken(db, 'ben@example.com');
    await putSettings(db, ana.user.id, SETTINGS, clock);
    await db.insertInto('accounts').values({ id: 'acc-ana', user_id: ana.user.id, provider: 'google', address: 'ana@studio.example', tokens: 'x' }).execute();
    const created = await app.inject({ method: 'POST', url: '/api/clients', headers: ana.auth, payload: { name: 'Acme', domains: ['acme.com'] } });
    clientId = created.json().client.id;
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  const url = (id = clientId) => `/api/clients/${id}/expectations`;

  it('records an expectation that goes due → overdue → met, with its history', async () => {
    const res = await app.inject({ method: 'POST', url: url(), headers: ana.auth, payload: { kind: 'deliverable', title: 'Feedback on logo v2', dueAt: '2025-07-09' } });
    expect(res.statusCode).toBe(201);
    const e = res.json().expectation;
    expect(e).toMatchObject({ status: 'open', dueAt: '2025-07-10T03:59:59.999Z', party: 'client' });

    clock = new Date('2025-07-09T13:00:00Z'); // Wednesday 09:00: the due day
    expect((await scanFollowUps(runtime.pipeline, ana.user.id, clock)).expectationsChanged).toBe(1);
    clock = new Date('2025-07-10T13:00:00Z'); // Thursday: late
    await scanFollowUps(runtime.pipeline, ana.user.id, clock);
    const late = (await app.inject({ url: `${url()}/${e.id}`, headers: ana.auth })).json().expectation;
    expect(late.status).toBe('overdue');

    const met = await app.inject({ method: 'PATCH', url: `${url()}/${e.id}`, headers: ana.auth, payload: { status: 'met', reason: 'feedback arrived by phone' } });
    expect(met.statusCode).toBe(200);
    expect(met.json().expectation.history.map((h: { to: string }) => h.to)).toEqual(['open', 'due', 'overdue', 'met']);
    expect(met.json().expectation.history[3].reason).toBe('feedback arrived by phone');
    await scanFollowUps(runtime.pipeline, ana.user.id, clock);
    expect((await app.inject({ url: `${url()}/${e.id}`, headers: ana.auth })).json().expectation.status).toBe('met');
    const kinds = (await app.inject({ url: '/api/activity?kind=expectation.overdue', headers: ana.auth })).json().entries;
    expect(kinds).toHaveLength(1);
  });

  it('answers 404 for another user’s client or expectation', async () => {
    const e = (await app.inject({ method: 'POST', url: url(), headers: ana.auth, payload: { kind: 'payment', title: 'Invoice 7', dueAt: '2025-07-31' } })).json().expectation;
    expect((await app.inject({ url: url(), headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: url(), headers: ben.auth, payload: { kind: 'payment', title: 'x', dueAt: '2025-07-31' } })).statusCode).toBe(404);
    expect((await app.inject({ url: `${url()}/${e.id}`, headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: `${url()}/${e.id}`, headers: ben.auth, payload: { status: 'met' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `${url()}/${e.id}`, headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ url: `${url()}/no-such-id`, headers: ana.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `${url()}/${e.id}`, headers: ana.auth })).statusCode).toBe(204);
  });

  it('answers 400 naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ kind: 'payment', title: 'Invoice' }, 'dueAt'],
      [{ kind: 'payment', title: 'Invoice', dueAt: 'next tuesday' }, 'dueAt'],
      [{ kind: 'telepathy', title: 'x' }, 'kind'],
      [{ kind: 'response-time', title: 'Answers within a day' }, 'params.workingDays'],
      [{ kind: 'revision-limit', title: 'Two rounds', params: { limit: -1 } }, 'params.limit'],
      [{ kind: 'free-text', title: 'x', dueAt: '2025-08-01', colour: 'red' }, 'colour'],
    ];
    for (const [payload, path] of cases) {
      const res = await app.inject({ method: 'POST', url: url(), headers: ana.auth, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const rt = (await app.inject({ method: 'POST', url: url(), headers: ana.auth, payload: { kind: 'response-time', title: 'Answers within a day', params: { workingDays: 1 } } })).json().expectation;
    const res = await app.inject({ method: 'PATCH', url: `${url()}/${rt.id}`, headers: ana.auth, payload: { status: 'met' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('status');
  });

  it('proposes commitments from a snippet, and only the user turns them into expectations', async () => {
    const db = runtime.database.db;
    const account = { id: 'acc-ana', user_id: ana.user.id };
    const m = meta({ providerMessageId: 'm-sugg', snippet: "Thanks! I'll send the feedback by Friday. Payment next week." });
    expect(await recordSuggestions(db, account, m, 'in', clock, await effectiveSettings(db, account.user_id))).toBe(2);
    expect(await recordSuggestions(db, account, m, 'in', clock, await effectiveSettings(db, account.user_id))).toBe(0); // re-reading the same mail adds nothing
    const before = (await app.inject({ url: url(), headers: ana.auth })).json().expectations.length;
    const list = (await app.inject({ url: '/api/expectations/suggestions', headers: ana.auth })).json().suggestions;
    expect(list.map((s: { kind: string }) => s.kind)).toEqual(['deliverable', 'payment']);
    expect(list[0].clientId).toBe(clientId);
    expect((await app.inject({ url: '/api/expectations/suggestions', headers: ben.auth })).json().suggestions).toEqual([]);
    expect((await app.inject({ url: url(), headers: ana.auth })).json().expectations.length).toBe(before); // never silently a fact

    expect((await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${list[0].id}/accept`, headers: ben.auth, payload: {} })).statusCode).toBe(404);
    const accepted = await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${list[0].id}/accept`, headers: ana.auth, payload: {} });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().expectation).toMatchObject({ kind: 'deliverable', title: "Thanks! I'll send the feedback by Friday.".slice(8), clientId });
    expect((await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${list[0].id}/accept`, headers: ana.auth, payload: {} })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${list[1].id}/dismiss`, headers: ana.auth })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/expectations/suggestions', headers: ana.auth })).json().suggestions).toEqual([]);
    expect(await recordSuggestions(db, account, m, 'in', clock, await effectiveSettings(db, account.user_id))).toBe(0); // a dismissed one does not come back
  });
});
