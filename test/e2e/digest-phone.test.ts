import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { composeDigest } from '../../src/pipeline/digest-build.js';
import { testDatabase } from '../../dev/support/runtime.js';
import { hasChromium, openChromium } from '../support/chromium.js';
import { seedScenario } from '../integration/digest-seed.js';
import type { DatabaseHandle } from '../../src/storage/db.js';

/** The digest mail at phone width in Chromium: nothing wider than the screen, no sideways scroll. */
describe.skipIf(!hasChromium)('the digest on a 390 px phone', () => {
  let browser: Browser;
  let page: Page;
  let handle: DatabaseHandle;
  const problems: string[] = [];
  beforeAll(async () => {
    handle = await testDatabase();
    ({ browser, page } = await openChromium(problems));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await handle?.close();
  });

  it('fits the screen, heat map included', async () => {
    const { user } = await seedScenario(handle.db, 'drita@studio.al');
    const digest = await composeDigest(handle.db, user.id, '2026-11-23', DateTime.fromISO('2026-11-23T07:00:00Z').toJSDate());
    await page.setViewportSize({ width: 390, height: 844 });
    await page.setContent(digest.html);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    expect(await page.locator('td[title^="Mon 09:00"]').count()).toBe(1);
  });
});
