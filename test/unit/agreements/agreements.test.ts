import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { changeContract, contractEvidence, contractRequestDraft, effectiveStatus, NO_CONTRACT, withEvidence, type ContractState } from '../../../src/domain/agreements/contract.js';
import { firstContactNote } from '../../../src/domain/agreements/first-contact.js';
import { confirmsRecap, decisionSentence, recapDraft } from '../../../src/domain/agreements/recap.js';
import { decideMessage } from '../../../src/domain/decide-message.js';
import type { MessageMeta } from '../../../src/domain/message.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import { REPLY_LANGUAGES, type ReplyLanguage } from '../../../src/domain/settings.js';
import { detectSignals } from '../../../src/domain/signals/index.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const settings = (extra: Record<string, unknown> = {}) =>
  parseSettings({
    timeZone: 'Europe/Tirane', name: 'Elira', addresses: ['elira@hoxha.studio'], promisedResponseHours: 8, paymentTerms: 'half up front, the rest within 14 days of delivery.',
    week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, ...extra,
  });
const now = DateTime.fromISO('2026-11-25T21:00:00Z');
const message = (over: Partial<MessageMeta> = {}): MessageMeta => ({
  provider: 'google', providerMessageId: 'm1', threadId: 't1', messageId: '<m1@acme.example>', from: { name: 'Ana Lee', address: 'ana@acme.example' }, replyTo: [], to: [{ address: 'elira@hoxha.studio' }], cc: [], bcc: [],
  dateHeader: 'Wed, 25 Nov 2026 16:00:00 -0500', receivedAt: '2026-11-25T21:00:00Z', subject: 'Website', headers: {}, labels: ['inbox'], ...over,
});

/** Words each language's texts must contain: the proof it is that language and says the thing. */
const WORDS: Record<ReplyLanguage, { hours: RegExp; response: RegExp; recap: RegExp; contract: RegExp }> = {
  en: { hours: /working hours/, response: /8 working hours/, recap: /To confirm what we agreed/, contract: /short signed agreement/ },
  ru: { hours: /рабочие часы/, response: /8 рабочих часов/, recap: /о чём мы договорились/, contract: /подписанному договору/ },
  sq: { hours: /Orari im i punës/, response: /8 orëve të punës/, recap: /ramë dakord/, contract: /marrëveshje të shkurtër të nënshkruar/ },
  tl: { hours: /oras ng trabaho/, response: /8 oras ng trabaho/, recap: /napagkasunduan/, contract: /pirmadong kasunduan/ },
  kk: { hours: /жұмыс уақытым/, response: /8 жұмыс сағаты/, recap: /Келіскенімізді/, contract: /қол қойылған келісімшартпен/ },
};

describe('first-contact note', () => {
  it.each(REPLY_LANGUAGES)('%s: hours in both zones, response time, payment terms, signed by the user', (language) => {
    const note = firstContactNote(message(), settings(), null, language, now);
    expect(note.subject).toBe('Re: Website');
    expect(note.text).toMatch(WORDS[language].hours);
    expect(note.text).toMatch(WORDS[language].response);
    expect(note.text).toContain('half up front, the rest within 14 days of delivery');
    expect(note.text).toMatch(/Elira$/);
    expect(note.text).not.toMatch(/\{|\}/);
    // The client writes from UTC-5: the hours are also given on their clock, as in the after-hours reply.
    expect(note.text).toMatch(/UTC-5|-05|GMT-5|03:00/);
  });

  it('leaves out what the user has not set, and gives the emergency route only when the user set one', () => {
    const plain = firstContactNote(message(), settings({ paymentTerms: undefined }), null, 'en', now).text;
    expect(plain).not.toMatch(/Payment terms|urgent|\+355/);
    const withEmergency = { ...settings(), emergency: { text: 'If the site is down, call +355 69 000 0000.', byLanguage: { sq: 'Nëse faqja bie, më telefononi në +355 69 000 0000.' } } };
    expect(firstContactNote(message(), withEmergency, null, 'en', now).text).toContain('If the site is down, call +355 69 000 0000.');
    expect(firstContactNote(message(), withEmergency, null, 'sq', now).text).toContain('Nëse faqja bie, më telefononi në +355 69 000 0000.');
  });

  it("'fold' puts the key line into the first after-hours reply to a sender, and only the first", () => {
    const s = settings({ firstContact: { mode: 'fold' } });
    const first = decideMessage(message(), s, {}, now);
    expect(first.action).toBe('auto-reply');
    expect(first.reply!.text).toContain('A word on how I work: I answer messages within 8 working hours.');
    const later = decideMessage(message({ providerMessageId: 'm2', messageId: '<m2@acme.example>' }), s, { lastReplyToSenderAt: '2026-11-10T21:00:00Z' }, now);
    expect(later.reply!.text).not.toContain('how I work');
    expect(decideMessage(message(), settings(), {}, now).reply!.text).not.toContain('how I work');
  });
});

