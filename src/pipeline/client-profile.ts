import { DateTime } from 'luxon';
import { clientMessages } from '../domain/follow-up/conversation.js';
import { chaserMessages } from '../domain/pressure/chasers.js';
import { clientProfiles, PROFILE_WEEKS, type ClientProfile } from '../domain/pressure/profile.js';
import { conversationBetween } from '../storage/conversations.js';
import type { Db } from '../storage/db.js';
import { listExpectations } from '../storage/expectations.js';
import { effectiveSettings } from '../storage/settings-store.js';

/** One listed client's twelve weeks (the problem-client view); null without mail in that time. */
export async function clientProfile(db: Db, userId: string, clientId: string, now: Date): Promise<ClientProfile | null> {
  const [settings, rows, expectations] = await Promise.all([
    effectiveSettings(db, userId),
    conversationBetween(db, userId, new Date(now.getTime() - PROFILE_WEEKS * 7 * 86_400_000), now),
    listExpectations(db, userId, clientId),
  ]);
  const messages = clientMessages(rows, settings).filter((m) => m.client.id === clientId);
  const profiles = clientProfiles(messages, chaserMessages(messages), expectations, settings, DateTime.fromJSDate(now, { zone: 'utc' }));
  return profiles[0] ?? null;
}
