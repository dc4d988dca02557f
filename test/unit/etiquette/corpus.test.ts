import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideMessage } from '../../../src/domain/decide-message.js';
import { checkEtiquette, etiquetteReasons } from '../../../src/domain/etiquette/index.js';
import { parseEml } from '../../../src/mail/eml.js';
import { NOW, settings } from '../../fixtures/build.js';

const dir = new URL('../../fixtures/eml/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as {
  now: string;
  messages: Record<string, { expect: string; note: string; source?: string }>;
};
const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
const load = (f: string) => parseEml(readFileSync(new URL(f, dir)));

describe('the .eml corpus', () => {
  it('has a manifest entry for every file and a file for every entry', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(Object.keys(manifest.messages).sort()).toEqual(files);
    expect(NOW.toMillis()).toBe(Date.parse(manifest.now));
  });

  it.each(files)('%s gets its expected verdict', async (file) => {
    const decision = decideMessage(await load(file), settings, {}, NOW);
    const verdict = decision.action === 'auto-reply' ? 'reply' : decision.reasons[0]!.code;
    expect(verdict, manifest.messages[file]!.note).toBe(manifest.messages[file]!.expect);
    if (decision.action !== 'auto-reply') expect(decision.reply).toBeUndefined();
    if (decision.action === 'auto-reply') expect(decision.reply?.to.address).toBeTruthy();
  });

  it.each(files)('%s: the first etiquette reason is also in the full list', async (file) => {
    const meta = await load(file);
    const first = checkEtiquette(meta, settings);
    const all = etiquetteReasons(meta, settings);
    expect(all[0] ?? null).toEqual(first);
  });

  // Issue 15: machine mail outside RFC 3834, studied in Zammad, OTRS/Znuny, RT, Discourse and GitLab.
  const MARKER_CODES = ['autoreply-header', 'precedence-auto-reply', 'ticket-system-loop', 'loop-header', 'calendar-response'];
  const added = files.filter((f) => Number(f.slice(0, 2)) >= 41);

  it('grows by at least 40 messages from studied systems, each naming its source', () => {
    expect(added.length).toBeGreaterThanOrEqual(40);
    for (const f of added) expect(manifest.messages[f]!.source, f).toMatch(/\S{3}/);
  });

  it.each(MARKER_CODES)('%s has a fixture it refuses and a human look-alike that is still answered', (code) => {
    const entries = Object.values(manifest.messages);
    expect(entries.some((e) => e.expect === code)).toBe(true);
    expect(entries.some((e) => e.expect === 'reply' && e.note.includes(`look-alike for ${code}`))).toBe(true);
  });
});
