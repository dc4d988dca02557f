import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './google-service.js';

/**
 * A real `boundary worker` process (one node process: SIGKILL really kills it). With
 * WORKER_CPU_PROFILE_DIR set, each worker writes a V8 CPU profile there when it stops
 * (bench/profile-summary.ts reads it).
 */
export function spawnWorker(env: Record<string, string>): ChildProcess {
  const profileDir = process.env.WORKER_CPU_PROFILE_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listening on ${port}`);
}

/** A Redis this test owns, with AOF on (as in production) so a restart keeps the queues. */
export async function startOwnRedis(): Promise<{ url: string; restart: () => Promise<void>; stop: () => void }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boundary-redis-'));
  let child: ChildProcess;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    await waitForPort(port);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await start();
    },
    stop: () => child.kill('SIGKILL'),
  };
}
