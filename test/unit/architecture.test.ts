import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rooms keep their knowledge (docs/architecture.md): SQL is written only in src/storage, and
 * only src/providers imports a vendor folder (src/providers/<kind>/); everything else asks the
 * registry. This reads the sources, so a stray query or vendor import fails here, by file and line.
 */
const ROOT = join(import.meta.dirname, '..', '..');
/**
 * Product code. bench/ and demo/ are harnesses like test/: they measure vendor clients directly
 * and inspect the database, so they are not held to the rooms.
 */
const PRODUCT = ['src', 'workers', 'config'];

function sources(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|mts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `file:line: text` for each line of the files that matches. */
function offences(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|transaction)\s*\(|\bsql\s*(<[^>]*>)?\s*`|\bsql\.(raw|ref|id|lit|table|join)\s*\(|import\s*\{[^}]*\bsql\b[^}]*\}\s*from\s*'kysely'/;
/** An import (static or dynamic, or a re-export) of a path into providers/<folder>/. */
const VENDOR_IMPORT = /(from\s*|import\s*\(\s*)'[^']*\bproviders\/[a-z0-9-]+\//;
/** Every folder but test/: what they share with the tests (emulators, runtimes, servers) lives in dev/. */
const OUTSIDE_TEST = [...PRODUCT, 'dev', 'bench', 'demo', 'drills', 'scripts'];
const RELATIVE_IMPORT = /(?:from\s*|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g;

/** `file: specifier` for each relative import of `file` that lands inside test/. */
function importsFromTest(file: string, text: string): string[] {
  return [...text.matchAll(RELATIVE_IMPORT)].flatMap(([, spec]) => (normalize(join(dirname(file), spec!)).split(sep)[0] === 'test' ? [`${file}: ${spec}`] : []));
}

describe('architecture', () => {
  const files = PRODUCT.flatMap(sources);

  it('finds the sources it checks', () => {
    expect(files).toContain('src/storage/accounts.ts');
    expect(files).toContain('src/providers/registry.ts');
    expect(files.length).toBeGreaterThan(100);
  });

  it('writes SQL only in src/storage', () => {
    const outside = files.filter((f) => !f.startsWith('src/storage/'));
    expect(offences(outside, SQL)).toEqual([]);
  });

  it('imports a vendor folder only from inside src/providers', () => {
    const outside = files.filter((f) => !f.startsWith('src/providers/'));
    expect(offences(outside, VENDOR_IMPORT)).toEqual([]);
  });

  it('lets only the registry, among the shared provider files, import a vendor folder', () => {
    const shared = files.filter((f) => f.startsWith('src/providers/') && relative('src/providers', f).split(sep).length === 1 && f !== 'src/providers/registry.ts');
    expect(shared.length).toBeGreaterThan(0);
    expect(offences(shared, /from\s*'\.\/[a-z0-9-]+\//)).toEqual([]);
  });

  it('imports nothing from test/ outside test/', () => {
    const outside = OUTSIDE_TEST.flatMap(sources);
    expect(outside).toContain('demo/service.ts');
    expect(outside).toContain('bench/scale.ts');
    expect(outside.flatMap((f) => importsFromTest(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('would notice the patterns it looks for', () => {
    // The checks above pass by finding nothing: prove they would find something.
    expect(SQL.test("await db.selectFrom('accounts').selectAll()")).toBe(true);
    expect(SQL.test('await db.transaction().execute(async (trx) => {})')).toBe(true);
    expect(SQL.test('const rows = await sql`select 1`.execute(db);')).toBe(true);
    expect(SQL.test("import { sql, type Kysely } from 'kysely';")).toBe(true);
    expect(SQL.test('const selected = pickFrom(list);')).toBe(false);
    expect(VENDOR_IMPORT.test("import { x } from '../providers/gmail/oauth.js';")).toBe(true);
    expect(VENDOR_IMPORT.test("const m = await import('../../src/providers/imap/idle.js');")).toBe(true);
    expect(VENDOR_IMPORT.test("export { y } from '../providers/outlook/kit.js';")).toBe(true);
    expect(VENDOR_IMPORT.test("import { providers } from '../providers/registry.js';")).toBe(false);
    expect(importsFromTest('bench/scale.ts', "import { testRuntime } from '../test/support/runtime.js';")).toHaveLength(1);
    expect(importsFromTest('demo/play.ts', "import type { X } from '../test/contract/harness.js';")).toHaveLength(1);
    expect(importsFromTest('drills/run.ts', "const m = await import('../test/support/postgres.js');")).toHaveLength(1);
    expect(importsFromTest('bench/scale.ts', "import { testRuntime } from '../dev/support/runtime.js';")).toEqual([]);
    expect(importsFromTest('dev/support/runtime.ts', "import { x } from '../../src/storage/db.js';")).toEqual([]);
  });
});
