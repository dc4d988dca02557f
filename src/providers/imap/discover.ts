import dns from 'node:dns/promises';
import type { MailServers } from './settings.js';

/**
 * Where an address's mail servers are: the big providers from a table, then the usual host names
 * of the domain (imap./smtp./mail.), then RFC 6186 SRV records (and RFC 6764 for CalDAV).
 * The result only prefills the form: the user may correct every field.
 */

export interface Resolver {
  lookup(host: string): Promise<unknown>;
  resolveSrv(name: string): Promise<Array<{ name: string; port: number; priority: number; weight: number }>>;
}

export interface Discovered extends MailServers {
  source: 'table' | 'domain' | 'srv' | 'none';
  /** Said to the user: where to make an app password, when the provider has them. */
  appPasswordHint: string | null;
}

interface Known {
  domains: string[];
  imap: string;
  smtp: string;
  smtpPort?: number;
  caldav: string | null;
  hint: string;
}

const TABLE: Known[] = [
  { domains: ['fastmail.com', 'fastmail.fm', 'messagingengine.com'], imap: 'imap.fastmail.com', smtp: 'smtp.fastmail.com', caldav: 'https://caldav.fastmail.com/', hint: 'Fastmail: Settings → Privacy & Security → App passwords (IMAP, SMTP and CalDAV).' },
  { domains: ['icloud.com', 'me.com', 'mac.com'], imap: 'imap.mail.me.com', smtp: 'smtp.mail.me.com', smtpPort: 587, caldav: 'https://caldav.icloud.com/', hint: 'iCloud: appleid.apple.com → Sign-In and Security → App-Specific Passwords.' },
  { domains: ['yahoo.com', 'ymail.com', 'rocketmail.com'], imap: 'imap.mail.yahoo.com', smtp: 'smtp.mail.yahoo.com', caldav: 'https://caldav.calendar.yahoo.com/', hint: 'Yahoo: Account security → Generate app password.' },
  { domains: ['gmail.com', 'googlemail.com'], imap: 'imap.gmail.com', smtp: 'smtp.gmail.com', caldav: 'https://apidata.googleusercontent.com/caldav/v2/', hint: 'Gmail: myaccount.google.com → Security → App passwords (needs 2-Step Verification).' },
  { domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'], imap: 'outlook.office365.com', smtp: 'smtp-mail.outlook.com', smtpPort: 587, caldav: null, hint: 'Outlook.com: account.microsoft.com → Security → App passwords (needs two-step verification).' },
];

const resolves = (r: Resolver, host: string) => r.lookup(host).then(() => true, () => false);

async function srv(r: Resolver, name: string): Promise<{ host: string; port: number } | null> {
  const records = await r.resolveSrv(name).catch(() => []);
  // RFC 6186 §3.4: a target of "." means the service is not offered.
  const best = records.filter((x) => x.name && x.name !== '.').sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
  return best ? { host: best.name.replace(/\.$/, ''), port: best.port } : null;
}

export async function discoverServers(address: string, resolver: Resolver = dns): Promise<Discovered> {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const known = TABLE.find((k) => k.domains.includes(domain));
  if (known) {
    const smtpPort = known.smtpPort ?? 465;
    return { source: 'table', imap: { host: known.imap, port: 993, secure: true }, smtp: { host: known.smtp, port: smtpPort, secure: smtpPort === 465 }, caldav: known.caldav, appPasswordHint: known.hint };
  }
  const hint = null;
  for (const prefix of ['imap.', 'mail.']) {
    if (!(await resolves(resolver, prefix + domain))) continue;
    const smtpHost = (await resolves(resolver, `smtp.${domain}`)) ? `smtp.${domain}` : prefix + domain;
    return { source: 'domain', imap: { host: prefix + domain, port: 993, secure: true }, smtp: { host: smtpHost, port: 465, secure: true }, caldav: await caldavOf(resolver, domain), appPasswordHint: hint };
  }
  const [imaps, submissions, submission] = await Promise.all([srv(resolver, `_imaps._tcp.${domain}`), srv(resolver, `_submissions._tcp.${domain}`), srv(resolver, `_submission._tcp.${domain}`)]);
  if (imaps && (submissions || submission)) {
    const smtp = submissions ? { ...submissions, secure: true } : { ...submission!, secure: false };
    return { source: 'srv', imap: { ...imaps, secure: true }, smtp, caldav: await caldavOf(resolver, domain), appPasswordHint: hint };
  }
  return { source: 'none', imap: { host: `imap.${domain}`, port: 993, secure: true }, smtp: { host: `smtp.${domain}`, port: 465, secure: true }, caldav: null, appPasswordHint: hint };
}

/** RFC 6764 §3: _caldavs._tcp names the host; the well-known path finds the context. */
async function caldavOf(r: Resolver, domain: string): Promise<string | null> {
  const found = await srv(r, `_caldavs._tcp.${domain}`);
  return found ? `https://${found.host}${found.port === 443 ? '' : `:${found.port}`}/.well-known/caldav` : null;
}