describe('recaps', () => {
  it.each(REPLY_LANGUAGES)('%s: quotes the client’s decision and asks for a short confirmation', (language) => {
    const draft = recapDraft(message(), 'Option B, final decision.', settings(), language);
    expect(draft.text).toMatch(WORDS[language].recap);
    expect(draft.text).toContain('Option B, final decision.');
    expect(draft.text).toMatch(/Elira$/);
  });

  it('quotes the whole sentence that holds the decision', () => {
    const text = 'Thanks for the drafts.\nWe looked at both. Option B, final decision. Talk soon!';
    const [signal] = detectSignals({ subject: 'Drafts', body: text, headers: {}, receivedAt: now.toISO()! }, { settings: settings(), client: null, language: 'en' }).filter((s) => s.code === 'decision');
    expect(decisionSentence(`Drafts.\n${text}`, signal!.evidence)).toBe('Option B, final decision.');
  });

  it.each([
    ['en', 'Yes, confirmed. Thanks!', true], ['en', 'Yes, but make it blue instead.', false], ['en', 'Not quite: the date is wrong.', false],
    ['ru', 'Да, всё верно.', true], ['ru', 'Да, но срок другой.', false],
    ['sq', 'Po, e konfirmoj.', true], ['sq', 'Jo, nuk është kështu.', false],
    ['tl', 'Oo, tama po.', true], ['tl', 'Salamat po, ipapadala ko bukas.', false], ['tl', 'Hindi po, iba ang napag-usapan.', false],
    ['kk', 'Иә, бәрі дұрыс.', true], ['kk', 'Иә, бірақ мерзімі басқа.', false],
  ] as Array<[ReplyLanguage, string, boolean]>)('%s: "%s" confirms: %s', (language, body, confirms) => {
    expect(confirmsRecap('Re: Website', body, language)).toBe(confirms);
  });

  it('reads only the reply, not the quoted recap under it', () => {
    expect(confirmsRecap('Re: Website', 'Let me think about it.\n\nOn Wed, Elira wrote:\n> If that is right, a short "yes, confirmed" is all I need.', 'en')).toBe(false);
  });
});

describe('contract status', () => {
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
  const set = (s: ContractState, change: Parameters<typeof changeContract>[1], when = '2026-11-25T10:00:00Z') => {
    const r = changeContract(s, change, at(when));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };

  it('goes none → sent → signed → expired (past its end date), each with its date and a history', () => {
    const sent = set(NO_CONTRACT, { status: 'sent' }, '2026-11-02T10:00:00Z');
    expect(sent).toMatchObject({ status: 'sent', sentAt: '2026-11-02T10:00:00.000Z' });
    const signed = set(sent, { status: 'signed', expiresAt: '2026-12-31T22:59:59.000Z' }, '2026-11-05T10:00:00Z');
    expect(signed).toMatchObject({ status: 'signed', sentAt: '2026-11-02T10:00:00.000Z', signedAt: '2026-11-05T10:00:00.000Z' });
    expect(effectiveStatus(signed, at('2026-12-01T00:00:00Z'))).toBe('signed');
    expect(effectiveStatus(signed, at('2027-01-01T00:00:00Z'))).toBe('expired');
    expect(signed.history.map((h) => `${h.from}→${h.to}`)).toEqual(['none→sent', 'sent→signed']);
    expect(set(signed, { status: 'none' }).sentAt).toBeNull();
  });

  it('refuses dates that cannot be, naming the field', () => {
    const future = changeContract(NO_CONTRACT, { status: 'signed', signedAt: '2027-01-01T00:00:00Z' }, at('2026-11-25T10:00:00Z'));
    expect(!future.ok && future.issues.map((i) => i.path)).toEqual(['signedAt']);
    const backwards = changeContract(NO_CONTRACT, { status: 'signed', signedAt: '2026-11-20T00:00:00Z', expiresAt: '2026-11-01T00:00:00Z' }, at('2026-11-25T10:00:00Z'));
    expect(!backwards.ok && backwards.issues.map((i) => i.path)).toEqual(['expiresAt']);
  });

  it('mail suggests, never sets: a refusal is recorded once, suggestions only move forward', () => {
    const signals = (text: string) => detectSignals({ subject: '', body: text, headers: {}, receivedAt: now.toISO()! }, { settings: settings(), client: null, language: 'en' });
    const refusal = contractEvidence('in', signals("No need for a contract, let's just start."), '');
    expect(refusal).toEqual({ kind: 'refusal', evidence: 'No need for a contract' });
    const refused = withEvidence(NO_CONTRACT, refusal!, now, '<m1@acme.example>')!;
    expect(refused).toMatchObject({ status: 'none', refusal: 'No need for a contract' });
    expect(withEvidence(refused, refusal!, now, null)).toBeNull();

    const signedText = 'Attached is the signed contract for the website.';
    const signedBack = contractEvidence('in', signals(signedText), signedText)!;
    expect(signedBack).toMatchObject({ kind: 'suggest', status: 'signed' });
    expect(withEvidence(refused, signedBack, now, null)?.suggestion).toMatchObject({ status: 'signed' });
    expect(contractEvidence('out', [], 'Here you go', ['Contract-Acme-2026.pdf'])).toEqual({ kind: 'suggest', status: 'sent', evidence: 'Contract-Acme-2026.pdf' });
    expect(contractEvidence('out', [], 'Photos', ['beach.jpg'])).toBeNull();
    // Already signed: "sent" adds nothing.
    const signed = set(NO_CONTRACT, { status: 'signed' });
    expect(withEvidence(signed, { kind: 'suggest', status: 'sent', evidence: 'contract.pdf' }, now, null)).toBeNull();
  });

  it.each(REPLY_LANGUAGES)('%s: the contract request explains the short signed agreement, politely', (language) => {
    const draft = contractRequestDraft(message({ subject: "Let's start" }), settings(), language);
    expect(draft.subject).toBe("Re: Let's start");
    expect(draft.text).toMatch(WORDS[language].contract);
    expect(draft.text).toMatch(/Elira$/);
  });
});
