import { CompiledQuery, type Compilable, type RawBuilder } from 'kysely';
import type { Db } from './db.js';

/** Stands in for the n-th argument while a query is built once; any other value is a constant. */
class Slot {
  constructor(readonly index: number) {}
}

const statementNames = new Map<string, string>();

/**
 * The server-side name of a prepared query's text, for drivers that keep statements per
 * connection: PostgreSQL then parses it once per connection, and plans it once where a generic
 * plan is no worse than one made for the call's values, instead of both on every call (planning
 * alone cost the server as much as running the hot queries did). Only prepared() and runFixed()
 * texts are named: their number is fixed, so the statements a connection keeps are bounded.
 */
export function statementName(text: string): string | undefined {
  return statementNames.get(text);
}

function nameStatement(text: string): void {
  if (!statementNames.has(text)) statementNames.set(text, `boundary_${statementNames.size + 1}`);
}

/**
 * A query built and compiled once, then run with new arguments: building and compiling a Kysely
 * query costs 20-35 µs, about as much CPU as the round trip itself, and the hot path of every
 * message ran six of them.
 *
 * `build` receives stand-ins for its arguments and must use each only as a value (a `where`
 * operand, a value set or inserted, an `sql` parameter): never to choose the query's shape (an
 * `if`, an `in` list's length, `is null` versus `=`), which would be fixed by the first call. For a
 * list, pass an array and compare with `= any(…)`. Both storage engines speak PostgreSQL, so the
 * compiled text serves every database handle, transactions included.
 */
export function prepared<A extends unknown[], R>(build: (db: Db, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<R[]> {
  let compiled: CompiledQuery<R> | undefined;
  return async (db, ...args) => {
    if (!compiled) {
      const slots = args.map((_, i) => new Slot(i)) as unknown as A;
      const first = build(db, ...slots).compile();
      const used = new Set(first.parameters.filter((p): p is Slot => p instanceof Slot).map((p) => p.index));
      if (used.size !== args.length) throw new Error(`a prepared query must use each argument as a value; it used ${used.size} of ${args.length}: ${first.sql}`);
      compiled = first;
      nameStatement(first.sql);
    }
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    return (await db.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<R>)).rows;
  };
}

/**
 * Runs a statement written with `sql` whose text takes one of a few fixed shapes (what varies is
 * values, and a flag or two that add a part) as a named statement, like prepared() queries. Never
 * for text built from data: every distinct text stays prepared on each connection.
 */
export async function runFixed<R>(db: Db, query: RawBuilder<R>): Promise<R[]> {
  const compiled = query.compile(db);
  nameStatement(compiled.sql);
  return (await db.executeQuery(compiled)).rows;
}
