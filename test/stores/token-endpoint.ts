/**
 * A minimal OAuth token endpoint on 127.0.0.1 that counts refresh requests and rotates
 * single-use refresh tokens (as MercadoLibre does), so a second refresh would be visible.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenEndpoint {
  url: string;
  requests: number;
  /** Refresh tokens presented after they had already been used. */
  reused: string[];
  close(): Promise<void>;
}

export async function startTokenEndpoint(firstRefreshToken: string): Promise<TokenEndpoint> {
  let live = firstRefreshToken;
  let counter = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      endpoint.requests++;
      const presented = new URLSearchParams(body).get('refresh_token') ?? '';
      if (presented !== live) {
        endpoint.reused.push(presented);
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":"invalid_grant"}');
        return;
      }
      counter++;
      live = `refresh-${counter}`;
      // Slow enough that every process asks while the first request is still in flight.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            access_token: `access-${counter}`,
            refresh_token: live,
            token_type: 'bearer',
            expires_in: 3600,
          }),
        );
      }, 300);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint: TokenEndpoint = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`,
    requests: 0,
    reused: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return endpoint;
}
