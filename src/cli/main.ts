#!/usr/bin/env node
import { DateTime } from 'luxon';
import type { Config } from '../../config/load.js';

/**
 * The `boundary` command. Every subcommand is imported only when it runs: `hours` and `explain`
 * are pure calculations and must not pay for the service (googleapis, fastify, BullMQ, the
 * database drivers), which only `start` and `worker` load.
 */

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => DateTime;
}

interface Command {
  /** One line per form of the command, without the leading `boundary`. */
  usage: string[];
  summary: string;
  run: (args: string[]) => Promise<number>;
}

const io: Io = {
  out: (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s: string) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  now: () => DateTime.utc(),
};

async function config(): Promise<Config> {
  const [{ keyFilesIn, readEnv }, { loadConfig }] = await Promise.all([import('../../config/env-file.js'), import('../../config/load.js')]);
  const env = readEnv();
  return loadConfig(env, keyFilesIn(env.DATA_DIR?.trim() || './data', (file) => io.err(`Generated a new key in ${file}; keep it with the data, it unlocks what Boundary stores.`)));
}

async function service(opts: { api: boolean; workers?: boolean; imapWatch?: boolean }): Promise<number> {
  const { runService } = await import('./service.js');
  return runService(await config(), { ...opts, io });
}

/** Commands that read or write stored data: directly on PostgreSQL, or through a service holding the embedded database. */
async function dataCommand(argv: string[]): Promise<number> {
  const { findDataCommand } = await import('./data-commands.js');
  const found = await findDataCommand(argv);
  if (!found) {
    io.err(usage());
    return 2;
  }
  const { runDataCommand } = await import('./data-access.js');
  return runDataCommand(argv, found.command, found.args, await config(), io);
}

const WORKER_ROLES = ['imap-watch'];

async function worker(args: string[]): Promise<number> {
  const role = args[0] === '--role' ? args[1] : undefined;
  if (args.length > 0 && (role === undefined || !WORKER_ROLES.includes(role))) {
    io.err(`Unknown worker role "${role ?? args.join(' ')}": the only role is imap-watch.`);
    return 2;
  }
  return service(role === 'imap-watch' ? { api: false, workers: false, imapWatch: true } : { api: false, workers: true });
}

const COMMANDS: Record<string, Command> = {
  start: { usage: ['start'], summary: 'Run the API and the workers (one-machine install)', run: () => service({ api: true, imapWatch: true }) },
  worker: {
    usage: ['worker', 'worker --role imap-watch'],
    summary: 'Run the workers only; or hold one IMAP IDLE connection per mailbox (several may run: a lease per mailbox)',
    run: worker,
  },
  migrate: {
    usage: ['migrate'],
    summary: 'Apply database migrations and exit',
    run: async () => (await import('./migrate.js')).migrateCommand(await config(), io),
  },
  explain: {
    usage: ['explain MESSAGE.eml --settings SETTINGS.json [--now ISO] [--history HISTORY.json]'],
    summary: 'Show what Boundary would decide for a raw message, and the reply it would send',
    run: async (args) => (await import('./explain.js')).explainCommand(args, io),
  },
  hours: {
    usage: ['hours --settings SETTINGS.json [--at ISO]'],
    summary: 'Is this instant working time? When do I next start? The week in words',
    run: async (args) => (await import('./hours.js')).hoursCommand(args, io),
  },
  user: {
    usage: [
      'user create --email ADDRESS [--name NAME]',
      'user token --email ADDRESS [--name TOKEN_NAME] [--expires 30d|YYYY-MM-DD]',
      'user tokens list --email ADDRESS',
      'user tokens revoke --email ADDRESS --id TOKEN_ID',
      'user login-link --email ADDRESS',
    ],
    summary: 'Create a user and print an API token; a new token for an existing user; list or revoke tokens; a one-time web sign-in link (15 minutes)',
    run: async (args) => {
      if (args[0] === 'login-link') return (await import('./login-link.js')).loginLinkCommand(args.slice(1), await config(), io);
      return dataCommand(['user', ...args]);
    },
  },
  digest: {
    usage: ['digest --user EMAIL [--date YYYY-MM-DD] [--html FILE]'],
    summary: "Print a day's digest (or a preview of it); write its HTML to FILE",
    run: (args) => dataCommand(['digest', ...args]),
  },
};

const COLUMN = 24;

function usage(): string {
  const lines = Object.values(COMMANDS).map(({ usage: forms, summary }) => {
    const head = forms.map((f) => `  ${f}`).join('\n');
    return forms.length === 1 && head.length < COLUMN - 1 ? `${head.padEnd(COLUMN)}${summary}` : `${head}\n${' '.repeat(COLUMN)}${summary}`;
  });
  return `Usage: boundary <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command takes --help.\n`;
}

const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || wantsHelp([name])) {
    io.out(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  if (wantsHelp(rest)) {
    io.out(`Usage: ${command.usage.map((f) => `boundary ${f}`).join('\n       ')}\n\n${command.summary}\n`);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    // ConfigError already says which variable is wrong and what it expects.
    io.err(err instanceof Error && err.name === 'ConfigError' ? err.message : `boundary: ${(err as Error).message ?? String(err)}`);
    process.exitCode = 1;
  },
);
