import { ImapFlow } from 'imapflow';
import { openCalendar } from './calendar.js';
import { imapClient, sentFolder } from './connection.js';
import { ImapConnectError, imapError, isTlsProblem, type ConnectStep } from './errors.js';
import { smtpTransport } from './smtp-pool.js';
import type { ImapAccess } from './settings.js';

export { ImapConnectError, type ConnectStep } from './errors.js';

function explain(err: unknown, server: string, step: ConnectStep): ImapConnectError {
  if (isTlsProblem(err)) return new ImapConnectError('tls', `${server}: its TLS certificate is not valid for this host name or not trusted. Check the server name.`, { cause: err });
  const mapped = imapError(err, server);
  if (mapped.kind === 'auth_revoked') return new ImapConnectError(step === 'imap-login' ? 'imap-login' : step, `${server} refused the address and password. If your provider offers app passwords, make one and use it here.`, { cause: err });
  return new ImapConnectError(step, `${server} could not be reached or refused us: ${mapped.message}`, { cause: err });
}

export async function verifyImapAccess(access: ImapAccess): Promise<{ calendar: boolean }> {
  const client: ImapFlow = imapClient(access);
  client.on('error', () => {});
  try {
    await client.connect().catch((err: unknown) => {
      throw explain(err, `The IMAP server ${access.servers.imap.host}`, 'imap-login');
    });
    if (!client.capabilities.has('IDLE')) {
      throw new ImapConnectError('idle', `The IMAP server ${access.servers.imap.host} does not support IDLE, so Boundary could not learn of new mail promptly.`);
    }
    if (!(await sentFolder(client))) {
      throw new ImapConnectError('sent-folder', 'The mailbox has no Sent folder (special-use \\Sent). Send one message from your mail app to create it, then try again.');
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  const transport = smtpTransport(access);
  try {
    await transport.verify();
  } catch (err) {
    const e = explain(err, `The SMTP server ${access.servers.smtp.host}`, 'smtp');
    throw e.step === 'tls' ? e : new ImapConnectError('smtp', `The SMTP server ${access.servers.smtp.host} refused to accept mail from this account: ${(err as Error).message}`, { cause: err });
  } finally {
    transport.close();
  }
  if (!access.servers.caldav) return { calendar: false };
  await openCalendar(access).catch((err: unknown) => {
    throw new ImapConnectError('caldav', `No CalDAV calendar at ${access.servers.caldav}: ${(err as Error).message}. Clear the CalDAV field to connect without a calendar.`, { cause: err });
  });
  return { calendar: true };
}
