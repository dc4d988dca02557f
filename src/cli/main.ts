#!/usr/bin/env node
import { DateTime } from 'luxon';
import { keyFilesIn, readEnv } from '../../config/env-file.js';
import { ConfigError, loadConfig, type Config } from '../../config/load.js';
import { runService } from './service.js';

const USAGE = `Usage: boundary <command> [options]

Commands:
  start                 Run the API and the workers (one-machine install)
  worker                Run the workers only
  migrate               Apply database migrations and exit
  explain MESSAGE.eml --settings SETTINGS.json [--now ISO] [--history HISTORY.json]
                        Show what Boundary would decide for a raw message, and the reply it would send
  hours --settings SETTINGS.json [--at ISO]
                        Is this instant working time? When do I next start? The week in words
  user create --email ADDRESS [--name NAME]
                        Create a user and print a personal API token
  user token --email ADDRESS [--name TOKEN_NAME] [--expires 30d|YYYY-MM-DD]
                        Print a new API token for an existing user (one who signed in by link, say)
  user tokens list --email ADDRESS
  user tokens revoke --email ADDRESS --id TOKEN_ID
                        List a user's API tokens (names, last use, expiry), or revoke one
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
      return runService(config(), { api: true, workers: undefined, io });
    case 'worker':
      return runService(config(), { api: false, workers: true, io });
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
    case 'user':
    case 'digest': {
      if (command === 'user' && rest[0] === 'login-link') {
        const { loginLinkCommand } = await import('./login-link.js');
        return loginLinkCommand(rest.slice(1), config(), io);
      }
      const { findDataCommand } = await import('./data-commands.js');
      const found = await findDataCommand(argv);
      if (!found) {
        io.err(USAGE);
        return 2;
      }
      // Where the data is: directly on PostgreSQL, or through a service holding the embedded database.
      const { runDataCommand } = await import('./data-access.js');
      return runDataCommand(argv, found.command, found.args, config(), io);
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
