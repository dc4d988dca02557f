import { readFileSync } from 'node:fs';

/** Configuration files for the test mail servers (see mail-servers.ts). */

export function dovecotConf(o: { dir: string; imapPort: number; lmtpPort: number; vmail: { uid: number; gid: number } }): string {
  const d = o.dir;
  return `
base_dir = ${d}/dovecot-run
state_dir = ${d}/dovecot-state
log_path = ${d}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = required
ssl_cert = <${d}/cert.pem
ssl_key = <${d}/key.pem
auth_mechanisms = plain login
# Tests wait for a new password to be accepted; a failed try must not slow the next one down.
auth_failure_delay = 0
# Debian's default tops out at 100 client connections per IP; the watcher bench holds more.
mail_max_userip_connections = 5000
# One imap process per connection: the master's log, anvil and config services must take as many
# clients, or the watcher bench's 1,000 IDLE connections stall at Debian's default of 1,000.
default_client_limit = 6000
default_process_limit = 5000
passdb {
  driver = passwd-file
  # One file per user: a new user is a new file, read at first login with no reload lag.
  args = scheme=PLAIN username_format=%u ${d}/passwd/%u
}
userdb {
  driver = static
  args = uid=${o.vmail.uid} gid=${o.vmail.gid} home=${d}/mail/%d/%n allow_all_users=yes
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = ${o.imapPort}
    ssl = yes
  }
  process_limit = 5000
  client_limit = 5000
  service_count = 0
}
service imap {
  process_limit = 5000
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${o.lmtpPort}
  }
}
service auth {
  unix_listener auth-client {
    mode = 0666
  }
}
protocol lmtp {
  postmaster_address = postmaster@boundary.test
}
protocol imap {
  mail_max_userip_connections = 5000
}
`;
}

export function postfixMain(o: { dir: string; lmtpPort: number; domains: string[] }): string {
  const d = o.dir;
  return `
compatibility_level = 3.6
queue_directory = ${d}/postfix/queue
data_directory = ${d}/postfix/data
maillog_file = ${d}/postfix/maillog
maillog_file_prefixes = ${d}
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.boundary.test
mydestination =
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
virtual_mailbox_domains = ${o.domains.join(' ')}
virtual_mailbox_maps = static:ok
virtual_transport = lmtp:inet:127.0.0.1:${o.lmtpPort}
default_transport = error:tests deliver to the local domains only
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${d}/dovecot-run/auth-client
smtpd_tls_cert_file = ${d}/cert.pem
smtpd_tls_key_file = ${d}/key.pem
smtputf8_enable = no
biff = no
`;
}

/** Debian's master.cf without chroot (no copies of /etc in the queue), plus our two listeners. */
export function postfixMaster(o: { smtpPort: number; submissionPort: number }): string {
  const base = readFileSync('/etc/postfix/master.cf', 'utf8')
    .split('\n')
    .filter((l) => !/^(smtp|submission|submissions|smtps)\s+inet\b/.test(l))
    .map((l) => l.replace(/^(\S+\s+(?:unix|unix-dgram|fifo|pass)\s+\S+\s+\S+\s+)y(\s)/, '$1n$2'))
    .join('\n');
  return `${base}
127.0.0.1:${o.smtpPort} inet n - n - - smtpd
127.0.0.1:${o.submissionPort} inet n - n - - smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
`;
}
