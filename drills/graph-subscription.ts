import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { upsertServiceSchedules } from '../src/pipeline/schedules.js';
import { buildServer } from '../src/server.js';
import { startWorkers } from '../workers/main.js';
import { buildProcessors } from '../workers/processors/index.js';
import { startGraphEmulator } from '../dev/emulators/microsoft/index.js';
import { freePort } from '../dev/support/google-service.js';
import { connectMicrosoft, type MicrosoftService } from '../dev/support/microsoft-service.js';
import { startOwnRedis } from '../dev/support/processes.js';
import { testRuntime } from '../dev/support/runtime.js';
import { userWithToken } from '../dev/support/users.js';
import type { DrillResult } from './report.js';
import { NEVER_WORKING, sleep, waitFor } from './service.js';

const ME = 'freelancer@contoso.example';
const isMail = (resource: string) => /mailfolders/i.test(resource);

/**
 * Graph removes the mail subscription (lifecycle `subscriptionRemoved`) and mail arrives in the
 * gap. Must hold: the subscription is recreated and stored on the account, a resync answers the
 * mail that arrived in the gap, and new mail is answered through the new subscription, once each.
 */
export async function subscriptionRemovedDrill(): Promise<DrillResult> {
  const stack: Array<() => Promise<void> | void> = [];
  try {
    const redis = await startOwnRedis();
    stack.push(() => redis.stop());
    const emulator = await startGraphEmulator();
    stack.push(() => emulator.close());
    const original = getGlobalDispatcher();
    setGlobalDispatcher(new Agent({ connect: { ca: emulator.ca } })); // trust the emulator's self-signed CA
    stack.push(() => setGlobalDispatcher(original));
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const runtime = await testRuntime({
      env: {
        REDIS_URL: redis.url, PUBLIC_URL: baseUrl, LOG_LEVEL: 'silent', POLL_INTERVAL_SECONDS: '3600', JOB_LOCK_SECONDS: '3',
        MICROSOFT_CLIENT_ID: emulator.control.oauth.clientId, MICROSOFT_CLIENT_SECRET: emulator.control.oauth.clientSecret,
        MICROSOFT_AUTHORITY: emulator.control.oauth.authority, MICROSOFT_GRAPH_URL: emulator.baseUrl,
      },
    });
    stack.push(() => runtime.close());
    const app = await buildServer(runtime);
    await app.listen({ host: '127.0.0.1', port });
    stack.push(() => app.close());
    const workers = startWorkers(runtime, buildProcessors(runtime.pipeline));
    stack.push(() => workers.close(2_000));
    await upsertServiceSchedules(runtime.pipeline, runtime.config.pollIntervalSeconds);

    const { auth } = await userWithToken(runtime.database.db, ME);
    const json = { ...auth, 'content-type': 'application/json' };
    await fetch(`${baseUrl}/api/settings`, { method: 'PUT', headers: json, body: JSON.stringify({ timeZone: 'Europe/London', week: NEVER_WORKING, holidays: { enabled: false }, gracePeriodMinutes: 0 }) });
    const accountId = await connectMicrosoft({ baseUrl, auth } as unknown as MicrosoftService);
    await fetch(`${baseUrl}/api/accounts/${accountId}/sending`, { method: 'PUT', headers: json, body: JSON.stringify({ sending: true }) });

    const c = emulator.control;
    const repliesTo = async (subject: string) => (await c.sent()).filter((s) => new RegExp(`^Subject: Re: ${subject}$`, 'm').test(s.raw)).length;
    await c.injectMessage({ from: 'Priya <priya@fabrikam.example>', to: [ME], subject: 'before removal' });
    await waitFor(async () => (await repliesTo('before removal')) > 0, 20_000);

    const removed = c.subscriptions().find((x) => isMail(x.resource))!;
    c.notifying(false);
    await c.injectMessage({ from: 'Noah <noah@fabrikam.example>', to: [ME], subject: 'in the gap' });
    const lifecycleStatus = await c.lifecycle(removed.id, 'subscriptionRemoved');
    c.notifying(true);
    const recreated = await waitFor(async () => c.subscriptions().find((x) => isMail(x.resource) && x.id !== removed.id), 20_000);
    const gapAnswered = await waitFor(async () => (await repliesTo('in the gap')) > 0, 20_000);
    await c.injectMessage({ from: 'Ines <ines@fabrikam.example>', to: [ME], subject: 'after recreation' });
    const newAnswered = await waitFor(async () => (await repliesTo('after recreation')) > 0, 20_000);
    await sleep(1_000);
    const account = await runtime.database.db.selectFrom('accounts').select('watch').where('id', '=', accountId).executeTakeFirstOrThrow();
    const stored = JSON.stringify(account.watch ?? {}).includes(recreated?.id ?? '<none>');
    const counts = await Promise.all(['before removal', 'in the gap', 'after recreation'].map(repliesTo));
    const held = Boolean(recreated) && stored && Boolean(gapAnswered) && Boolean(newAnswered) && counts.every((n) => n === 1);
    return {
      drill: 'Provider faults: subscription removed (Graph)',
      mustHold: 'after lifecycle subscriptionRemoved the mail subscription is recreated and stored; a resync answers mail from the gap; new mail is answered via the new subscription; one reply each',
      observed: `lifecycle answered ${lifecycleStatus}; subscription ${recreated ? 'recreated' : 'NOT recreated'}${stored ? ' and stored' : ', not stored'}; gap mail ${gapAnswered ? 'answered' : 'NOT answered'}; new mail ${newAnswered ? 'answered' : 'NOT answered'}; replies per message ${counts.join('/')}`,
      held,
      figures: { recreated: recreated ? 1 : 0, gapReplies: counts[1]!, newReplies: counts[2]! },
    };
  } finally {
    for (const s of stack.reverse()) await s();
  }
}
