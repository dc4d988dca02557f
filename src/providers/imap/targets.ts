import dns from 'node:dns/promises';
import { isIP } from 'node:net';
import { refusedAddress } from '../address-policy.js';
import type { MailServers } from './settings.js';
import { ImapConnectError } from './errors.js';

export { refusedAddress };

/**
 * Which addresses a user may point Boundary at. Connecting makes this service open connections to
 * hosts a user typed in, so internal ones are refused: link-local and cloud metadata (169.254/16,
 * fe80::/10) always, private and loopback networks unless the operator allows them for a
 * self-hosted server (IMAP_ALLOW_PRIVATE_HOSTS).
 */
export type HostLookup = (host: string) => Promise<string[]>;
const systemLookup: HostLookup = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Every host of the form is resolved, and each of its addresses checked, before any connection. */
export async function checkServerAddresses(servers: MailServers, allowPrivate: boolean, lookup: HostLookup = systemLookup): Promise<void> {
  const hosts = [servers.imap.host, servers.smtp.host, ...(servers.caldav ? [new URL(servers.caldav).hostname.replace(/^\[|\]$/g, '')] : [])];
  for (const host of new Set(hosts)) {
    const addresses = isIP(host) ? [host] : await lookup(host).catch(() => {
      throw new ImapConnectError('server-address', `The server name ${host} could not be found. Check its spelling.`);
    });
    for (const ip of addresses) {
      const why = refusedAddress(ip, allowPrivate);
      if (why) throw new ImapConnectError('server-address', `The server ${host} is at ${ip}, ${why}.`);
    }
  }
}
