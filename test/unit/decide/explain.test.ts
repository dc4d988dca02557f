import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../../src/cli/explain.js';
import { EmlError, parseEml } from '../../../src/mail/eml.js';
import { rawSettings } from '../../fixtures/build.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const eml = (f: string) => path.join(fixtures, 'eml', f);
const settingsFile = path.join(fixtures, 'settings.json');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'boundary-explain-'));
function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await explainCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s), now: () => DateTime.fromISO('2025-12-02T07:30:00Z') });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('boundary explain', () => {
  it('prints the decision and the full reply, MIME included', async () => {
    const r = await run([eml('19-encoded-cyrillic.eml'), '--settings', settingsFile, '--now', '2025-12-02T07:30:00Z']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ action: 'auto-reply', category: 'after-hours', reasons: [{ code: 'after-hours' }] });
    expect(json.reply.language).toBe('ru');
    expect(json.reply.headers['Auto-Submitted']).toBe('auto-replied');
    const parsed = await simpleParser(json.reply.mime);
    expect(parsed.subject).toBe('Re: Счёт за ноябрь');
    expect(parsed.inReplyTo).toBe('<1764096000.ivan@client.ru>');
  });

  it('exits 0 for a blocked message and names every etiquette rule it trips', async () => {
    const r = await run([eml('07-newsletter.eml'), '--settings', settingsFile]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.action).toBe('none');
    expect(json.reply).toBeNull();
    expect(json.etiquette.map((e: { code: string }) => e.code)).toEqual(['list-header', 'precedence-bulk', 'noreply-sender']);
  });

  it('reads --history', async () => {
    const history = file('history.json', JSON.stringify({ lastReplyToSenderAt: '2025-12-01T10:00:00Z' }));
    const json = JSON.parse((await run([eml('01-client-after-hours.eml'), '--settings', settingsFile, '--history', history])).out);
    expect(json.reasons[0].code).toBe('already-replied-to-sender');
  });

  it.each([
    ['an unreadable message', () => [file('junk.eml', 'just some words, not mail'), '--settings', settingsFile], /Not an RFC 5322 message/],
    ['a missing message', () => [path.join(tmp, 'nope.eml'), '--settings', settingsFile], /cannot read message .*ENOENT/],
    ['invalid settings', () => [eml('01-client-after-hours.eml'), '--settings', file('bad.json', JSON.stringify({ ...rawSettings, timeZone: 'Mars/Olympus' }))], /invalid settings .*timeZone/],
    ['settings that are not JSON', () => [eml('01-client-after-hours.eml'), '--settings', file('bad2.json', '{')], /not valid JSON/],
    ['an unknown template placeholder', () => [eml('01-client-after-hours.eml'), '--settings', file('bad3.json', JSON.stringify({ ...rawSettings, templates: { default: { text: 'Hi {nam}' } } }))], /templates\.default\.text: unknown placeholder \{nam\}/],
    ['a bad --now', () => [eml('01-client-after-hours.eml'), '--settings', settingsFile, '--now', 'tomorrow'], /--now 'tomorrow'/],
    ['bad history', () => [eml('01-client-after-hours.eml'), '--settings', settingsFile, '--history', file('h.json', '{"lastReplyToSenderAt": 5}')], /lastReplyToSenderAt/],
    ['no --settings', () => [eml('01-client-after-hours.eml')], /--settings SETTINGS.json is required/],
  ] as const)('exits 2 with a clear message for %s', async (_, args, message) => {
    const r = await run([...args()]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toMatch(message);
  });
});

describe('parseEml', () => {
  it('rejects empty input and text without headers', async () => {
    await expect(parseEml('')).rejects.toBeInstanceOf(EmlError);
    await expect(parseEml(Buffer.from([0, 1, 2, 255]))).rejects.toThrow(/no header block/);
  });
  it('takes receivedAt from the topmost Received header, else Date', async () => {
    const withReceived = 'Received: from a by b; Tue, 25 Nov 2025 18:40:00 +0000\r\nReceived: from c by a; Tue, 25 Nov 2025 18:00:00 +0000\r\nFrom: x@y.example\r\nDate: Tue, 25 Nov 2025 10:00:00 +0000\r\n\r\nhi\r\n';
    expect((await parseEml(withReceived)).receivedAt).toBe('2025-11-25T18:40:00.000Z');
    expect((await parseEml('From: x@y.example\r\nDate: Tue, 25 Nov 2025 10:00:00 +0100\r\n\r\nhi\r\n')).receivedAt).toBe('2025-11-25T09:00:00.000Z');
    await expect(parseEml('From: x@y.example\r\nSubject: no date\r\n\r\nhi\r\n')).rejects.toThrow(/arrival time/);
  });
  it('normalizes addresses, keeps the rule headers raw and flags spam', async () => {
    const m = await parseEml(
      'Return-Path: <>\r\nFrom: =?UTF-8?B?0JjQstCw0L0=?= <IVAN@Client.RU>\r\nTo: a@b.example, Group: c@d.example;\r\nDate: Tue, 25 Nov 2025 10:00:00 +0300\r\nAuto-Submitted: Auto-Replied (vacation)\r\nX-Spam-Flag: YES\r\nReferences: <r1@x>\r\n <r2@x>\r\nMessage-ID: <m@x>\r\n\r\nHello there\r\n',
      { provider: 'microsoft' },
    );
    expect(m.from).toEqual({ name: 'Иван', address: 'ivan@client.ru' });
    expect(m.to.map((a) => a.address)).toEqual(['a@b.example', 'c@d.example']);
    expect(m.headers['return-path']).toBe('<>');
    expect(m.headers['auto-submitted']).toBe('Auto-Replied (vacation)');
    expect(m.headers['references']).toBe('<r1@x> <r2@x>');
    expect(m.labels).toContain('spam');
    expect(m).toMatchObject({ provider: 'microsoft', messageId: '<m@x>', threadId: '<r1@x>', dateHeader: 'Tue, 25 Nov 2025 10:00:00 +0300', snippet: 'Hello there' });
  });
});
