import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Integration tests use a real Redis. Prefer REDIS_URL (default 127.0.0.1:6379); when nothing
 * answers there and redis-server is installed, start a throwaway one on a free port.
 */
let started: ChildProcess | undefined;
let dir: string | undefined;

function reachable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(500);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export async function setup(): Promise<void> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  if (await reachable(Number(url.port || 6379), url.hostname)) {
    process.env.REDIS_URL = url.toString();
    return;
  }
  const port = await freePort();
  dir = mkdtempSync(path.join(os.tmpdir(), 'boundary-redis-'));
  started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir], { stdio: 'ignore' });
  const failed = await new Promise<boolean>((resolve) => {
    started!.once('error', () => resolve(true));
    const poll = async (tries: number): Promise<void> => {
      if (await reachable(port, '127.0.0.1')) return resolve(false);
      if (tries <= 0) return resolve(true);
      setTimeout(() => void poll(tries - 1), 100);
    };
    void poll(50);
  });
  if (failed) {
    throw new Error(
      `No Redis at ${url} and could not start redis-server. Install it (apt-get install redis-server) or run: docker compose up -d redis`,
    );
  }
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
}

export async function teardown(): Promise<void> {
  started?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
}
