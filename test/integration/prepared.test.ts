import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/storage/db.js';
import { prepared, runFixed } from '../../src/storage/prepared.js';
import { createUser } from '../../src/storage/users.js';
import { postgresAvailable } from '../../dev/support/postgres.js';
import { testDatabase, type Engine } from '../../dev/support/runtime.js';

const engines: Engine[] = ['pglite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];

const usersNamed = prepared((db: Db, names: string[], createdBefore: Date) =>
  db.selectFrom('users').select(['email', 'name']).where(sql<boolean>`name = any(${names})`).where('created_at', '<', createdBefore).orderBy('email'));

describe.each(engines)('a prepared query on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase(engine);
    for (const name of ['Ana', 'Ben', 'Cleo']) await createUser(handle.db, { email: `${name.toLowerCase()}@studio.al`, name });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('is compiled once and runs with each call’s own arguments, a list included', async () => {
    const later = new Date(Date.now() + 60_000);
    expect(await usersNamed(handle.db, ['Ana', 'Cleo'], later)).toEqual([{ email: 'ana@studio.al', name: 'Ana' }, { email: 'cleo@studio.al', name: 'Cleo' }]);
    expect(await usersNamed(handle.db, ['Ben'], later)).toEqual([{ email: 'ben@studio.al', name: 'Ben' }]);
    expect(await usersNamed(handle.db, [], later)).toEqual([]);
    expect(await usersNamed(handle.db, ['Ana'], new Date('2000-01-01T00:00:00Z'))).toEqual([]);
  });

  it('runs inside a transaction on the transaction’s connection', async () => {
    const seen = await handle.db.transaction().execute(async (trx) => {
      await createUser(trx, { email: `dora-${engine}@studio.al`, name: 'Dora' });
      return usersNamed(trx, ['Dora'], new Date(Date.now() + 60_000));
    });
    expect(seen).toEqual([{ email: `dora-${engine}@studio.al`, name: 'Dora' }]);
  });

  it('refuses a build that uses an argument to shape the query rather than as a value', async () => {
    const shaped = prepared((db: Db, name: string, sorted: boolean) => {
      const q = db.selectFrom('users').select('email').where('name', '=', name);
      return sorted ? q.orderBy('email') : q;
    });
    await expect(shaped(handle.db, 'Ana', true)).rejects.toThrow(/must use each argument as a value; it used 1 of 2/);
    await expect(shaped(handle.db, 'Ana', false)).rejects.toThrow(/must use each argument as a value/);
  });
});

describe.runIf(engines.includes('postgres'))('named statements on PostgreSQL', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase('postgres');
    await createUser(handle.db, { email: 'eve@studio.al', name: 'Eve' });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('runs a prepared query as a statement the connection keeps, and only those', async () => {
    const kept = await handle.db.connection().execute(async (conn) => {
      await usersNamed(conn, ['Eve'], new Date(Date.now() + 60_000));
      await sql`select ${'an ad-hoc query'}::text`.execute(conn);
      return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn)).rows;
    });
    expect(kept).toHaveLength(1);
    expect(kept[0]!.name).toMatch(/^boundary_\d+$/);
    expect(kept[0]!.statement).toContain('"users"');
  });

  it('prepares a statement again when a migration changed its result columns under it', async () => {
    const rows = await handle.db.connection().execute(async (conn) => {
      await sql`create table scratch (a int)`.execute(conn);
      await sql`insert into scratch values (1)`.execute(conn);
      const before = await runFixed(conn, sql<Record<string, number>>`select * from scratch where a = ${1}`);
      await sql`alter table scratch add column b int default 2`.execute(conn);
      const after = await runFixed(conn, sql<Record<string, number>>`select * from scratch where a = ${1}`);
      const again = await runFixed(conn, sql<Record<string, number>>`select * from scratch where a = ${1}`);
      return { before, after, again };
    });
    expect(rows).toEqual({ before: [{ a: 1 }], after: [{ a: 1, b: 2 }], again: [{ a: 1, b: 2 }] });
  });
});
