import { domainOf } from '../domain/clients.js';
import { parseSettings, SettingsError } from '../domain/settings-validate.js';
import type { Client } from '../domain/settings.js';
import { ProviderError } from '../providers/types.js';
import { listUserAccounts } from '../storage/accounts.js';
import { sentByUser } from '../storage/digests.js';
import { recordMessage } from '../storage/ledger.js';
import { effectiveSettings, listClients } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';

/** Validates one client with the same rules as the settings document, reporting paths relative to the client. */
export function parseClient(input: unknown): Client {
  try {
    const parsed = parseSettings({ timeZone: 'UTC', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: { enabled: false }, clients: [input] });
    return parsed.clients[0]!;
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    throw new SettingsError(err.issues.map((i) => ({ path: i.path.replace(/^clients\[0\]\.?/, '') || '(client)', message: i.message })));
  }
}

export interface ClientSuggestion {
  name: string;
  addresses: string[];
  domains: string[];
  messagesSent: number;
  lastWrittenAt: string;
}

const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com', 'proton.me', 'protonmail.com', 'aol.com', 'gmx.com', 'mail.ru', 'yandex.ru']);

/**
 * Proposes clients from the people the user actually writes to: sent-mail metadata only (who,
 * when), never bodies. Company domains are grouped; free-mail senders are proposed by address.
 */
export async function suggestClients(ctx: PipelineContext, userId: string, days = 90): Promise<ClientSuggestion[]> {
  const since = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
  for (const account of await listUserAccounts(ctx.db, userId)) {
    if (account.status === 'needs-reconnect') continue;
    const provider = await ctx.providers(account);
    const sent = await provider.sentSince(since, 200);
    for (const m of sent.messages) await recordMessage(ctx.db, account.id, m, 'out', null, 'x-boundary-in-reply-to' in m.headers);
    // Suggestions from half the sent mail would mislead; what was read is kept for the next try.
    if (sent.incomplete) throw new ProviderError(sent.incomplete.kind, `some sent mail could not be read yet: ${sent.incomplete.reason}`, sent.incomplete.retryAfterMs);
  }
  const [settings, clients] = await Promise.all([effectiveSettings(ctx.db, userId), listClients(ctx.db, userId)]);
  const own = new Set(settings.addresses);
  const ownDomains = new Set([...settings.ownDomains.map((d) => d.toLowerCase()), ...settings.addresses.map(domainOf)]);
  const known = new Set(clients.flatMap((c) => [...c.addresses.map((a) => a.toLowerCase()), ...c.domains.map((d) => d.toLowerCase())]));
  const rows = await sentByUser(ctx.db, userId, new Date(since), ctx.now());
  const groups = new Map<string, ClientSuggestion>();
  for (const row of rows) {
    for (const address of row.recipients) {
      const domain = domainOf(address);
      if (own.has(address) || ownDomains.has(domain) || known.has(address) || known.has(domain)) continue;
      const key = FREE_MAIL.has(domain) ? address : domain;
      const g = groups.get(key) ?? { name: nameOf(key), addresses: [], domains: FREE_MAIL.has(domain) ? [] : [domain], messagesSent: 0, lastWrittenAt: row.received_at.toISOString() };
      if (!g.addresses.includes(address)) g.addresses.push(address);
      g.messagesSent += 1;
      if (row.received_at.toISOString() > g.lastWrittenAt) g.lastWrittenAt = row.received_at.toISOString();
      groups.set(key, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.messagesSent - a.messagesSent).slice(0, 25);
}

function nameOf(key: string): string {
  const base = key.includes('@') ? key.split('@')[0]! : key.split('.').slice(0, -1).join('.') || key;
  return base.replace(/[._-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}
