import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../dev/support/google-service.js';
import { connectMicrosoft, startMicrosoftService, type MicrosoftService } from '../../dev/support/microsoft-service.js';
import { HELD_SCAN_EVERY_MS, scanHeldDrafts, sendHeld } from '../../src/pipeline/held-messages.js';
import { HOLD_CATEGORY } from '../../src/providers/outlook/held-drafts.js';
import { getAccount } from '../../src/storage/accounts.js';
import { getHeld, heldDraftVersions, transitionHeld } from '../../src/storage/held-messages.js';

/**
 * Issue 21 on Outlook, end to end through the real service, workers, Redis and the Graph
 * emulator: drafts in Drafts carrying the Boundary category go at the next working start, as they
 * read then; a deleted one sends nothing; a worker that dies mid-send still gives one send.
 */

// Friday 23 October 2026, 23:40 in Vienna (UTC+2). Clocks go back on Sunday 25th, and Monday 26th
// is Austria's National Day: the first working start is Tuesday 27 October 09:00 (UTC+1).
let clock = new Date('2026-10-23T21:40:00Z');
const ME = 'freelancer@contoso.example';
const nineToFive = [{ start: '09:00', end: '17:00' }];
const settings = {
  timeZone: 'Europe/Vienna', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: { country: 'AT' }, hold: { enabled: true },
};

interface Held { id: string; state: string; subject: string; sendAt: string; reason: string }

