import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { DateTime } from 'luxon';
import type { Config } from '../../config/load.js';
import { openDatabase } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { adminSocketPath, socketAnswers, type AdminAnswer } from './admin-socket.js';
import type { DataCommand, DataIo } from './data-commands.js';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => DateTime;
}

function ask(socketPath: string, argv: string[]): Promise<AdminAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/run', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AdminAnswer);
        } catch (err) {
          reject(err as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ argv }));
  });
}

/**
 * Runs a data command where the data is. On PostgreSQL (DATABASE_URL) the CLI opens the database
 * itself, beside any running service. On the embedded database a running service owns the files,
 * so the command runs inside it over the admin socket; with no service running the CLI opens them.
 */
export async function runDataCommand(argv: string[], command: DataCommand, args: string[], config: Config, io: Io): Promise<number> {
  const dataIo: DataIo = { ...io, writeFile: (file, content) => writeFile(file, content) };
  const socketPath = adminSocketPath(config.dataDir);
  if (!config.databaseUrl && existsSync(socketPath) && (await socketAnswers(socketPath))) {
    const answer = await ask(socketPath, argv);
    answer.out.forEach(io.out);
    answer.err.forEach(io.err);
    for (const f of answer.files) await dataIo.writeFile(f.file, f.content);
    return answer.code;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await command(args, { config, db: database.db, io: dataIo });
  } finally {
    await database.close();
  }
}
