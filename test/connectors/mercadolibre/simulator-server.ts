/**
 * Serves a MercadoLibre simulator over real HTTP on 127.0.0.1, so that several processes
 * share its state (one set of rotating refresh tokens, one rate-limit budget).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MercadoLibreSimulator, type MercadoLibreSimulatorOptions } from '../../../src/testing/msw/index.js';

export interface SimulatorServer {
  url: string;
  simulator: MercadoLibreSimulator;
  close(): Promise<void>;
}

export async function startSimulatorServer(
  options: Omit<MercadoLibreSimulatorOptions, 'baseUrl' | 'tokenUrl'>,
): Promise<SimulatorServer> {
  let simulator: MercadoLibreSimulator | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`${simulator!.baseUrl}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body && req.method !== 'GET' ? { body } : {}),
      });
      simulator!.handle(request).then(
        async (answer) => {
          if (answer === 'reset') return void req.socket.destroy();
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  simulator = new MercadoLibreSimulator({ ...options, baseUrl: url });
  return {
    url,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
