import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './db.js';

/** Stands in for the n-th argument while a query is built once; any other value is a constant. */
class Slot {
  constructor(readonly index: number) {}
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
    }
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    return (await db.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<R>)).rows;
  };
}
