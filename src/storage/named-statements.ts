import type pg from 'pg';
import { statementName } from './prepared.js';

/**
 * A pg client that runs the texts prepared.ts names (prepared() and runFixed() queries) as named
 * statements: each connection parses and plans them once, then only binds and runs them.
 *
 * A named statement whose result columns changed under it (a migration run by another process,
 * on a `select *`) fails with "cached plan must not change result type" for good on that
 * connection: the client then runs it under a fresh name, which makes the server prepare it
 * again, and tries once more.
 */
export function namingClient(Client: typeof pg.Client): typeof pg.Client {
  return class NamingClient extends Client {
    private readonly renamed = new Map<string, string>();
    private renames = 0;

    // pg's overloads cannot be restated one by one: calls other than (text, values) pass through.
    override query(...args: unknown[]): never {
      const [text, values] = args;
      const name = args.length === 2 && typeof text === 'string' && Array.isArray(values) ? statementName(text) : undefined;
      const call = super.query as (...a: unknown[]) => never;
      if (!name) return call.apply(this, args);
      const run = (as: string) => call.call(this, { name: as, text, values }) as Promise<pg.QueryResult>;
      return run(this.renamed.get(name) ?? name).catch((err: unknown) => {
        if (!isStalePlan(err)) throw err;
        const fresh = `${name}_${++this.renames}`;
        this.renamed.set(name, fresh);
        // In a transaction the failure has aborted it, and the first error is the one to report.
        return run(fresh).catch(() => Promise.reject(err));
      }) as never;
    }
  };
}

/**
 * feature_not_supported is wider than this one case, the only one a new name cures. The server
 * names the routine that raised it, which a translated message would not.
 */
function isStalePlan(err: unknown): boolean {
  const { code, routine, message } = err as { code?: string; routine?: string; message?: string };
  return code === '0A000' && (routine === 'RevalidateCachedQuery' || /cached plan must not change result type/.test(message ?? ''));
}
