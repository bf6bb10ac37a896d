/**
 * A real OAuth token endpoint on 127.0.0.1 for tests: rotating single-use refresh tokens, PKCE
 * checks on the code exchange, request counting, reuse detection and injected faults.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | 'reset_after_rotate'
  | 'hang_after_rotate'
  | 'status_503'
  | 'status_500'
  | 'status_520'
  | 'status_429'
  | 'status_500_after_rotate'
  | 'malformed_body'
  | 'missing_access_token'
  | 'access_token_crlf'
  | 'missing_expires_in'
  | 'missing_refresh_token'
  | 'invalid_grant';

export interface TokenServer {
  url: string;
  /** refresh requests per connection (keyed by the connection prefix of the refresh token) */
  refreshRequests: Map<string, number>;
  /** refresh tokens presented after they had been consumed */
  reusedRefreshTokens: string[];
  /** every request body, for canary checks */
  bodies: string[];
  /** every token the server issued */
  minted: string[];
  faults: Fault[];
  /** Raw JSON text sent as `expires_in` in the next grants (e.g. `1e400`, `"soon"`); undefined for the default. */
  expiresInJson: string | undefined;
  issueRefreshToken(connection: string): string;
  registerCode(code: string, challenge: string, connection: string): void;
  clientCredentialRequests: number;
  close(): Promise<void>;
}

export async function startTokenServer(
  options: { secretPrefix?: string; expiresIn?: number } = {},
): Promise<TokenServer> {
  const live = new Map<string, string>(); // refresh token -> connection
  const consumed = new Set<string>();
  const codes = new Map<string, { challenge: string; connection: string }>();
  let counter = 0;
  const prefix = options.secretPrefix ?? '';
  const mint = (connection: string, kind: string) => {
    const token = `${prefix}${kind}.${connection}.${++counter}/x-y`;
    state.minted.push(token);
    return token;
  };
  const hanging: (() => void)[] = [];
  const state: TokenServer = {
    url: '',
    refreshRequests: new Map(),
    reusedRefreshTokens: [],
    bodies: [],
    minted: [],
    faults: [],
    expiresInJson: undefined,
    clientCredentialRequests: 0,
    issueRefreshToken(connection) {
      const token = mint(connection, 'rt');
      live.set(token, connection);
      return token;
    },
    registerCode(code, challenge, connection) {
      codes.set(code, { challenge, connection });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of hanging) release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      state.bodies.push(`${req.headers.authorization ?? ''} ${text}`);
      const params = new URLSearchParams(text);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const grantType = params.get('grant_type');
      let connection = 'app';
      if (grantType === 'refresh_token') {
        const token = params.get('refresh_token') ?? '';
        if (consumed.has(token)) state.reusedRefreshTokens.push(token);
        connection = live.get(token) ?? token.split('.')[1] ?? 'unknown';
        state.refreshRequests.set(connection, (state.refreshRequests.get(connection) ?? 0) + 1);
        const fault = state.faults.shift();
        if (fault === 'status_503' || fault === 'status_500' || fault === 'status_520' || fault === 'status_429')
          return send(Number(fault.slice(7)), { error: 'server_error' });
        if (fault === 'invalid_grant') return send(400, { error: 'invalid_grant' });
        if (!live.has(token))
          return send(400, { error: 'invalid_grant', error_description: 'refresh token unknown or used' });
        live.delete(token);
        consumed.add(token);
        const next = state.issueRefreshToken(connection);
        const grant: Record<string, unknown> = {
          access_token: mint(connection, 'at'),
          token_type: 'bearer',
          expires_in: options.expiresIn ?? 3600,
          refresh_token: next,
        };
        if (fault === 'reset_after_rotate') return req.socket.destroy();
        // The server rotated, then failed while answering: the old token is spent.
        if (fault === 'status_500_after_rotate') return send(500, { error: 'server_error' });
        if (fault === 'hang_after_rotate') return void hanging.push(() => req.socket.destroy());
        if (fault === 'malformed_body') return send(200, '{"access_token": "at-trunc');
        if (fault === 'missing_access_token') delete grant.access_token;
        if (fault === 'access_token_crlf') grant.access_token = `${String(grant.access_token)}\r\nx-injected: 1`;
        if (fault === 'missing_expires_in') delete grant.expires_in;
        if (fault === 'missing_refresh_token') delete grant.refresh_token;
        if (state.expiresInJson !== undefined && 'expires_in' in grant) {
          grant.expires_in = '__EXPIRES_IN__';
          return send(200, JSON.stringify(grant).replace('"__EXPIRES_IN__"', state.expiresInJson));
        }
        return send(200, grant);
      }
      if (grantType === 'authorization_code') {
        const entry = codes.get(params.get('code') ?? '');
        codes.delete(params.get('code') ?? '');
        const verifier = params.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!entry || entry.challenge !== challenge) return send(400, { error: 'invalid_grant' });
        return send(200, {
          access_token: mint(entry.connection, 'at'),
          token_type: 'bearer',
          expires_in: options.expiresIn ?? 3600,
          refresh_token: state.issueRefreshToken(entry.connection),
        });
      }
      if (grantType === 'client_credentials') {
        state.clientCredentialRequests++;
        const fault = state.faults.shift();
        if (fault === 'status_503') return send(503, {});
        return send(200, {
          access_token: mint('app', 'cc'),
          token_type: 'bearer',
          expires_in: options.expiresIn ?? 300,
        });
      }
      send(400, { error: 'unsupported_grant_type' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  return state;
}
