/**
 * Every environment variable Boundary reads: its type, default and meaning.
 * config/example.env is generated from this list (scripts/write-example-env.ts) and a test keeps
 * the two in step.
 */

export type VarType = 'string' | 'url' | 'port' | 'integer' | 'boolean' | 'key32' | 'enum' | 'list';

export interface VarSpec {
  name: string;
  type: VarType;
  default?: string;
  values?: readonly string[];
  secret?: boolean;
  group: string;
  doc: string;
}

const GOOGLE_SCOPES = [
  'openid',
  'email',
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/gmail.send',
  'https://www.googleapis.com/auth/calendar.events',
].join(' ');
const MICROSOFT_SCOPES = 'openid profile email offline_access User.Read Mail.ReadWrite Mail.Send Calendars.ReadWrite MailboxSettings.Read';

export const VARS = [
  { name: 'HOST', type: 'string', default: '127.0.0.1', group: 'Service', doc: 'Address the HTTP server binds to (0.0.0.0 in containers).' },
  { name: 'PORT', type: 'port', default: '3000', group: 'Service', doc: 'HTTP port.' },
  { name: 'PUBLIC_URL', type: 'url', group: 'Service', doc: 'Where users and webhooks reach this service; OAuth redirect and webhook URLs are built from it. Unset: http://localhost:PORT (or http://HOST:PORT when HOST is one specific address).' },
  { name: 'TRUST_PROXY', type: 'boolean', default: 'false', group: 'Service', doc: 'Behind a reverse proxy: trust X-Forwarded-* (client IP for rate limits, https for cookies). Leave off when exposed directly.' },
  { name: 'LOG_LEVEL', type: 'enum', default: 'info', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], group: 'Service', doc: 'pino log level.' },
  { name: 'RUN_WORKERS', type: 'boolean', default: 'true', group: 'Service', doc: '`npm start` also runs the queue workers in the same process (one-machine install).' },
  { name: 'WORKER_METRICS_PORT', type: 'port', group: 'Service', doc: 'A worker-only process (`boundary worker`) serves GET /metrics and /healthz on this port, so its job counters can be scraped. Unset: none.' },
  { name: 'SHUTDOWN_TIMEOUT_MS', type: 'integer', default: '15000', group: 'Service', doc: 'How long running jobs may take to finish on SIGTERM before the process exits anyway.' },
  { name: 'ADMIN_EMAILS', type: 'list', default: '', group: 'Service', doc: 'Comma-separated emails of signed-in users who may open the queue dashboard at /admin/queues. Empty: nobody.' },
  { name: 'DATA_DIR', type: 'string', default: './data', group: 'Storage', doc: 'Embedded database, local Redis data and generated keys live here.' },
  { name: 'DATABASE_URL', type: 'url', group: 'Storage', doc: 'PostgreSQL connection string. Unset: embedded PGlite under DATA_DIR.' },
  { name: 'REDIS_URL', type: 'url', default: 'redis://127.0.0.1:6379', group: 'Queues', doc: 'Redis for BullMQ. When unset and nothing answers, a local redis-server is started under DATA_DIR if installed.' },
  { name: 'QUEUE_PREFIX', type: 'string', default: '{boundary}', group: 'Queues', doc: 'BullMQ key prefix; the braces are a Redis Cluster hash tag.' },
  { name: 'JOB_LOCK_SECONDS', type: 'integer', default: '30', group: 'Queues', doc: 'How long a worker holds a job before another may take it over if the first one died (BullMQ lock and stall check).' },
  { name: 'POLL_INTERVAL_SECONDS', type: 'integer', default: '300', group: 'Queues', doc: 'Fallback polling interval per account, in case push notifications are lost.' },
  { name: 'WEBHOOKS_PER_MAILBOX_PER_MINUTE', type: 'integer', default: '600', group: 'Queues', doc: 'Push notifications one mailbox may cause per minute; more are answered 429 and redelivered by Google or Microsoft later (a sync is already pending by then).' },
  { name: 'TOKEN_ENCRYPTION_KEY', type: 'key32', secret: true, group: 'Security', doc: 'AES-256-GCM key for OAuth tokens at rest: 32 bytes, base64. Unset: generated once into DATA_DIR/token-encryption.key.' },
  { name: 'TOKEN_ENCRYPTION_OLD_KEYS', type: 'list', default: '', secret: true, group: 'Security', doc: 'Comma-separated previous keys (base64), still accepted for decryption during rotation.' },
  { name: 'SESSION_SECRET', type: 'key32', secret: true, group: 'Security', doc: 'Signs session cookies and OAuth state: 32 bytes, base64. Unset: generated once into DATA_DIR/session.key.' },
  { name: 'SIGN_UP', type: 'enum', default: 'invite', values: ['invite', 'open'], group: 'Security', doc: 'Who may create a user by signing in with Google: `invite` (default) only people who already have a user (`boundary user create`); `open` anyone with a verified Google address.' },
  { name: 'GOOGLE_CLIENT_ID', type: 'string', group: 'Google', doc: 'OAuth client id (Google Cloud console). Unset: Google sign-in and Gmail are off.' },
  { name: 'GOOGLE_CLIENT_SECRET', type: 'string', secret: true, group: 'Google', doc: 'OAuth client secret.' },
  { name: 'GOOGLE_SCOPES', type: 'string', default: GOOGLE_SCOPES, group: 'Google', doc: 'Space-separated scopes: the minimal set to read mail metadata, send replies and answer invitations.' },
  { name: 'GOOGLE_API_ROOT_URL', type: 'url', default: 'https://gmail.googleapis.com/', group: 'Google', doc: 'Gmail API root (an emulator in tests).' },
  { name: 'GOOGLE_CALENDAR_ROOT_URL', type: 'url', default: 'https://www.googleapis.com/', group: 'Google', doc: 'Calendar API root (an emulator in tests).' },
  { name: 'GOOGLE_AUTH_URL', type: 'url', default: 'https://accounts.google.com/o/oauth2/v2/auth', group: 'Google', doc: 'OAuth authorization endpoint.' },
  { name: 'GOOGLE_TOKEN_URL', type: 'url', default: 'https://oauth2.googleapis.com/token', group: 'Google', doc: 'OAuth token endpoint.' },
  { name: 'GOOGLE_REVOKE_URL', type: 'url', default: 'https://oauth2.googleapis.com/revoke', group: 'Google', doc: 'OAuth revocation endpoint.' },
  { name: 'GOOGLE_CERTS_URL', type: 'url', default: 'https://www.googleapis.com/oauth2/v1/certs', group: 'Google', doc: 'PEM certificates that sign Google ID tokens and Pub/Sub push JWTs.' },
  { name: 'GOOGLE_PUBSUB_TOPIC', type: 'string', group: 'Google', doc: 'projects/P/topics/T that Gmail publishes to. Unset: Gmail is polled only.' },
  { name: 'GOOGLE_PUBSUB_AUDIENCE', type: 'string', group: 'Google', doc: 'Expected `aud` of push JWTs. Default: PUBLIC_URL/webhooks/google/pubsub.' },
  { name: 'GOOGLE_PUBSUB_SERVICE_ACCOUNT', type: 'string', group: 'Google', doc: 'Service account email the push subscription authenticates as.' },
  { name: 'MICROSOFT_CLIENT_ID', type: 'string', group: 'Microsoft', doc: 'Entra app (client) id. Unset: Microsoft sign-in and Outlook are off.' },
  { name: 'MICROSOFT_CLIENT_SECRET', type: 'string', secret: true, group: 'Microsoft', doc: 'Entra app client secret.' },
  { name: 'MICROSOFT_AUTHORITY', type: 'url', default: 'https://login.microsoftonline.com/common', group: 'Microsoft', doc: 'MSAL authority; tenant `common` admits work and personal accounts.' },
  { name: 'MICROSOFT_GRAPH_URL', type: 'url', default: 'https://graph.microsoft.com', group: 'Microsoft', doc: 'Graph base URL (an emulator in tests).' },
  { name: 'MICROSOFT_SCOPES', type: 'string', default: MICROSOFT_SCOPES, group: 'Microsoft', doc: 'Space-separated scopes.' },
  { name: 'IMAP_EXTRA_CA', type: 'string', group: 'IMAP', doc: 'PEM certificates to trust, besides the public ones, for IMAP, SMTP and CalDAV servers with a private CA.' },
  { name: 'IMAP_ALLOW_PRIVATE_HOSTS', type: 'boolean', default: 'false', group: 'IMAP', doc: 'Let users connect mailboxes on private and loopback addresses (10/8, 172.16/12, 192.168/16, 127/8, fc00::/7): for a self-hosted mail server on the same network. Link-local and cloud-metadata addresses (169.254/16, fe80::/10) stay refused.' },
  { name: 'SMTP_URL', type: 'url', group: 'Digest', doc: 'smtp(s)://user:pass@host:port for digests. Unset: digests go through the user\'s own mailbox.' },
  { name: 'ALERT_WEBHOOK_ALLOW_PRIVATE_HOSTS', type: 'boolean', default: 'false', group: 'Alerts', doc: 'Let alert webhooks and Web Push endpoints point at private and loopback addresses (a receiver on the same network). Link-local and cloud-metadata addresses stay refused.' },
  { name: 'DIGEST_FROM', type: 'string', default: 'Boundary <digest@localhost>', group: 'Digest', doc: 'From header of SMTP digests.' },
] as const satisfies readonly VarSpec[];

export type VarName = (typeof VARS)[number]['name'];
