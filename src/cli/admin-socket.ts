import { chmodSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Config } from '../../config/load.js';
import type { Db } from '../storage/db.js';
import { findDataCommand } from './data-commands.js';

/**
 * The embedded database (PGlite) lives in one process: a second process opening the same files
 * aborts or reads a stale copy. So while a service holds it, CLI commands that need data run
 * inside the service, asked over a Unix socket in the data directory. The socket is readable
 * only by the owner (mode 0600), as the database files are: whoever can use it could read them.
 */
export function adminSocketPath(dataDir: string): string {
  return path.resolve(dataDir, 'boundary.sock');
}

export interface AdminRequest {
  argv: string[];
}

export interface AdminAnswer {
  code: number;
  out: string[];
  err: string[];
  files: Array<{ file: string; content: string }>;
}

const MAX_REQUEST_BYTES = 64 * 1024;

/** True when a service answers on the socket; a socket file nobody listens on is left from a crash. */
export function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(socketPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function answer(argv: string[], config: Config, db: Db): Promise<AdminAnswer> {
  const result: AdminAnswer = { code: 0, out: [], err: [], files: [] };
  const found = await findDataCommand(argv);
  if (!found) return { ...result, code: 2, err: [`This service runs only data commands (user create|token|tokens, digest), not "${argv.join(' ')}".`] };
  const io = {
    out: (s: string) => void result.out.push(s),
    err: (s: string) => void result.err.push(s),
    now: () => DateTime.utc(),
    writeFile: async (file: string, content: string) => void result.files.push({ file, content }),
  };
  result.code = await found.command(found.args, { config, db, io });
  return result;
}

/** Listens on the data directory's socket; refuses to start when another service already does. */
export async function serveAdminSocket(config: Config, db: Db, onError: (err: Error) => void): Promise<{ close(): Promise<void> }> {
  const socketPath = adminSocketPath(config.dataDir);
  if (await socketAnswers(socketPath)) {
    throw new Error(`Another Boundary service is running on ${path.resolve(config.dataDir)} (it answers on ${socketPath}). Stop it first: two processes must not open the embedded database.`);
  }
  try {
    unlinkSync(socketPath);
  } catch {
    // No socket left behind: nothing to clean.
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        let body: AdminAnswer;
        try {
          const { argv } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AdminRequest;
          if (req.method !== 'POST' || req.url !== '/run' || !Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new TypeError('expected POST /run {"argv": [strings]}');
          body = await answer(argv, config, db);
        } catch (err) {
          onError(err as Error);
          body = { code: 1, out: [], err: [`The service could not run the command: ${(err as Error).message}`], files: [] };
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
