import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideMessage } from '../../../src/domain/decide-message.js';
import { checkEtiquette, etiquetteReasons } from '../../../src/domain/etiquette/index.js';
import { parseEml } from '../../../src/mail/eml.js';
import { NOW, settings } from '../../fixtures/build.js';

const dir = new URL('../../fixtures/eml/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as {
  now: string;
  messages: Record<string, { expect: string; note: string }>;
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
});
