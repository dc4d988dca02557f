import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import ICAL from 'ical.js';
import { createDAVClient } from 'tsdav';
import { createImapProvider, type ImapProvider } from '../../src/providers/imap/provider.js';
import type { ImapAccess } from '../../src/providers/imap/settings.js';
import { startMailServers, type MailServers } from '../../dev/support/mail-servers.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import type { EmulatorControl, InjectedEvent, InjectedMessage, ProviderHarness, SentRecord } from '../../dev/emulators/harness.js';

/**
 * The contract's control side for real Debian servers: messages go in by IMAP APPEND (the end to
 * end test uses Postfix), events by CalDAV PUT, faults by changing the password or cutting the
 * connection. Every start makes a new mailbox user, so each test owns its data.
 */

export const ORGANIZER = 'ana@client.example';
export const ORGANIZER_PASSWORD = 'organizer-password';

let servers: MailServers | undefined;
export async function sharedServers(): Promise<MailServers> {
  if (!servers) {
    servers = await startMailServers();
    await servers.addUser(ORGANIZER, ORGANIZER_PASSWORD);
  }
  return servers;
}
export async function stopSharedServers(): Promise<void> {
  await servers?.stop();
  servers = undefined;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function asUser<T>(s: MailServers, user: string, password: string, work: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({ host: '127.0.0.1', port: s.imapPort, secure: true, auth: { user, pass: password }, tls: { ca: s.ca }, logger: false });
  c.on('error', () => {});
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

let counter = 0;
function rawMessage(m: InjectedMessage, messageId: string): string {
  const headers = [
    `From: ${m.from}`,
    `To: ${m.to.join(', ')}`,
    ...(m.cc?.length ? [`Cc: ${m.cc.join(', ')}`] : []),
    `Subject: ${m.subject}`,
    `Date: ${m.date ?? new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain; charset=utf-8',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${m.body ?? 'Hello.'}\r\n`;
}

function eventIcs(uid: string, e: Partial<InjectedEvent> & { start: string; end: string }, self: string): string {
  const stamp = (iso: string) => ICAL.Time.fromJSDate(new Date(iso), true).toICALString();
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Boundary tests//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp(new Date().toISOString())}`, `DTSTART:${stamp(e.start)}`, `DTEND:${stamp(e.end)}`, `SUMMARY:${e.subject ?? 'Busy'}`];
  if (e.organizer) lines.push(`ORGANIZER:mailto:${e.organizer}`);
  for (const a of e.attendees ?? []) lines.push(`ATTENDEE;PARTSTAT=${a === self ? 'NEEDS-ACTION' : 'ACCEPTED'};RSVP=TRUE:mailto:${a}`);
  lines.push('END:VEVENT', 'END:VCALENDAR', '');
  return lines.join('\r\n');
}

export interface ImapHarnessState {
  servers: MailServers;
  proxy: TcpProxy;
  access: ImapAccess;
  provider: ImapProvider;
  control: EmulatorControl;
}

export async function startImapAccount(now: () => Date = () => new Date()): Promise<ImapHarnessState> {
  const s = await sharedServers();
  const n = ++counter;
  const address = `user${n}-${randomBytes(3).toString('hex')}@boundary.test`;
  let password = randomBytes(9).toString('base64url');
  await s.addUser(address, password);
  const calendarUrl = `${s.caldavUrl}${address}/calendar/`;
  const dav = await createDAVClient({ serverUrl: s.caldavUrl, credentials: { username: address, password }, authMethod: 'Basic', defaultAccountType: 'caldav' });
  await dav.makeCalendar({ url: calendarUrl, props: { displayname: 'Calendar' } });
  const proxy = await startTcpProxy(s.imapPort);
  const access: ImapAccess = {
    address,
    username: address,
    password,
    servers: { imap: { host: '127.0.0.1', port: proxy.port, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: s.caldavUrl },
    ca: s.ca,
  };
  const provider = createImapProvider({ ...access, now });
  const append = async (folder: string, m: InjectedMessage) => {
    const messageId = `<inject-${n}-${++counter}@client.example>`;
    await asUser(s, address, password, (c) => c.append(folder, rawMessage(m, messageId)));
    return { providerMessageId: messageId, threadId: messageId };
  };
  const calendarObject = async (providerEventId: string) => {
    const [o] = await dav.fetchCalendarObjects({ calendar: { url: calendarUrl }, objectUrls: [new URL(providerEventId, calendarUrl).toString()], useMultiGet: true });
    return String(o?.data ?? '');
  };
  const put = async (e: Partial<InjectedEvent> & { start: string; end: string }) => {
    const uid = `ev-${n}-${++counter}@client.example`;
    const res = await dav.createCalendarObject({ calendar: { url: calendarUrl }, filename: `${uid}.ics`, iCalString: eventIcs(uid, e, address) });
    if (!res.ok) throw new Error(`Radicale refused the event: ${res.status}`);
    return { providerEventId: new URL(`${uid}.ics`, calendarUrl).pathname, uid };
  };
  const control: EmulatorControl = {
    userAddress: address,
    injectMessage: (m) => append(m.labels?.includes('SPAM') ? 'Junk' : 'INBOX', m),
    injectSentMessage: (m) => append('Sent', m),
    async expireMailCursor() {
      const status = await asUser(s, address, password, (c) => c.status('INBOX', { uidValidity: true }));
      await s.doveadm('mailbox', 'update', '-u', address, '--uid-validity', String(Number(status && status.uidValidity) + 1000), 'INBOX');
    },
    injectEvent: async (e) => ({ providerEventId: (await put(e)).providerEventId }),
    async eventResponse(providerEventId) {
      const uid = new ICAL.Component(ICAL.parse(await calendarObject(providerEventId))).getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid');
      // The organizer's side: the iTIP REPLY that reached their mailbox through Postfix.
      const reply = await waitFor('the iTIP reply at the organizer', () =>
        asUser(s, ORGANIZER, ORGANIZER_PASSWORD, async (c) => {
          await c.mailboxOpen('INBOX');
          for await (const m of c.fetch('1:*', { source: true })) {
            const text = m.source?.toString('utf8') ?? '';
            if (text.includes(String(uid))) return text;
          }
          return null;
        }).catch(() => null),
      );
      const ics = reply.slice(reply.indexOf('BEGIN:VCALENDAR'), reply.indexOf('END:VCALENDAR') + 13);
      const vevent = new ICAL.Component(ICAL.parse(ics.replace(/=\r?\n/g, ''))).getFirstSubcomponent('vevent')!;
      const comment = vevent.getFirstPropertyValue('comment');
      return { response: String(vevent.getFirstProperty('attendee')?.getParameter('partstat') ?? ''), ...(comment ? { comment: String(comment) } : {}) };
    },
    async expireCalendarCursor() {
      // Radicale answers an unchanged collection's own token without looking it up, so the
      // calendar moves on first; then the tokens it knew are forgotten, as its cache expiry does.
      await put({ start: new Date(Date.now() + 86_400_000 * 300).toISOString(), end: new Date(Date.now() + 86_400_000 * 300 + 3_600_000).toISOString() });
      rmSync(path.join(s.dir, 'radicale', 'collection-root', address, 'calendar', '.Radicale.cache', 'sync-token'), { recursive: true, force: true });
    },
    busy: async (start, end) => void (await put({ start, end })),
    async sent(): Promise<SentRecord[]> {
      await waitFor('the Postfix queue to empty', async () => (await s.postqueue()).includes('Mail queue is empty'));
      return asUser(s, ORGANIZER, ORGANIZER_PASSWORD, async (c) => {
        await c.mailboxOpen('INBOX');
        const out: SentRecord[] = [];
        for await (const m of c.fetch('1:*', { source: true })) {
          const raw = m.source?.toString('utf8') ?? '';
          if (new RegExp(`^From: .*${address.replace(/[.]/g, '\\.')}`, 'mi').test(raw) && !/text\/calendar/i.test(raw)) out.push({ raw });
        }
        return out;
      });
    },
    async fault(f) {
      if (f.kind === 'revokeTokens') {
        password = randomBytes(9).toString('base64url');
        await s.setPassword(address, password);
      } else if (f.kind === 'reset') {
        // Provider calls reuse a logged-in session, so a reset must reach the open ones too.
        proxy.cutAll();
        proxy.resetNext(f.times);
      }
      else throw new Error(`IMAP has no ${f.kind} fault`);
    },
    requestCount: async () => 0,
  };
  return { servers: s, proxy, access, provider, control };
}

export function imapHarness(): ProviderHarness {
  let current: ImapHarnessState | undefined;
  return {
    name: 'imap (Debian Dovecot, Postfix, Radicale)',
    unsupportedFaults: { status: 'IMAP answers NO/BAD, not HTTP statuses', userRateLimit: 'IMAP has no per-user rate limit answer' },
    async start() {
      current = await startImapAccount();
      return { mail: current.provider, calendar: current.provider, control: current.control };
    },
    async stop() {
      await current?.proxy.close();
      current = undefined;
    },
  };
}
