import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { listUserAccounts, type AccountRow } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { claimSend, getDigest, markDigestSent, releaseClaim, type DigestRow } from '../storage/digests.js';
import { findUser } from '../storage/users.js';
import type { Db } from '../storage/db.js';
import type { PipelineContext } from './context.js';

/** How digests leave: SMTP when configured (built by the composition root), else the user's mailbox. */
export interface DigestDelivery {
  smtp?: Transporter;
  /** From header for SMTP digests (DIGEST_FROM). */
  from: string;
}

/** Called by composition roots with the loaded config (SMTP_URL, DIGEST_FROM). */
export function digestDelivery(config: { smtpUrl?: string; digestFrom: string }): DigestDelivery {
  return config.smtpUrl ? { smtp: nodemailer.createTransport(config.smtpUrl), from: config.digestFrom } : { from: config.digestFrom };
}

export type DigestSendOutcome = 'sent' | 'already-sent' | 'recovered' | 'in-progress' | 'no-account';

/** A sender that has not finished within this long is presumed dead; its claim may be taken over. */
const STALE_CLAIM_MS = 10 * 60_000;

/** Multipart/alternative (text + HTML); marked auto-generated so no one auto-answers it (RFC 3834). */
export async function digestMime(row: DigestRow, from: string, to: string): Promise<string> {
  const composer = new MailComposer({
    from,
    to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    messageId: row.message_id,
    date: row.created_at,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Boundary-Digest': row.date },
  });
  return (await composer.compile().build()).toString();
}

/** The mailbox to send from: a working one, the active account before a preview one. */
export async function senderAccount(db: Db, userId: string): Promise<AccountRow | undefined> {
  const usable = (await listUserAccounts(db, userId)).filter((a) => a.status !== 'needs-reconnect');
  return usable.find((a) => a.status === 'active') ?? usable[0];
}

/**
 * Sends a stored digest at most once. A claim (compare-and-set on send_started_at) keeps two
 * workers from both sending; after an interrupted attempt the Sent folder is searched for the
 * digest's Message-ID before sending again. Preview mode does not stop it: it goes only to the user.
 */
export async function sendDigest(ctx: PipelineContext, delivery: DigestDelivery, digestRow: DigestRow): Promise<DigestSendOutcome> {
  const row = await getDigest(ctx.db, digestRow.user_id, digestRow.date);
  if (!row || row.sent_at) return 'already-sent';
  const account = delivery.smtp ? undefined : await senderAccount(ctx.db, row.user_id);
  if (!delivery.smtp && !account) return 'no-account';
  const provider = account ? await ctx.providers(account) : undefined;

  if (row.send_started_at && provider && (await provider.findSent(row.message_id))) {
    return (await finish(ctx, row, `mailbox:${account!.address}`, true)) ? 'recovered' : 'already-sent';
  }
  const now = ctx.now();
  if (!(await claimSend(ctx.db, row.id, row.send_started_at, now, new Date(now.getTime() - STALE_CLAIM_MS)))) return 'in-progress';
  try {
    if (delivery.smtp) {
      const user = await findUser(ctx.db, row.user_id);
      if (!user) throw new Error(`digest ${row.id}: its user is gone`);
      const mime = await digestMime(row, delivery.from, user.email);
      await delivery.smtp.sendMail({ envelope: { from: addressOf(delivery.from), to: [user.email] }, raw: mime });
      await finish(ctx, row, 'smtp', false);
    } else {
      const mime = await digestMime(row, account!.address, account!.address);
      await provider!.send({ mime, messageId: row.message_id });
      await finish(ctx, row, `mailbox:${account!.address}`, false);
    }
    return 'sent';
  } catch (err) {
    // Back-date the claim so the retry may take it at once (after checking Sent for a copy).
    await releaseClaim(ctx.db, row.id, now, new Date(now.getTime() - STALE_CLAIM_MS - 1));
    throw err;
  }
}

async function finish(ctx: PipelineContext, row: DigestRow, via: string, recovered: boolean): Promise<boolean> {
  if (!(await markDigestSent(ctx.db, row.id, ctx.now(), via))) return false;
  const how = via === 'smtp' ? 'by email' : `through ${via.slice('mailbox:'.length)}`;
  await logActivity(ctx.db, {
    userId: row.user_id,
    kind: 'digest.sent',
    summary: recovered ? `The digest for ${row.date} was already in your sent mail (recovered after an interruption); not sent again.` : `Sent your digest for ${row.date} ${how}.`,
    ref: row.message_id,
    at: ctx.now(),
  });
  return true;
}

function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1]! : from).trim();
}
