#!/usr/bin/env node
import { DateTime } from 'luxon';
import { keyFilesIn, readEnv } from '../../config/env-file.js';
import { ConfigError, loadConfig, type Config } from '../../config/load.js';
import { runService } from './service.js';

const USAGE = `Usage: boundary <command> [options]

Commands:
  start                 Run the API and the workers (one-machine install)
  worker                Run the workers only
  worker --role imap-watch
                        Hold one IMAP IDLE connection per mailbox (several may run: a lease per mailbox)
  migrate               Apply database migrations and exit
  explain MESSAGE.eml --settings SETTINGS.json [--now ISO] [--history HISTORY.json]
                        Show what Boundary would decide for a raw message, and the reply it would send
  hours --settings SETTINGS.json [--at ISO]
                        Is this instant working time? When do I next start? The week in words
  user create --email ADDRESS [--name NAME]
                        Create a user and print a personal API token
  user login-link --email ADDRESS
                        Print a one-time web sign-in link (15 minutes, single use)
  digest --user EMAIL [--date YYYY-MM-DD] [--html FILE]
                        Print a day's digest (or a preview of it); write its HTML to FILE
`;

const io = {
  out: (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s: string) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  now: () => DateTime.utc(),
};

function config(): Config {
  const env = readEnv();
  return loadConfig(env, keyFilesIn(env.DATA_DIR?.trim() || './data', (file) => io.err(`Generated a new key in ${file}; keep it with the data, it unlocks what Boundary stores.`)));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return runService(config(), { api: true, workers: undefined, imapWatch: true, io });
    case 'worker': {
      const role = rest[0] === '--role' ? rest[1] : undefined;
      if (role !== undefined && role !== 'imap-watch') {
        io.err(`Unknown worker role "${role ?? ''}": the only role is imap-watch.\n\n${USAGE}`);
        return 2;
      }
      return runService(config(), role === 'imap-watch' ? { api: false, workers: false, imapWatch: true, io } : { api: false, workers: true, io });
    }
    case 'migrate': {
      const { migrateCommand } = await import('./migrate.js');
      return migrateCommand(config(), io);
    }
    case 'explain': {
      const { explainCommand } = await import('./explain.js');
      return explainCommand(rest, io);
    }
    case 'hours': {
      const { hoursCommand } = await import('./hours.js');
      return hoursCommand(rest, io);
    }
    case 'user': {
      const { userCommand } = await import('./user.js');
      return userCommand(rest, config(), io);
    }
    case 'digest': {
      const { digestCommand } = await import('./digest.js');
      return digestCommand(rest, config(), io);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.err(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) io.err(err.message);
    else io.err(`boundary: ${(err as Error).message ?? String(err)}`);
    process.exitCode = 1;
  },
);
