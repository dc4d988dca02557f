import { mkdtempSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestCommand } from '../../src/cli/digest.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { createTestDatabase, postgresAvailable } from '../../dev/support/postgres.js';
import { testConfig } from '../../dev/support/runtime.js';
import { seedScenario } from './digest-seed.js';

const pg = await postgresAvailable();
if (!pg) console.warn('digest CLI test skipped: PostgreSQL at 127.0.0.1:5432 is not reachable');

describe.skipIf(!pg)('boundary digest', () => {
  let url: string;
  let drop: () => Promise<void>;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    handle = await openDatabase({ url });
    await migrateToLatest(handle.db);
    await seedScenario(handle.db, 'drita@studio.al');
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), now: () => DateTime.fromISO('2026-11-23T07:00:00Z'), writeFile };
    const code = await digestCommand(args, { config: testConfig({ DATABASE_URL: url }), db: handle.db, io });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints the text version and writes the HTML', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'digest-cli-')), 'digest.html');
    const res = await run(['--user', 'drita@studio.al', '--date', '2026-11-23', '--html', file]);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^Good morning, Drita\./);
    expect(res.out).toContain('WHILE YOU WERE OFF');
    expect(res.err).toContain('preview');
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // A preview is not stored: the scheduled digest stays the real one.
    expect(await handle.db.selectFrom('digests').selectAll().execute()).toEqual([]);
  });

  it('names the problem with a bad argument', async () => {
    expect((await run(['--date', '2026-11-23'])).err).toContain('--user is required');
    expect((await run(['--user', 'drita@studio.al', '--date', '23/11/2026'])).err).toContain('--date must be a date YYYY-MM-DD');
    expect((await run(['--user', 'nobody@example.com'])).code).toBe(1);
  });
});
