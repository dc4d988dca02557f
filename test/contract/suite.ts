import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, type CalendarProvider, type MailProvider, type ProviderErrorKind } from '../../src/providers/types.js';
import type { EmulatorControl, ProviderHarness } from '../../dev/emulators/harness.js';

/**
 * One provider contract, run against every adapter + emulator pair (Gmail, Graph, and any
 * independent emulator). Only the narrow interfaces are used here, never vendor JSON.
 * Each test starts a fresh harness, so every test owns its data.
 */

async function failureKind(work: Promise<unknown>): Promise<ProviderError> {
  try {
    await work;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the call to fail with a ProviderError');
}

async function expectKind(work: Promise<unknown>, kind: ProviderErrorKind): Promise<ProviderError> {
  const err = await failureKind(work);
  expect(err.kind, err.message).toBe(kind);
  return err;
}

/** Whole minutes, so providers that drop seconds or milliseconds still compare equal. */
const hoursFromNow = (h: number): string =>
  new Date(Math.floor(Date.now() / 60_000) * 60_000 + h * 3_600_000).toISOString();

export function providerContract(harness: ProviderHarness): void {
  describe(`provider contract: ${harness.name}`, () => {
    let mail: MailProvider;
    let calendar: CalendarProvider;
    let control: EmulatorControl;

    beforeEach(async () => {
      ({ mail, calendar, control } = await harness.start());
    });
    afterEach(async () => {
      await harness.stop();
    });

    describe('mail', () => {
      it('profile names the mailbox address', async () => {
        const profile = await mail.profile();
        expect(profile.address.toLowerCase()).toBe(control.userAddress.toLowerCase());
      });

      it('baseline excludes mail that was already there (backlog)', async () => {
        await control.injectMessage({ from: 'old@client.example', to: [control.userAddress], subject: 'backlog' });
        const cursor = await mail.baseline();
        const changes = await mail.mailChangesSince(cursor);
        expect(changes.messages.map((m) => m.subject)).not.toContain('backlog');
        expect(typeof changes.cursor).toBe('string');
      });

      it('a new message appears with normalized fields', async () => {
        const cursor = await mail.baseline();
        const injected = await control.injectMessage({
          from: 'Ana Client <Ana@Client.Example>',
          to: [control.userAddress],
          cc: ['Bo <bo@client.example>'],
          subject: 'Invoice question',
          date: 'Tue, 3 Mar 2026 22:15:00 +0100',
          headers: { 'Auto-Submitted': 'auto-generated', 'List-Id': '<news.client.example>' },
        });
        const { messages } = await mail.mailChangesSince(cursor);
        expect(messages).toHaveLength(1);
        const m = messages[0]!;
        expect(m.providerMessageId).toBe(injected.providerMessageId);
        expect(m.threadId).toBe(injected.threadId);
        expect(m.from).toEqual({ name: 'Ana Client', address: 'ana@client.example' });
        expect(m.to.map((a) => a.address)).toEqual([control.userAddress.toLowerCase()]);
        expect(m.cc).toEqual([{ name: 'Bo', address: 'bo@client.example' }]);
        expect(m.subject).toBe('Invoice question');
        expect(m.messageId).toMatch(/^<.+@.+>$/);
        expect(m.dateHeader).toBe('Tue, 3 Mar 2026 22:15:00 +0100');
        expect(m.headers['auto-submitted']).toBe('auto-generated');
        expect(m.headers['list-id']).toBe('<news.client.example>');
        expect(Number.isNaN(Date.parse(m.receivedAt))).toBe(false);
        expect(m.labels).toContain('inbox');
      });

      it('spam is labelled spam', async () => {
        const cursor = await mail.baseline();
        await control.injectMessage({ from: 'x@spam.example', to: [control.userAddress], subject: 'win', labels: ['SPAM'] });
        await control.injectMessage({ from: 'a@client.example', to: [control.userAddress], subject: 'real' });
        const { messages } = await mail.mailChangesSince(cursor);
        const spam = messages.find((m) => m.subject === 'win');
        // Providers may either skip spam or return it labelled: never as plain inbox mail.
        if (spam) expect(spam.labels).toContain('spam');
        expect(messages.find((m) => m.subject === 'real')?.labels).not.toContain('spam');
      });

      it('pages through many messages without loss or duplicates', async () => {
        const cursor = await mail.baseline();
        const count = 130;
        for (let i = 0; i < count; i++) {
          await control.injectMessage({ from: `c${i}@client.example`, to: [control.userAddress], subject: `bulk ${i}` });
        }
        const { messages } = await mail.mailChangesSince(cursor);
        const subjects = new Set(messages.map((m) => m.subject));
        expect(messages).toHaveLength(count);
        expect(subjects.size).toBe(count);
      });

      it('replaying a cursor is harmless and the new cursor moves on', async () => {
        const cursor = await mail.baseline();
        await control.injectMessage({ from: 'a@client.example', to: [control.userAddress], subject: 'one' });
        await control.injectMessage({ from: 'b@client.example', to: [control.userAddress], subject: 'two' });
        const first = await mail.mailChangesSince(cursor);
        const again = await mail.mailChangesSince(cursor);
        const ids = (c: typeof first) => c.messages.map((m) => m.providerMessageId).sort();
        expect(ids(again)).toEqual(ids(first));
        expect(first.messages).toHaveLength(2);
        const next = await mail.mailChangesSince(first.cursor);
        expect(next.messages).toHaveLength(0);
      });

      it('an expired cursor is cursor_expired, and resyncSince recovers', async () => {
        const cursor = await mail.baseline();
        const since = new Date(Date.now() - 60_000).toISOString();
        await control.injectMessage({ from: 'a@client.example', to: [control.userAddress], subject: 'during outage' });
        await control.expireMailCursor();
        await expectKind(mail.mailChangesSince(cursor), 'cursor_expired');
        const resync = await mail.resyncSince(since);
        expect(resync.messages.map((m) => m.subject)).toContain('during outage');
        for (const m of resync.messages) expect(Date.parse(m.receivedAt)).toBeGreaterThanOrEqual(Date.parse(since) - 1000);
        await control.injectMessage({ from: 'b@client.example', to: [control.userAddress], subject: 'after resync' });
        const next = await mail.mailChangesSince(resync.cursor);
        expect(next.messages.map((m) => m.subject)).toEqual(['after resync']);
      });

      it('send then findSent round-trips; exactly one message goes out, headers intact', async () => {
        const messageId = `<contract-${Date.now()}@boundary.test>`;
        const mime = [
          `From: ${control.userAddress}`,
          'To: ana@client.example',
          'Subject: Re: Invoice question',
          `Message-ID: ${messageId}`,
          'Auto-Submitted: auto-replied',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Thanks, I will answer tomorrow morning.',
          '',
        ].join('\r\n');
        expect(await mail.findSent(messageId)).toBeNull();
        await mail.send({ mime, messageId });
        const sent = await control.sent();
        expect(sent).toHaveLength(1);
        expect(sent[0]!.raw).toMatch(/^Auto-Submitted: auto-replied\r?$/m);
        expect(sent[0]!.raw).toContain(messageId);
        const found = await mail.findSent(messageId);
        expect(found).not.toBeNull();
      });

      it('sentSince lists what the user sent', async () => {
        const since = new Date(Date.now() - 60_000).toISOString();
        await control.injectSentMessage({ from: control.userAddress, to: ['ana@client.example'], subject: 'proposal' });
        const { messages: sent } = await mail.sentSince(since, 10);
        expect(sent.map((m) => m.subject)).toContain('proposal');
        expect(sent.find((m) => m.subject === 'proposal')?.to[0]?.address).toBe('ana@client.example');
      });

      it('sentSince leaves out the messages the caller already knows', async () => {
        const since = new Date(Date.now() - 60_000).toISOString();
        await control.injectSentMessage({ from: control.userAddress, to: ['ana@client.example'], subject: 'known already' });
        const first = await mail.sentSince(since, 10);
        const known = new Set(first.messages.map((m) => m.providerMessageId));
        await control.injectSentMessage({ from: control.userAddress, to: ['ana@client.example'], subject: 'written since' });
        const again = await mail.sentSince(since, 10, known);
        expect(again.messages.map((m) => m.subject)).toEqual(['written since']);
        expect(again.incomplete).toBeUndefined();
      });
    });

    describe('errors map to kinds', () => {
      const noStatus = harness.unsupportedFaults?.status;
      const itStatus = noStatus ? it.skip : it;
      if (noStatus) it.skip(`HTTP status faults: ${noStatus}`, () => {});
      itStatus('429 is rate_limited with retryAfterMs from Retry-After', async () => {
        const cursor = await mail.baseline();
        await control.fault({ kind: 'status', status: 429, retryAfterSeconds: 7, times: 1 });
        const err = await expectKind(mail.mailChangesSince(cursor), 'rate_limited');
        expect(err.retryAfterMs).toBe(7000);
        // The fault is consumed: the adapter did not retry on its own (the job layer does).
        await expect(mail.mailChangesSince(cursor)).resolves.toBeDefined();
      });

      itStatus.each([500, 503] as const)('%i is transient', async (status) => {
        const cursor = await mail.baseline();
        await control.fault({ kind: 'status', status, times: 1 });
        await expectKind(mail.mailChangesSince(cursor), 'transient');
      });

      itStatus('a 503 with Retry-After is transient and says when to come back', async () => {
        const cursor = await mail.baseline();
        await control.fault({ kind: 'status', status: 503, retryAfterSeconds: 4, times: 1 });
        const err = await expectKind(mail.mailChangesSince(cursor), 'transient');
        expect(err.retryAfterMs).toBe(4000);
      });

      it('a connection reset is transient', async () => {
        const cursor = await mail.baseline();
        await control.fault({ kind: 'reset', times: 1 });
        await expectKind(mail.mailChangesSince(cursor), 'transient');
      });

      it('revoked tokens are auth_revoked', async () => {
        await control.fault({ kind: 'revokeTokens' });
        await expectKind(mail.profile(), 'auth_revoked');
      });
    });

    describe('calendar', () => {
      it('an invitation appears, and answering it tentatively with a comment is stored', async () => {
        const cursor = await calendar.calendarBaseline();
        const { providerEventId } = await control.injectEvent({
          subject: 'Kick-off',
          organizer: 'ana@client.example',
          attendees: ['ana@client.example', control.userAddress],
          start: hoursFromNow(48),
          end: hoursFromNow(49),
        });
        const changes = await calendar.calendarChangesSince(cursor);
        const inv = changes.invitations.find((i) => i.providerEventId === providerEventId);
        expect(inv).toBeDefined();
        expect(inv!.subject).toBe('Kick-off');
        expect(inv!.selfResponse).toBe('needsAction');
        expect(inv!.organizer?.address).toBe('ana@client.example');
        expect(inv!.cancelled).toBe(false);
        expect(Date.parse(inv!.end) - Date.parse(inv!.start)).toBe(3_600_000);
        await calendar.answerInvitation(inv!, 'tentative', 'Outside my hours; tentatively yes.');
        const stored = await control.eventResponse(providerEventId);
        expect(stored.response).toMatch(/tentative/i);
        expect(stored.comment ?? '').toContain('Outside my hours');
      });

      it('the calendar cursor moves on, and an expired one is cursor_expired', async () => {
        const cursor = await calendar.calendarBaseline();
        const first = await calendar.calendarChangesSince(cursor);
        expect(first.invitations).toHaveLength(0);
        await control.expireCalendarCursor();
        await expectKind(calendar.calendarChangesSince(first.cursor), 'cursor_expired');
        await expect(calendar.calendarBaseline()).resolves.toEqual(expect.any(String));
      });

      it('freeBusy returns the busy intervals', async () => {
        const start = hoursFromNow(24);
        const end = hoursFromNow(25);
        await control.busy(start, end);
        const busy = await calendar.freeBusy(hoursFromNow(20), hoursFromNow(30));
        expect(busy.map((b) => [Date.parse(b.start), Date.parse(b.end)])).toContainEqual([Date.parse(start), Date.parse(end)]);
      });
    });
  });
}
