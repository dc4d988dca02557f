/** How an IMAP account reaches its servers, and what is sealed in accounts.tokens for it. */

export interface ServerEndpoint {
  host: string;
  port: number;
  /** Implicit TLS (993, 465). Otherwise STARTTLS is required: credentials never cross in clear. */
  secure: boolean;
}

export interface MailServers {
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /** CalDAV context URL (RFC 6764), or null when the account has no calendar. */
  caldav: string | null;
}

export interface ImapGrant {
  provider: 'imap';
  username: string;
  password: string;
  servers: MailServers;
}

/**
 * What every IMAP/SMTP/CalDAV connection of one account needs. `ca` adds trusted certificates
 * (a self-hosted server with a private CA); public servers need none.
 */
export interface ImapAccess {
  address: string;
  username: string;
  password: string;
  servers: MailServers;
  ca?: string;
}
