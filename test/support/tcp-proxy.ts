import net from 'node:net';

/**
 * A plain TCP relay in front of a real server, so a test can cut connections the way a network
 * does: refuse the next ones, or drop every open one mid-session.
 */
export interface TcpProxy {
  port: number;
  /** The next `times` connections are reset as soon as they open. */
  resetNext(times: number): void;
  /** Drops every open connection now. */
  cutAll(): void;
  open(): number;
  /** Connections accepted so far (reset ones included). */
  accepted(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let resets = 0;
  let accepted = 0;
  const live = new Set<net.Socket>();
  const server = net.createServer((client) => {
    accepted++;
    if (resets > 0) {
      resets--;
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    live.add(client);
    const end = () => {
      live.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    resetNext: (times) => (resets += times),
    cutAll: () => {
      for (const s of live) s.resetAndDestroy();
    },
    open: () => live.size,
    accepted: () => accepted,
    close: () => {
      for (const s of live) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
