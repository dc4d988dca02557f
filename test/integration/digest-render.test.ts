import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigestModel, renderDigestHtml } from '../../src/domain/digest/index.js';
import { emptyInput, NOW, scenarioInput } from '../unit/digest/scenario.js';

const CHROMIUM = '/usr/bin/chromium';
// Screenshots land outside the checkout; set DIGEST_PNG_DIR to keep them somewhere else.
const OUT = process.env.DIGEST_PNG_DIR ?? path.join(os.tmpdir(), 'boundary-digest');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`digest rendering test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** Renders the digest the way a mail client would: no network, no external resources. */
describe.skipIf(!hasChromium)('the HTML digest in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => browser?.close());

  async function render(html: string, file: string, width = 680) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(OUT, file), fullPage: true });
    return { page, requests };
  }

  it('is legible with images and external CSS unavailable, heatmap included', async () => {
    const html = renderDigestHtml(buildDigestModel(scenarioInput(), NOW));
    writeFileSync(path.join(OUT, 'digest.html'), html);
    const { page, requests } = await render(html, 'digest.png');
    expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    // Browser code as strings: this project type-checks without the DOM library.
    const text = (await page.evaluate('document.body.innerText')) as string;
    expect(text).toContain('Good morning, Drita.');
    expect(text).toContain('NEEDS YOU TODAY');
    expect(text.indexOf('NEEDS YOU TODAY')).toBeLessThan(text.indexOf('WHILE YOU WERE OFF'));
    const layout = (await page.evaluate(`(() => {
      const cells = [...document.querySelectorAll('td[title]')];
      return {
        cells: cells.length,
        coloured: new Set(cells.map((c) => getComputedStyle(c).backgroundColor)).size,
        cellWidth: Math.round(cells[0].getBoundingClientRect().width),
        h1Size: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
        overflow: document.documentElement.scrollWidth > window.innerWidth,
      };
    })()`)) as { cells: number; coloured: number; cellWidth: number; h1Size: number; overflow: boolean };
    expect(layout.cells).toBe(168);
    expect(layout.coloured).toBeGreaterThanOrEqual(3); // usual hours, outside hours, and messages
    expect(layout.cellWidth).toBeGreaterThanOrEqual(15);
    expect(layout.h1Size).toBeGreaterThanOrEqual(20);
    expect(layout.overflow).toBe(false);
    await page.close();
  });

  it('renders an empty day as a short card', async () => {
    const { page } = await render(renderDigestHtml(buildDigestModel(emptyInput('2026-11-23'), NOW)), 'digest-empty.png');
    const height = (await page.evaluate(`document.querySelector('table[bgcolor="#ffffff"]').getBoundingClientRect().height`)) as number;
    expect(height).toBeGreaterThan(100);
    expect(height).toBeLessThan(300);
    await page.close();
  });
});
