import type { ProviderKit } from '../kit.js';
import { discoverServers } from './discover.js';
import { ImapConnectError } from './errors.js';
import type { IdleEvents, IdleHold } from './idle.js';
import type { ImapAccess, ImapGrant } from './settings.js';
import { checkServerAddresses } from './targets.js';

export type { ImapAccess, ImapGrant, MailServers } from './settings.js';
export type { IdleHold } from './idle.js';

// imapflow, nodemailer and tsdav load when an IMAP mailbox is first opened, verified or watched,
// not when the server starts: a server with only Gmail or Outlook mailboxes never loads them.

/** IMAP signs in with a password (no OAuth), has no push to verify, and its watch is IDLE held by the watcher role. */
export const imapKit = {
  kind: 'imap',
  // The watcher role holds IDLE; the scheduled poll is the fallback when no watcher runs.
  pushEnabled: () => true,
  drafting: { allowed: () => true },
  async client({ config, grant, address, now }) {
    const { createImapProvider } = await import('./provider.js');
    const provider = createImapProvider({ ...accessOf(grant, address, config.imapExtraCa), now });
    // Invitations also come by mail (iMIP), so every mailbox has the calendar capability; without
    // CalDAV they are judged by their time alone, with no busy times to avoid.
    return Object.assign(provider, { calendar: provider });
  },
  // A password has nothing to revoke: it is deleted with the account.
  revoke: async () => {},
} satisfies ProviderKit<ImapGrant>;

/** How to reach an account's servers from its grant. `ca` trusts a private CA when configured. */
export function accessOf(grant: ImapGrant, address: string, ca: string | null | undefined): ImapAccess {
  return { address, username: grant.username, password: grant.password, servers: grant.servers, ...(ca ? { ca } : {}) };
}

/** The password connect and the IDLE watcher, for the pipeline and workers. */
export const imapAccess = {
  discoverServers,
  checkServerAddresses,
  ImapConnectError,
  verifyImapAccess: async (access: ImapAccess) => (await import('./verify.js')).verifyImapAccess(access),
  holdIdle: async (access: ImapAccess, events: IdleEvents): Promise<IdleHold> => (await import('./idle.js')).holdIdle(access, events),
};
