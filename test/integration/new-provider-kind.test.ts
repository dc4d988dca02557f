import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderKind, MessageMeta } from '../../src/domain/message.js';
import { connectAccount } from '../../src/pipeline/connect-account.js';
import { disconnectAccount } from '../../src/pipeline/disconnect.js';
import { createProviderFactory, providerForGrant, revokeGrant } from '../../src/pipeline/providers.js';
import { renewWatch } from '../../src/pipeline/renew-watch.js';
import { syncCalendar } from '../../src/pipeline/sync-calendar.js';
import { syncMailbox } from '../../src/pipeline/sync-mailbox.js';
import { createRegistry, PROVIDER_KITS, providers, UnknownProviderError, type ProviderKit, type ProviderRegistry } from '../../src/providers/registry.js';
import type { WatchInfo } from '../../src/providers/types.js';
import type { Runtime } from '../../src/runtime.js';
import { getAccount } from '../../src/storage/accounts.js';
import { createUser } from '../../src/storage/users.js';
import { testRuntime } from '../../dev/support/runtime.js';

/**
 * Issue 16's acceptance test: a provider kind is added by its own folder (here, the `stubKit`
 * below, as src/providers/stub/kit.ts would hold it) plus one line in the registry's list. The
 * pipeline then connects, reads, renews and disconnects it without knowing its name, and a kind
 * without a calendar is connected all the same: calendar support is a capability.
 */

interface StubGrant {
  provider: ProviderKind;
  password: string;
}

/** An in-memory mailbox: what the provider sees. */
const inbox: MessageMeta[] = [];
const revoked: string[] = [];
const renewed: string[] = [];

const STUB = 'stub' as ProviderKind;

// --- what src/providers/stub/kit.ts would declare ---
const stubKit: ProviderKit<StubGrant> = {
  kind: STUB,
  pushEnabled: () => true,
  client: ({ grant, address, now }) => {
    const watch = (): WatchInfo => ({ id: `stub-${address}`, expiresAt: new Date(now().getTime() + 86_400_000).toISOString() });
    if (grant.password !== 'right') throw new Error('the stub refuses this grant');
    return {
      kind: STUB,
      profile: async () => ({ address, aliases: [] }),
      baseline: async () => String(inbox.length),
      startWatch: async () => watch(),
      renewWatch: async (w) => {
        renewed.push(w.id);
        return watch();
      },
      stopWatch: async () => {},
      mailChangesSince: async (cursor) => ({ messages: inbox.slice(Number(cursor)), cursor: String(inbox.length) }),
      resyncSince: async () => ({ messages: [], cursor: String(inbox.length) }),
      send: async () => ({ providerMessageId: null }),
      findSent: async () => null,
      sentSince: async () => ({ messages: [] }),
      // no `calendar`: this kind has none
    };
  },
  revoke: async (_config, grant) => {
    revoked.push(grant.password);
  },
};
// --- and the one line in src/providers/registry.ts ---
const registry: ProviderRegistry = createRegistry([...PROVIDER_KITS, stubKit as ProviderKit<never>]);

describe('a new provider kind', () => {
  let runtime: Runtime;
  let userId: string;
  const clock = new Date('2026-11-24T20:00:00Z');

  beforeAll(async () => {
    let factory: ReturnType<typeof createProviderFactory> | undefined;
    runtime = await testRuntime({ now: () => clock, providers: (account) => factory!(account) });
    factory = createProviderFactory({ config: runtime.config, cipher: runtime.cipher, db: runtime.database.db, now: () => clock, registry });
    userId = (await createUser(runtime.database.db, { email: 'drita@studio.al' })).id;
  });

  afterAll(async () => {
    await runtime?.close();
  });

  it('is one more entry in the registry, next to the built-in kinds', () => {
    expect(registry.kinds()).toEqual([...providers.kinds(), STUB]);
    expect(providers.kinds()).toEqual(['google', 'microsoft', 'imap']);
    // It signs in with a password of its own, so it is not offered as an OAuth provider.
    expect(registry.oauthKinds()).toEqual(['google', 'microsoft']);
    expect(() => registry.oauth(STUB)).toThrow(UnknownProviderError);
  });

  it('is connected, read, renewed and disconnected by the pipeline without a calendar', async () => {
    const ctx = runtime.pipeline;
    const grant = { provider: STUB, password: 'right' };
    const client = await providerForGrant(runtime.config, grant as never, 'drita@studio.al', () => clock, async () => {}, undefined, registry);
    expect(client.calendar).toBeUndefined();
    const account = await connectAccount(ctx, { userId, provider: STUB, sealedTokens: runtime.cipher.seal(JSON.stringify(grant)), client, pushEnabled: true, pollIntervalSeconds: 300 });
    expect(account.provider).toBe(STUB);
    expect(account.watch?.id).toBe('stub-drita@studio.al');
    expect(account.calendar_watch).toBeNull();

    inbox.push(clientMail('<q1@acme.com>'));
    const outcome = await syncMailbox(ctx, account.id);
    expect(outcome.messages).toBe(1);
    expect(outcome.decided).toBe(1);

    expect(await syncCalendar(ctx, account.id)).toEqual({ invitations: 0, answers: 0 });
    await renewWatch(ctx, account.id);
    expect(renewed).toEqual(['stub-drita@studio.al']);

    const row = (await getAccount(ctx.db, account.id))!;
    await disconnectAccount(ctx, row, (a) => revokeGrant(runtime.config, runtime.cipher, a, registry));
    expect(revoked).toEqual(['right']);
    expect(await getAccount(ctx.db, account.id)).toBeUndefined();
  });

  it('is unknown to a registry without its line: its grants are refused, never read as another kind', async () => {
    await expect(providerForGrant(runtime.config, { provider: STUB, password: 'right' } as never, 'drita@studio.al', () => clock, async () => {})).rejects.toThrow(/No provider of kind 'stub'/);
  });
});

function clientMail(messageId: string): MessageMeta {
  return {
    provider: STUB,
    providerMessageId: messageId,
    threadId: messageId,
    messageId,
    from: { address: 'arben@acme.com', name: 'Arben' },
    replyTo: [],
    to: [{ address: 'drita@studio.al' }],
    cc: [],
    bcc: [],
    dateHeader: 'Tue, 24 Nov 2026 20:58:00 +0100',
    receivedAt: '2026-11-24T19:58:00Z',
    subject: 'Quick question about the logo',
    headers: {},
    labels: ['inbox'],
  };
}
