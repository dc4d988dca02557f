import { effectiveSettings } from '../storage/settings-store.js';
import { findUser } from '../storage/users.js';
import type { PipelineContext } from './context.js';
import { buildDigest } from './digest-build.js';
import { digestDateOf, digestWanted } from './digest-schedule.js';
import { sendDigest, type DigestDelivery, type DigestSendOutcome } from './digest-send.js';

export type DigestRunOutcome = { date: string } & ({ status: 'skipped'; why: 'disabled-or-day-off' | 'no-user' } | { status: DigestSendOutcome; created: boolean });

/**
 * One scheduled (or caught-up) digest: decide the local date, build it once, send it once.
 * A scheduler run carries no date, so the date comes from the instant it was scheduled for: a
 * retry hours later, or a run delayed past midnight, still builds the day it was meant for.
 */
export async function runDigest(ctx: PipelineContext, delivery: DigestDelivery, userId: string, when: { date?: string; scheduledAt: Date }): Promise<DigestRunOutcome> {
  const user = await findUser(ctx.db, userId);
  const settings = user ? await effectiveSettings(ctx.db, userId) : null;
  const date = when.date ?? (settings ? digestDateOf(settings, when.scheduledAt) : when.scheduledAt.toISOString().slice(0, 10));
  if (!settings) return { date, status: 'skipped', why: 'no-user' };
  if (!digestWanted(settings, date)) return { date, status: 'skipped', why: 'disabled-or-day-off' };
  const { row, created } = await buildDigest(ctx.db, userId, date, ctx.now());
  return { date, status: await sendDigest(ctx, delivery, row), created };
}
