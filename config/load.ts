import { VARS, type VarName, type VarSpec } from './schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface GoogleConfig {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  apiRootUrl: string;
  calendarRootUrl: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  certsUrl: string;
  pubsubTopic?: string;
  pubsubAudience: string;
  pubsubServiceAccount?: string;
}

export interface MicrosoftConfig {
  clientId: string;
  clientSecret: string;
  authority: string;
  graphUrl: string;
  scopes: string[];
}

export interface Config {
  host: string;
  port: number;
  /** Set: a worker-only process serves /metrics and /healthz here. */
  workerMetricsPort: number | null;
  publicUrl: string;
  logLevel: string;
  trustProxy: boolean;
  runWorkers: boolean;
  shutdownTimeoutMs: number;
  /** Lower-cased; these signed-in users may open the queue dashboard. */
  adminEmails: string[];
  /** Whether signing in with Google may create a user ('open') or only finds existing ones ('invite'). */
  signUp: 'open' | 'invite';
  dataDir: string;
  databaseUrl?: string;
  redisUrl: string;
  /** False when REDIS_URL came from the default: only then may we start a local redis-server. */
  redisUrlExplicit: boolean;
  queuePrefix: string;
  pollIntervalSeconds: number;
  webhooksPerMailboxPerMinute: number;
  jobLockSeconds: number;
  tokenKeys: { current: Buffer; old: Buffer[] };
  sessionSecret: Buffer;
  google: GoogleConfig | null;
  microsoft: MicrosoftConfig | null;
  /** PEM of extra CAs trusted by IMAP accounts (self-hosted servers). */
  imapExtraCa?: string;
  /** Mail servers on private and loopback addresses may be connected (a self-hosted server). */
  imapAllowPrivateHosts: boolean;
  smtpUrl?: string;
  digestFrom: string;
  /** Alert webhooks and push endpoints may be on private and loopback addresses. */
  alertAllowPrivateHosts: boolean;
}

type Env = Record<string, string | undefined>;
/** Supplies a value for an unset key32 variable (the CLI reads or creates a key file). */
export type KeyFallback = (name: 'TOKEN_ENCRYPTION_KEY' | 'SESSION_SECRET') => string | undefined;

function check(spec: VarSpec, raw: string): string | null {
  switch (spec.type) {
    case 'port': {
      const n = Number(raw);
      return Number.isInteger(n) && n > 0 && n < 65536 ? null : `${spec.name} must be a port number (1-65535), got "${raw}"`;
    }
    case 'integer':
      return /^\d+$/.test(raw) && Number(raw) > 0 ? null : `${spec.name} must be a positive whole number, got "${raw}"`;
    case 'boolean':
      return /^(true|false|1|0|yes|no)$/i.test(raw) ? null : `${spec.name} must be true or false, got "${raw}"`;
    case 'url':
      try {
        new URL(raw);
        return null;
      } catch {
        return `${spec.name} must be a URL, got "${raw}"`;
      }
    case 'key32':
      return Buffer.from(raw, 'base64').length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(raw)
        ? null
        : `${spec.name} must be 32 bytes base64 (try: openssl rand -base64 32)`;
    case 'enum':
      return spec.values?.includes(raw) ? null : `${spec.name} must be one of ${spec.values?.join(', ')}, got "${raw}"`;
    case 'list':
      return null;
    default:
      return null;
  }
}

