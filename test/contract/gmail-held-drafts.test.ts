import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canHoldDrafts, HOLD_LABEL } from '../../src/providers/gmail/held-drafts.js';
import type { HeldDrafts } from '../../src/providers/types.js';
import type { GoogleControl } from '../../dev/emulators/google/control.js';
import { googleHarness } from './google-harness.js';

/** The Gmail held-drafts capability (issue 21) against the Google emulator; page size 2 so paging runs. */

const mime = (subject: string, text: string, to = 'Ana <ana@client.example>') =>
  `From: me@freelancer.test\r\nTo: ${to}\r\nCc: bo@client.example\r\nSubject: ${subject}\r\n\r\n${text}\r\n`;

describe('gmail held drafts', () => {
  const harness = googleHarness({ heldDrafts: true, pageSize: 2 });
  let held: HeldDrafts;
  let control: GoogleControl;
  beforeEach(async () => {
    const { mail } = await harness.start();
    held = (mail as { heldDrafts?: HeldDrafts }).heldDrafts!;
    control = harness.emulator().control;
  });
  afterEach(() => harness.stop());

  it('is offered only when asked for, and only grants with compose or modify allow it', () => {
    expect(held).toBeDefined();
    expect(canHoldDrafts('openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send')).toBe(false);
    expect(canHoldDrafts('https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.compose')).toBe(true);
    expect(canHoldDrafts('https://www.googleapis.com/auth/gmail.modify')).toBe(true);
    expect(canHoldDrafts(undefined)).toBe(false);
  });

  it('creates the label when missing, once, and lists only marked drafts across pages', async () => {
    expect(await held.listMarked()).toEqual([]);
    expect([...control.state.labels.values()].map((l) => l.name)).toEqual([HOLD_LABEL]);
    const ids = [0, 1, 2, 3, 4].map((i) => control.drafts.create(mime(`d${i}`, `text ${i}`)));
    for (const id of [ids[0]!, ids[2]!, ids[4]!]) control.drafts.label(id, HOLD_LABEL);
    const marked = await held.listMarked();
    expect(marked.map((d) => d.draftId).sort()).toEqual([ids[0], ids[2], ids[4]].sort());
    expect(marked.find((d) => d.draftId === ids[2])).toMatchObject({ subject: 'd2', marked: true, recipients: ['ana@client.example', 'bo@client.example'],
      messageId: expect.stringMatching(/^<.+>$/), threadId: expect.any(String) });
    expect(control.state.labels.size).toBe(1);
    expect(control.log().filter((e) => e.method === 'POST' && e.path.endsWith('/labels'))).toHaveLength(1);
  });

  it('uses a label the user made already, whatever its case', async () => {
    control.state.labels.set('Label_9', { id: 'Label_9', name: HOLD_LABEL.toUpperCase() });
    const id = control.drafts.create(mime('Plan', 'x'));
    control.drafts.label(id, HOLD_LABEL.toUpperCase());
    expect((await held.listMarked()).map((d) => d.draftId)).toEqual([id]);
    expect(control.state.labels.size).toBe(1);
  });

  it('the fingerprint changes with an edit and not with a mark; a deleted draft reads as null; send sends what is there now', async () => {
    const id = control.drafts.create(mime('Plan', 'first'));
    const before = await held.get(id);
    expect(before?.marked).toBe(false);
    control.drafts.label(id, HOLD_LABEL);
    const marked = await held.get(id);
    expect(marked).toMatchObject({ marked: true, fingerprint: before!.fingerprint });
    control.drafts.edit(id, mime('Plan', 'second'));
    const edited = await held.get(id);
    expect(edited!.fingerprint).not.toBe(before!.fingerprint);
    expect(edited!.messageId).not.toBe(before!.messageId);
    const sent = await held.send(id);
    expect(sent.providerMessageId).toEqual(expect.any(String));
    expect((await control.sent()).map((s) => s.raw)).toEqual([expect.stringContaining('second')]);
    expect(await held.get(id)).toBeNull();
    await expect(held.send(id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('with the versions of drafts already read, lists only new or edited ones, without reading the rest', async () => {
    const ids = ['a', 'b', 'c'].map((x) => control.drafts.create(mime(x, x)));
    for (const id of ids) control.drafts.label(id, HOLD_LABEL);
    const first = await held.listMarked();
    const known = new Map(first.map((d) => [d.draftId, d.version]));
    const reads = () => control.log().filter((e) => e.method === 'GET' && /\/drafts\/[^/]+$/.test(e.path)).length;
    const before = reads();
    expect(await held.listMarked(known)).toEqual([]);
    control.drafts.edit(ids[1]!, mime('b', 'b, edited'));
    const fresh = control.drafts.create(mime('d', 'd'));
    control.drafts.label(fresh, HOLD_LABEL);
    expect((await held.listMarked(known)).map((d) => d.draftId).sort()).toEqual([ids[1], fresh].sort());
    expect(reads() - before).toBe(2);
  });
});
