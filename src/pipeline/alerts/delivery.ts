import { createHmac } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import webpush from 'web-push';
import type { Transporter } from 'nodemailer';
import { digestDelivery } from '../digest-send.js';

/** What sending an alert needs beyond the pipeline context; built by a composition root from config. */
export interface AlertDelivery {
  /** SMTP for alert emails when configured (the digest's), else the user's own mailbox sends them. */
  smtp?: Transporter;
  from: string;
  /** Signs webhook bodies: each user's secret is derived from it, never stored. */
  sessionSecret: Buffer;
  publicUrl: string;
  allowPrivateHosts: boolean;
  timeoutMs: number;
  /** The VAPID key pair, generated on first use into DATA_DIR. */
  vapid: () => Promise<VapidKeys>;
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** The contact a push service may write to (RFC 8292 `sub`). */
  subject: string;
}

export interface AlertConfig {
  smtpUrl?: string;
  digestFrom: string;
  sessionSecret: Buffer;
  publicUrl: string;
  dataDir: string;
  alertAllowPrivateHosts: boolean;
}

const TIMEOUT_MS = 10_000;

export function alertDelivery(config: AlertConfig): AlertDelivery {
  const mail = digestDelivery(config);
  let keys: Promise<VapidKeys> | null = null;
  return {
    ...(mail.smtp ? { smtp: mail.smtp } : {}),
    from: mail.from,
    sessionSecret: config.sessionSecret,
    publicUrl: config.publicUrl,
    allowPrivateHosts: config.alertAllowPrivateHosts,
    timeoutMs: TIMEOUT_MS,
    vapid: () => (keys ??= vapidKeys(config.dataDir, config.publicUrl).catch((err: unknown) => {
      keys = null;
      throw err;
    })),
  };
}

/** The user's webhook secret: HMAC of the session secret and the user, so it survives restarts unstored. */
export function webhookSigningSecret(sessionSecret: Buffer, userId: string): string {
  return createHmac('sha256', sessionSecret).update(`alert-webhook:${userId}`).digest('base64url');
}

/** `X-Boundary-Signature`: HMAC-SHA256 of the raw body with the user's secret, hex, prefixed like GitHub's. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * VAPID keys (RFC 8292), made once and kept in DATA_DIR/vapid.json: a new pair would orphan every
 * browser subscription. Written with mode 0600; a second process that races the first keeps
 * whichever file landed (exclusive create).
 */
async function vapidKeys(dataDir: string, publicUrl: string): Promise<VapidKeys> {
  const file = path.join(dataDir, 'vapid.json');
  const subject = publicUrl.startsWith('https://') ? publicUrl : 'mailto:boundary@localhost';
  const read = async () => ({ ...(JSON.parse(await readFile(file, 'utf8')) as { publicKey: string; privateKey: string }), subject });
  try {
    return await read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const fresh = webpush.generateVAPIDKeys();
  try {
    await writeFile(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return read();
}
