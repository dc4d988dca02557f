import type { Config } from '../../config/load.js';
import { imapAccess, imapAccessOf, type ImapGrant, type MailServers } from '../providers/registry.js';
import type { AccountRow } from '../storage/accounts.js';
import { connectAccount } from './connect-account.js';
import type { PipelineContext } from './context.js';
import { providerForGrant } from './providers.js';

export interface ImapConnectInput {
  userId: string;
  address: string;
  /** Defaults to the address, which most hosts use as the login name. */
  username?: string;
  password: string;
  servers: MailServers;
}

/**
 * Connects a mailbox by address and (app) password: every server is tried first (login, IDLE,
 * Sent, SMTP, CalDAV), so nothing is saved that would fail later; the password is sealed like an
 * OAuth token. A failure is an ImapConnectError naming the step.
 */
export async function connectImapAccount(ctx: PipelineContext, config: Config, input: ImapConnectInput): Promise<AccountRow> {
  const address = input.address.trim().toLowerCase();
  const grant: ImapGrant = { provider: 'imap', username: input.username?.trim() || address, password: input.password, servers: input.servers };
  await imapAccess.checkServerAddresses(input.servers, config.imapAllowPrivateHosts);
  await imapAccess.verifyImapAccess(imapAccessOf(config, grant, address)!);
  const client = await providerForGrant(config, grant, address, ctx.now, async () => {});
  return connectAccount(ctx, {
    userId: input.userId,
    provider: 'imap',
    sealedTokens: ctx.cipher.seal(JSON.stringify(grant)),
    client,
    // The watcher role holds IDLE; the scheduled poll is the fallback when no watcher runs.
    pushEnabled: true,
    pollIntervalSeconds: config.pollIntervalSeconds,
  });
}
