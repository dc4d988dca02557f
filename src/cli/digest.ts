import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { composeDigest } from '../pipeline/digest-build.js';
import { getDigest } from '../storage/digests.js';
import { getSettings } from '../storage/settings-store.js';
import { findUserByEmail } from '../storage/users.js';
import type { DataCommand } from './data-commands.js';

const USAGE = 'Usage: boundary digest --user EMAIL [--date YYYY-MM-DD] [--html FILE]';

/**
 * Prints a digest's text and optionally writes its HTML. A stored digest is shown as sent; a date
 * without one gets a fresh preview, which is not stored (so the scheduled digest stays the real one).
 */
export const digestCommand: DataCommand = async (args, { db, io }) => {
  let values: { user?: string; date?: string; html?: string };
  try {
    ({ values } = parseArgs({ args, options: { user: { type: 'string' }, date: { type: 'string' }, html: { type: 'string' } } }));
  } catch (err) {
    io.err(`boundary digest: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.user) {
    io.err(`boundary digest: --user is required (the user's email address).\n${USAGE}`);
    return 2;
  }
  if (values.date !== undefined && !DateTime.fromISO(values.date, { zone: 'utc' }).isValid) {
    io.err(`boundary digest: --date must be a date YYYY-MM-DD, got "${values.date}".`);
    return 2;
  }
  const user = await findUserByEmail(db, values.user);
  if (!user) {
    io.err(`boundary digest: no user with email ${values.user} (sign in once, or: boundary user create --email ${values.user}).`);
    return 1;
  }
  const now = io.now().toJSDate();
  const { settings } = await getSettings(db, user.id);
  const date = values.date ?? DateTime.fromJSDate(now, { zone: settings.timeZone }).toISODate()!;
  const stored = await getDigest(db, user.id, date);
  const digest = stored ?? (await composeDigest(db, user.id, date, now));
  if (!stored) io.err(`(No digest stored for ${date}: this is a preview built now; it is not saved or sent.)`);
  io.out(digest.text);
  if (values.html) {
    await io.writeFile(values.html, digest.html);
    io.err(`Wrote the HTML version to ${values.html}.`);
  }
  return 0;
};
