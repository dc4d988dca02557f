import { describe, expect, it } from 'vitest';
import { buildDigestModel, renderDigestHtml } from '../../../src/domain/digest/index.js';
import { heatColour } from '../../../src/domain/digest/render-html.js';
import { emptyInput, NOW, scenarioInput } from './scenario.js';

describe('the HTML digest', () => {
  const model = buildDigestModel(scenarioInput(), NOW);
  const html = renderDigestHtml(model);

  it('renders without images, stylesheets or classes: inline styles only', () => {
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\sclass=/i);
    expect(html).not.toMatch(/url\(|https?:\/\//i);
    // Layout is tables (what Outlook's Word engine understands), not flex or grid.
    expect(html).not.toMatch(/display:\s*(flex|grid)/i);
    expect(html.match(/<table\b/g)!.length).toBeGreaterThan(3);
  });

  it('draws the heatmap as a 7×24 table of background colours, outside hours in warm tones', () => {
    const cells = [...html.matchAll(/<td bgcolor="(#[0-9a-f]{6})" title="(\w{3}) (\d\d):00 · (\d+)"/g)];
    expect(cells).toHaveLength(7 * 24);
    const fri20 = cells.find((c) => c[2] === 'Fri' && c[3] === '20')!;
    expect(fri20[4]).toBe('1');
    expect(fri20[1]).toBe(heatColour(1, model.heatmap.max, false));
    const mon10 = cells.find((c) => c[2] === 'Mon' && c[3] === '10')!;
    expect(mon10[1]).toBe(heatColour(0, model.heatmap.max, true));
    expect(heatColour(1, 2, false)).not.toBe(heatColour(1, 2, true));
    expect(heatColour(0, 2, true)).not.toBe(heatColour(0, 2, false));
  });

  it('names every account in the footer when all are healthy', () => {
    const input = scenarioInput();
    input.accounts[1] = { ...input.accounts[0]!, address: 'drita@outlook.com', provider: 'microsoft' };
    const out = renderDigestHtml(buildDigestModel(input, NOW));
    expect(out).toContain('2 accounts connected and healthy: drita@studio.al and drita@outlook.com.');
  });

  it('escapes whatever clients put in subjects', () => {
    const input = scenarioInput();
    input.inbound[0]!.subject = '<script>alert("x")</script> & co';
    const out = renderDigestHtml(buildDigestModel(input, NOW));
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });

  it('keeps an empty day short', () => {
    const empty = renderDigestHtml(buildDigestModel(emptyInput('2026-11-23'), NOW));
    expect(empty).toContain('A quiet stretch');
    expect(empty).not.toMatch(/title="Mon 00:00/);
    expect(empty.length).toBeLessThan(html.length / 4);
  });
});
