import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { createHttpClient } from '../../src/http/index.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { OAuthClient } from '../../src/auth/index.js';
import { startTokenServer, type TokenServer } from './token-server.js';

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());

describe('OAuthClient.authHook in the request pipeline', () => {
  it('attaches the token, and on a 401 refreshes once and the request succeeds with the new token', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const context = createContext({
      clock,
      store: new MemoryStore({ clock }),
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.url.startsWith(server.url)) return fetch(request);
        const auth = request.headers.get('authorization') ?? '';
        seen.push(auth);
        return auth === 'Bearer revoked-token'
          ? Response.json({ message: 'invalid_token' }, { status: 401 })
          : Response.json({ ok: true });
      },
    });
    const oauth = new OAuthClient(
      { platform: 'mercadolibre', clientId: 'c', clientSecret: 's', tokenUrl: server.url },
      { context },
    );
    await oauth.importTokens('seller', {
      accessToken: 'revoked-token',
      refreshToken: server.issueRefreshToken('pipe'),
      expiresAt: clock.now() + 3600_000,
    });
    const client = createHttpClient({
      platform: 'mercadolibre',
      baseUrl: 'https://api.mercadolibre.test',
      context,
      auth: oauth.authHook('seller'),
      retry: false,
    });
    const response = await client.request<{ ok: boolean }>({ operation: 'getUser', method: 'GET', path: '/users/me' });
    expect(response.data).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe('Bearer revoked-token');
    expect(seen[1]).toMatch(/^Bearer at\.pipe\./);
    expect(server.refreshRequests.get('pipe')).toBe(1);
  });
});