describe('held drafts on Outlook', () => {
  let s: MicrosoftService;
  let accountId: string;
  const call = async (path: string, method = 'GET') => {
    const res = await fetch(`${s.baseUrl}${path}`, { method, headers: s.auth });
    return { status: res.status, body: (await res.json()) as any };
  };
  const held = async (): Promise<Held[]> => (await call('/api/held')).body.held;
  const activity = async (kind: string) => ((await call(`/api/activity?kind=${kind}`)).body as { entries: Array<{ summary: string }> }).entries;
  const markDraft = (subject: string, text: string) =>
    s.emulator.control.drafts.create({ to: 'Lena Huber <lena@kunde.example>', subject, text, categories: ['Blue category', HOLD_CATEGORY] });
  // New inbox mail brings a change notification, and with it a mailbox sync that looks at drafts.
  const syncNow = () => s.emulator.control.injectMessage({ from: 'Shop <news@shop.example>', to: [ME], subject: 'Weekly offers', headers: { 'List-Unsubscribe': '<mailto:u@shop.example>' } });
  const copies = async (text: string) => (await s.emulator.control.sent()).filter((m) => m.raw.includes(text)).length;

  beforeAll(async () => {
    s = await startMicrosoftService({ now: () => clock });
    const put = await fetch(`${s.baseUrl}/api/settings`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    expect(put.status).toBe(200);
    accountId = await connectMicrosoft(s);
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('a draft marked at 23:40 goes at 09:00 local after a DST change and a holiday; its edit is what goes; a deleted one sends nothing', async () => {
    const plain = markDraft('Logo files', 'Here are the files.');
    const edited = markDraft('Invoice', 'First wording.');
    const deleted = markDraft('Scope', 'Never mind.');
    s.emulator.control.drafts.create({ to: 'lena@kunde.example', subject: 'Not marked', text: 'Stays a draft.' });
    await syncNow();
    const all = await until(async () => {
      const list = await held();
      return list.length === 3 && list;
    });
    expect(all.map((h) => h.sendAt)).toEqual(['2026-10-27T08:00:00.000Z', '2026-10-27T08:00:00.000Z', '2026-10-27T08:00:00.000Z']);
    expect(all[0]!.reason).toMatch(/Tuesday 27 October 09:00 \(Europe\/Vienna\)/);

    // The hot path: a scan reads only drafts that are new or changed since the last one.
    const provider = await s.runtime.pipeline.providers((await getAccount(s.runtime.database.db, accountId))!);
    const known = await heldDraftVersions(s.runtime.database.db, accountId);
    expect([...known.keys()].sort()).toEqual([plain, edited, deleted].sort());
    expect(await provider.heldDrafts!.listMarked(known)).toEqual([]);
    s.emulator.control.drafts.edit(edited, { text: 'Second, kinder wording.' });
    expect((await provider.heldDrafts!.listMarked(known)).map((d) => d.draftId)).toEqual([edited]);
    s.emulator.control.drafts.remove(deleted);
    expect(await s.emulator.control.sent()).toEqual([]);

    clock = new Date('2026-10-27T08:00:00Z');
    for (const job of await s.runtime.producer.queue('send').getDelayed()) await job.promote();
    await until(async () => (await s.emulator.control.sent()).length === 2 && (await held()).length === 0);
    expect(await copies('Second, kinder wording.')).toBe(1);
    expect(await copies('Here are the files.')).toBe(1);
    expect(await copies('First wording.')).toBe(0);
    expect(await copies('Never mind.')).toBe(0);
    expect(s.emulator.control.drafts.message(plain)).toBeUndefined();
    expect((await activity('held.gone'))[0]?.summary).toMatch(/draft to lena@kunde\.example "Scope" was deleted while it waited, so nothing was sent/);
    expect((await activity('held.edited'))[0]?.summary).toMatch(/edited version is the one that goes/);
    expect(await activity('held.sent')).toHaveLength(2);
  });

  it('exactly one send when the job runs twice at once, or a worker dies before or after Graph sent it', async () => {
    clock = new Date('2026-10-27T21:40:00Z'); // Tuesday 22:40
    const twice = markDraft('Twice', 'One copy only (twice).');
    const before = markDraft('Killed before', 'One copy only (before).');
    const after = markDraft('Killed after', 'One copy only (after).');
    await syncNow();
    const rows = await until(async () => {
      const list = await held();
      return list.length === 3 && list;
    });
    const idOf = (subject: string) => rows.find((h) => h.subject === subject)!.id;
    const ctx = s.runtime.pipeline;

    // However often mail arrives, an account's drafts are listed at most every two minutes.
    const account = (await getAccount(ctx.db, accountId))!;
    const heldDrafts = (await ctx.providers(account)).heldDrafts!;
    const late = markDraft('Late', 'Marked a minute later.');
    expect(await scanHeldDrafts(ctx, account, heldDrafts)).toBe(0);
    clock = new Date(clock.getTime() + HELD_SCAN_EVERY_MS);
    expect(await scanHeldDrafts(ctx, account, heldDrafts)).toBe(1);
    const lateRow = (await held()).find((h) => h.subject === 'Late')!;
    expect((await call(`/api/held/${lateRow.id}/cancel`, 'POST')).status).toBe(200);
    expect(s.emulator.control.drafts.message(late)?.isDraft).toBe(true);

    expect(await sendHeld(ctx, idOf('Twice'))).toBe('not-yet');
    const messageIdOf = (draftId: string) => s.emulator.control.drafts.message(draftId)!.internetMessageId;
    // The worker recorded `sending` and died before calling Graph.
    expect(await transitionHeld(ctx.db, idOf('Killed before'), ['waiting'], 'sending', { messageId: messageIdOf(before) })).toBe(true);
    // It recorded `sending`, Graph sent the draft (moved to Sent Items), and it died before recording `sent`.
    expect(await transitionHeld(ctx.db, idOf('Killed after'), ['waiting'], 'sending', { messageId: messageIdOf(after) })).toBe(true);
    const provider = await ctx.providers((await getAccount(ctx.db, accountId))!);
    await provider.heldDrafts!.send(after);

    clock = new Date('2026-10-28T08:00:00Z');
    const both = await Promise.all([sendHeld(ctx, idOf('Twice')), sendHeld(ctx, idOf('Twice'))]);
    expect(both.sort()).toEqual(['already-done', 'sent']);
    expect(await sendHeld(ctx, idOf('Killed before'))).toBe('sent');
    expect(await sendHeld(ctx, idOf('Killed after'))).toBe('recovered');
    for (const subject of ['Twice', 'Killed before', 'Killed after']) expect(await sendHeld(ctx, idOf(subject))).toBe('already-done');
    expect([await copies('(twice)'), await copies('(before)'), await copies('(after)'), await copies('a minute later')]).toEqual([1, 1, 1, 0]);
    expect((await getHeld(ctx.db, idOf('Killed after')))?.state).toBe('sent');
    expect(s.emulator.control.drafts.message(twice)).toBeUndefined();
    expect((await activity('held.sent')).find((e) => e.summary.includes('Killed after'))?.summary).toMatch(/found in your sent mail after an interruption; not sent again/);
  });
});
