import type { DateTime } from 'luxon';
import type { Config } from '../../config/load.js';
import type { Db } from '../storage/db.js';

/** What a command that reads or writes data may do: print, write a file the caller asked for, read the clock. */
export interface DataIo {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => DateTime;
  /** Files are written by the process the user ran, so a relative path means what they meant. */
  writeFile: (file: string, content: string) => Promise<void>;
}

export type DataCommand = (args: string[], ctx: { config: Config; db: Db; io: DataIo }) => Promise<number>;

/**
 * The CLI commands that need the database, by the words that name them. While a service holds
 * the embedded database they run inside it (see admin-socket.ts); otherwise the CLI runs them.
 */
export async function findDataCommand(argv: string[]): Promise<{ command: DataCommand; args: string[] } | null> {
  const [first, second, ...rest] = argv;
  if (first === 'digest') return { command: (await import('./digest.js')).digestCommand, args: argv.slice(1) };
  if (first !== 'user') return null;
  const user = await import('./user.js');
  if (second === 'create') return { command: user.userCreateCommand, args: rest };
  if (second === 'token') return { command: user.userTokenCommand, args: rest };
  if (second === 'tokens') return { command: (await import('./user-tokens.js')).userTokensCommand, args: rest };
  return null;
}
