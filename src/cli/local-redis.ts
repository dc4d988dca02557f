import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export class RedisMissingError extends Error {
  override readonly name = 'RedisMissingError';
}

const HOW_TO = 'Start Redis with `docker compose up -d redis` or install the OS package (apt-get install redis-server), or set REDIS_URL.';

export function redisAnswers(url: string, timeoutMs = 800): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (d) => {
      socket.destroy();
      resolve(/PONG|NOAUTH/.test(d.toString()));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * For a one-machine install: when nothing answers at the default REDIS_URL and redis-server is
 * installed, run one with its data (AOF on, noeviction, as BullMQ needs) under DATA_DIR.
 */
export async function ensureRedis(opts: { url: string; explicit: boolean; dataDir: string; say: (msg: string) => void }): Promise<ChildProcess | null> {
  if (await redisAnswers(opts.url)) return null;
  if (opts.explicit) throw new RedisMissingError(`No Redis answers at REDIS_URL=${opts.url}. ${HOW_TO}`);
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new RedisMissingError(`No Redis answers at ${opts.url}. ${HOW_TO}`);
  const dir = path.resolve(opts.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = new URL(opts.url).port || '6379';
  const child = spawn(
    'redis-server',
    ['--port', port, '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(opts.url)) {
      opts.say(`No Redis was running, so Boundary started redis-server on port ${port} with its data in ${dir}.`);
      return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new RedisMissingError(`Could not start redis-server on port ${port}. ${HOW_TO}`);
}
