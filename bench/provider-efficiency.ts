import { google } from 'googleapis';
import { Agent, setGlobalDispatcher } from 'undici';
import { createGoogleOAuthClient } from '../src/providers/gmail/oauth.js';
import { createGmailProvider } from '../src/providers/gmail/provider.js';
import { createOutlookProvider } from '../src/providers/outlook/provider.js';
import type { MailProvider } from '../src/providers/types.js';
import { startGoogleEmulator } from '../dev/emulators/google/server.js';
import { startGraphEmulator } from '../dev/emulators/microsoft/index.js';
import { machine, type BenchResult } from './machine.js';

/**
 * Provider cost per new message, counted by the emulators (Gmail quota units per the published
 * per-method table; Graph requests), for Boundary's way (push → one history/delta sync per
 * notification, metadata only) and the common naive way (poll the inbox list every minute, then a
 * full get per new message), over the same arrival schedule in the same run.
 */

const STEADY_MESSAGES = 60;
const STEADY_GAP_MINUTES = 6; // one message every 6 minutes: a busy inbox
const BURST = 100;
const ME = 'bench@boundary.example';
const CLIENT = { clientId: 'bench.apps.googleusercontent.com', clientSecret: 'bench-secret', redirectUri: 'http://127.0.0.1/oauth/google' };

type Inject = (i: number) => Promise<unknown>;

/** Boundary: after each notification, one sync from the stored cursor. */
async function pushSync(provider: MailProvider, inject: Inject, cost: () => Promise<number>) {
  let cursor = await provider.baseline();
  const run = async (count: number, perSync: number) => {
    const start = await cost();
    let seen = 0;
    for (let i = 0; i < count; i += perSync) {
      for (let j = 0; j < perSync; j++) await inject(i + j);
      const changes = await provider.mailChangesSince(cursor);
      cursor = changes.cursor;
      seen += changes.messages.length;
    }
    if (seen !== count) throw new Error(`sync saw ${seen} of ${count} messages`);
    return ((await cost()) - start) / count;
  };
  return { steady: await run(STEADY_MESSAGES, 1), burst: await run(BURST, BURST) };
}

/** The naive way, on the same schedule: one list per minute, one full get per id not seen before. */
async function naivePoll(list: () => Promise<string[]>, get: (id: string) => Promise<unknown>, inject: Inject, cost: () => Promise<number>) {
  const seen = new Set(await list());
  const poll = async () => {
    let fresh = 0;
    for (const id of await list()) {
      if (seen.has(id)) continue;
      seen.add(id);
      await get(id);
      fresh += 1;
    }
    return fresh;
  };
  let start = await cost();
  let got = 0;
  for (let i = 0; i < STEADY_MESSAGES; i++) {
    await inject(i);
    for (let minute = 0; minute < STEADY_GAP_MINUTES; minute++) got += await poll();
  }
  if (got !== STEADY_MESSAGES) throw new Error(`naive polling saw ${got} of ${STEADY_MESSAGES}`);
  const steady = ((await cost()) - start) / STEADY_MESSAGES;
  start = await cost();
  for (let i = 0; i < BURST; i++) await inject(i);
  if ((await poll()) !== BURST) throw new Error('naive polling missed part of the burst');
  return { steady, burst: ((await cost()) - start) / BURST };
}

async function gmail() {
  const emulator = await startGoogleEmulator({ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, userAddress: ME });
  try {
    const { control } = emulator;
    const auth = createGoogleOAuthClient({ ...CLIENT, endpoints: control.endpoints(), tokens: { refresh_token: control.issueRefreshToken() } });
    const provider = createGmailProvider({ rootUrl: `${emulator.url}/`, auth, pubsubTopic: 'projects/bench/topics/gmail', now: () => new Date() });
    const inject: Inject = (i) => control.injectMessage({ from: `Client ${i} <c${i}@client.example>`, to: [ME], subject: `Message ${i}` });
    const units = control.quotaUnits;
    const boundary = await pushSync(provider, inject, units);
    const api = google.gmail({ version: 'v1', rootUrl: `${emulator.url}/`, auth, retry: false });
    const naive = await naivePoll(
      async () => ((await api.users.messages.list({ userId: 'me', labelIds: ['INBOX'], maxResults: 100 })).data.messages ?? []).map((m) => m.id!),
      (id) => api.users.messages.get({ userId: 'me', id, format: 'full' }),
      inject,
      units,
    );
    return { boundary, naive };
  } finally {
    await emulator.close();
  }
}

async function graph() {
  const emulator = await startGraphEmulator({ notify: false });
  try {
    setGlobalDispatcher(new Agent({ connect: { ca: emulator.ca } })); // trust the emulator's self-signed CA
    const { control } = emulator;
    const token = control.accessToken();
    const provider = createOutlookProvider({
      baseUrl: emulator.baseUrl, getAccessToken: async () => token, notificationUrl: 'http://127.0.0.1:9/webhooks/microsoft', lifecycleUrl: 'http://127.0.0.1:9/webhooks/microsoft/lifecycle', clientState: 'bench-client-state-0123456789', now: () => new Date(),
    });
    const inject: Inject = (i) => control.injectMessage({ from: `Client ${i} <c${i}@client.example>`, to: [ME], subject: `Message ${i}` });
    const requests = () => control.requestCount();
    const boundary = await pushSync(provider, inject, requests);
    // The naive Graph client is the same two calls, one request each: the emulator serves no plain
    // inbox listing, so they are counted from the same schedule rather than sent.
    const polls = STEADY_MESSAGES * STEADY_GAP_MINUTES;
    const naive = { steady: (polls + STEADY_MESSAGES) / STEADY_MESSAGES, burst: (1 + BURST) / BURST };
    return { boundary, naive };
  } finally {
    await emulator.close();
  }
}

export async function providerEfficiency(): Promise<BenchResult[]> {
  const g = await gmail();
  const o = await graph();
  const how = `Emulators in dev/emulators, real adapters (createGmailProvider, createOutlookProvider). Steady: ${STEADY_MESSAGES} messages, one every ${STEADY_GAP_MINUTES} simulated minutes, one sync per push notification. Burst: ${BURST} messages, then one sync (notifications collapse into one pending job). Naive: list the inbox (100 newest) every minute, then a full get per new id.`;
  const round = (n: number) => Math.round(n * 100) / 100;
  const gmailHow = `${how} Units from the Google emulator's per-method table (history.list 2, messages.get/list 5).`;
  const graphHow = `${how} Boundary's requests are counted by the Graph emulator; the naive client's are counted from the same schedule (1 per poll + 1 per message), as the emulator serves no plain inbox listing.`;
  return [
    { name: 'Gmail quota units per new message (steady)', value: round(g.boundary.steady), unit: 'units', goal: '≤ 7', naive: round(g.naive.steady), method: gmailHow, machine: machine() },
    { name: 'Gmail quota units per new message (burst)', value: round(g.boundary.burst), unit: 'units', goal: '≤ 7', naive: round(g.naive.burst), method: gmailHow, machine: machine() },
    { name: 'Graph requests per new message (steady)', value: round(o.boundary.steady), unit: 'requests', goal: '≤ 1.2', naive: round(o.naive.steady), method: graphHow, machine: machine() },
    { name: 'Graph requests per new message (burst)', value: round(o.boundary.burst), unit: 'requests', goal: '≤ 1.2', naive: round(o.naive.burst), method: graphHow, machine: machine() },
  ];
}
