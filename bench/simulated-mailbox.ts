import type { MessageMeta } from '../src/domain/message.js';
import type { ConnectedProvider } from '../src/pipeline/context.js';

/**
 * An in-memory mailbox per account for the scale bench: what 10,000 Gmail emulators would be,
 * without 10,000 HTTP servers. The cursor is the number of inbox messages already seen, so a sync
 * costs what the pipeline costs, not what a network costs.
 */
export class SimulatedMailboxes {
  readonly inboxes = new Map<string, MessageMeta[]>();
  sent = 0;
  private seq = 0;

  deliver(address: string, m: Omit<MessageMeta, 'provider' | 'providerMessageId' | 'threadId' | 'messageId'>): void {
    const id = `sim${++this.seq}`;
    const inbox = this.inboxes.get(address) ?? [];
    inbox.push({ ...m, provider: 'google', providerMessageId: id, threadId: id, messageId: `<${id}@sim.example>` });
    this.inboxes.set(address, inbox);
  }

  provider(address: string): ConnectedProvider {
    const inbox = () => this.inboxes.get(address) ?? [];
    const none = async () => {};
    const watch = async () => ({ id: `sim-${address}`, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    return {
      kind: 'google',
      profile: async () => ({ address, aliases: [] }),
      baseline: async () => String(inbox().length),
      startWatch: watch,
      renewWatch: watch,
      stopWatch: none,
      mailChangesSince: async (cursor) => ({ messages: inbox().slice(Number(cursor)), cursor: String(inbox().length) }),
      resyncSince: async (since) => ({ messages: inbox().filter((m) => m.receivedAt >= since), cursor: String(inbox().length) }),
      send: async () => {
        this.sent += 1;
        return { providerMessageId: `sent${this.sent}` };
      },
      findSent: async () => null,
      sentSince: async () => ({ messages: [] }),
      // No calendar: the capability is optional, and the benchmarks measure mail.
    };
  }
}
