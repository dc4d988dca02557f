import { Redis } from 'ioredis';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { accountPauseGate } from '../../src/jobs/account-gate.js';
import { acquireSlot } from '../../src/jobs/request-slots.js';
import { createOutlookProvider } from '../../src/providers/outlook/provider.js';
import { startGraphEmulator, type GraphEmulator } from '../../dev/emulators/microsoft/index.js';

/** Graph's four concurrent requests per mailbox, shared by every job of the mailbox through Redis. */
describe('mailbox request slots', () => {
  let redis: Redis;
  let emulator: GraphEmulator;
  let original: Dispatcher;
  const prefix = `{t${randomBytes(5).toString('hex')}}`;

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    emulator = await startGraphEmulator();
    original = getGlobalDispatcher();
    setGlobalDispatcher(new Agent({ connect: { ca: emulator.ca } }));
  });
  afterAll(async () => {
    setGlobalDispatcher(original);
    await emulator?.close();
    redis?.disconnect();
  });

  it('lets four holders in and the fifth only once one leaves', async () => {
    const key = `${prefix}:slots:direct`;
    const held = await Promise.all(Array.from({ length: 4 }, () => acquireSlot(redis, key, 4)));
    let fifthIn = false;
    const fifth = acquireSlot(redis, key, 4).then((release) => {
      fifthIn = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(fifthIn).toBe(false);
    await held[0]!();
    const release = await fifth;
    expect(fifthIn).toBe(true);
    expect(await redis.zcard(key)).toBe(4);
    await Promise.all([release(), ...held.slice(1).map((r) => r())]);
    expect(await redis.zcard(key)).toBe(0);
  });

  it('keeps six jobs of one mailbox to four requests at a time, and all six succeed', async () => {
    const token = emulator.control.accessToken();
    const job = () => createOutlookProvider({
      baseUrl: emulator.baseUrl, getAccessToken: async () => token, notificationUrl: 'https://x.example/n', lifecycleUrl: 'https://x.example/l',
      clientState: 'slots-client-state-0123456789', now: () => new Date(), gate: accountPauseGate(redis, prefix, 'mailbox-1'),
    });
    emulator.control.slow(200);
    try {
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => job().profile()));
      expect(results.map((r) => r.status)).toEqual(new Array(6).fill('fulfilled'));
    } finally {
      emulator.control.slow(0);
    }
    expect(emulator.control.peakConcurrency()).toBe(4);
  });
});
