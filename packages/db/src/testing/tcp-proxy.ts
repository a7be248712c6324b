import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * A TCP proxy between a client and PostgreSQL that a test can cut (every connection destroyed, new ones
 * refused) and restore: a database outage without touching the shared server.
 */
export interface TcpProxy {
  /** The same URL with host and port pointing at the proxy. */
  url: string;
  port: number;
  /** Destroys every open connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  /** How many client connections are open right now. */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetHost = target.hostname || '127.0.0.1';
  const targetPort = Number(target.port || 5432);
  const sockets = new Set<Socket>();
  let down = false;

  const server: Server = createServer((client) => {
    // Refused while cut: the client sees its connection reset, as with a stopped server.
    if (down) return void client.resetAndDestroy();
    const upstream = tcpConnect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    port,
    cut() {
      down = true;
      for (const socket of sockets) if (!socket.destroyed) socket.resetAndDestroy();
      sockets.clear();
    },
    restore() {
      down = false;
    },
    openConnections: () => [...sockets].filter((s) => !s.destroyed).length / 2,
    close: async () => {
      down = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