/** Validates every variable at once, so one run reports every problem. */
export function loadConfig(env: Env, keyFallback: KeyFallback = () => undefined): Config {
  const problems: string[] = [];
  const values = new Map<VarName, string | undefined>();
  for (const spec of VARS as readonly VarSpec[]) {
    let raw = env[spec.name]?.trim();
    if (raw === '') raw = undefined;
    if (raw === undefined && spec.type === 'key32') raw = keyFallback(spec.name as 'TOKEN_ENCRYPTION_KEY');
    raw ??= spec.default;
    if (raw !== undefined && raw !== '') {
      const problem = check(spec, raw);
      if (problem) problems.push(problem);
    }
    values.set(spec.name as VarName, raw);
  }
  const get = (name: VarName) => values.get(name);
  if (!get('TOKEN_ENCRYPTION_KEY')) problems.push('TOKEN_ENCRYPTION_KEY must be 32 bytes base64 (try: openssl rand -base64 32)');
  if (!get('SESSION_SECRET')) problems.push('SESSION_SECRET must be 32 bytes base64 (try: openssl rand -base64 32)');
  for (const old of (get('TOKEN_ENCRYPTION_OLD_KEYS') ?? '').split(',').filter(Boolean)) {
    if (Buffer.from(old.trim(), 'base64').length !== 32) problems.push('TOKEN_ENCRYPTION_OLD_KEYS must be comma-separated 32-byte base64 keys');
  }
  if (get('GOOGLE_CLIENT_ID') && !get('GOOGLE_CLIENT_SECRET')) problems.push('GOOGLE_CLIENT_SECRET is required when GOOGLE_CLIENT_ID is set');
  if (get('MICROSOFT_CLIENT_ID') && !get('MICROSOFT_CLIENT_SECRET')) problems.push('MICROSOFT_CLIENT_SECRET is required when MICROSOFT_CLIENT_ID is set');
  if (get('GOOGLE_PUBSUB_TOPIC') && !get('GOOGLE_PUBSUB_SERVICE_ACCOUNT')) {
    problems.push('GOOGLE_PUBSUB_SERVICE_ACCOUNT is required when GOOGLE_PUBSUB_TOPIC is set (push JWTs are checked against it)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return build(get, env);
}

/** Without PUBLIC_URL, links point where this process really listens (a changed PORT included). */
function localUrl(host: string, port: string): string {
  const anywhere = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host);
  const name = anywhere ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function build(get: (name: VarName) => string | undefined, env: Env): Config {
  const str = (name: VarName) => get(name) as string;
  const bool = (name: VarName) => /^(true|1|yes)$/i.test(str(name));
  const publicUrl = (get('PUBLIC_URL') ?? localUrl(str('HOST'), str('PORT'))).replace(/\/$/, '');
  return {
    host: str('HOST'),
    port: Number(str('PORT')),
    workerMetricsPort: get('WORKER_METRICS_PORT') ? Number(get('WORKER_METRICS_PORT')) : null,
    publicUrl,
    logLevel: str('LOG_LEVEL'),
    trustProxy: bool('TRUST_PROXY'),
    runWorkers: bool('RUN_WORKERS'),
    shutdownTimeoutMs: Number(str('SHUTDOWN_TIMEOUT_MS')),
    signUp: str('SIGN_UP') === 'open' ? 'open' : 'invite',
    adminEmails: str('ADMIN_EMAILS').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean),
    dataDir: str('DATA_DIR'),
    databaseUrl: get('DATABASE_URL'),
    redisUrl: str('REDIS_URL'),
    redisUrlExplicit: Boolean(env.REDIS_URL?.trim()),
    queuePrefix: str('QUEUE_PREFIX'),
    pollIntervalSeconds: Number(str('POLL_INTERVAL_SECONDS')),
    webhooksPerMailboxPerMinute: Number(str('WEBHOOKS_PER_MAILBOX_PER_MINUTE')),
    jobLockSeconds: Number(str('JOB_LOCK_SECONDS')),
    tokenKeys: {
      current: Buffer.from(str('TOKEN_ENCRYPTION_KEY'), 'base64'),
      old: str('TOKEN_ENCRYPTION_OLD_KEYS').split(',').filter(Boolean).map((k) => Buffer.from(k.trim(), 'base64')),
    },
    sessionSecret: Buffer.from(str('SESSION_SECRET'), 'base64'),
    google: get('GOOGLE_CLIENT_ID')
      ? {
          clientId: str('GOOGLE_CLIENT_ID'),
          clientSecret: str('GOOGLE_CLIENT_SECRET'),
          scopes: str('GOOGLE_SCOPES').split(/\s+/),
          apiRootUrl: str('GOOGLE_API_ROOT_URL'),
          calendarRootUrl: str('GOOGLE_CALENDAR_ROOT_URL'),
          authUrl: str('GOOGLE_AUTH_URL'),
          tokenUrl: str('GOOGLE_TOKEN_URL'),
          revokeUrl: str('GOOGLE_REVOKE_URL'),
          certsUrl: str('GOOGLE_CERTS_URL'),
          pubsubTopic: get('GOOGLE_PUBSUB_TOPIC'),
          pubsubAudience: get('GOOGLE_PUBSUB_AUDIENCE') ?? `${publicUrl}/webhooks/google/pubsub`,
          pubsubServiceAccount: get('GOOGLE_PUBSUB_SERVICE_ACCOUNT'),
        }
      : null,
    microsoft: get('MICROSOFT_CLIENT_ID')
      ? {
          clientId: str('MICROSOFT_CLIENT_ID'),
          clientSecret: str('MICROSOFT_CLIENT_SECRET'),
          authority: str('MICROSOFT_AUTHORITY'),
          graphUrl: str('MICROSOFT_GRAPH_URL'),
          scopes: str('MICROSOFT_SCOPES').split(/\s+/),
        }
      : null,
    ...(get('IMAP_EXTRA_CA') ? { imapExtraCa: get('IMAP_EXTRA_CA') } : {}),
    imapAllowPrivateHosts: bool('IMAP_ALLOW_PRIVATE_HOSTS'),
    smtpUrl: get('SMTP_URL'),
    digestFrom: str('DIGEST_FROM'),
    alertAllowPrivateHosts: bool('ALERT_WEBHOOK_ALLOW_PRIVATE_HOSTS'),
  };
}
