import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, type MarketbridgeEvents } from '../../src/core/events.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { OAuthClient, type OAuthClientConfig } from '../../src/auth/index.js';
import { startTokenServer, type TokenServer } from './token-server.js';

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());

function setup(overrides: Partial<OAuthClientConfig> = {}, grant?: 'client_credentials') {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const events = new EventBus();
  const refreshed: MarketbridgeEvents['tokenRefreshed'][] = [];
  events.on('tokenRefreshed', (event) => refreshed.push(event));
  const config: OAuthClientConfig = {
    platform: 'mercadolibre',
    clientId: 'client-1',
    clientSecret: 'client.secret/with-dashes',
    tokenUrl: server.url,
    authorizeUrl: 'https://auth.example.test/authorization',
    redirectUri: 'https://app.example.test/callback',
    scopes: ['offline_access', 'read'],
    ...overrides,
  };
  const oauth = new OAuthClient(
    config,
    grant
      ? { context: { clock, store, events, tenantId: 't1' }, grant }
      : { context: { clock, store, events, tenantId: 't1' } },
  );
  return { clock, store, events, refreshed, oauth };
}

describe('authorisation code flow with state and PKCE', () => {
  it('builds an S256 URL, exchanges the code with the stored verifier and stores the tokens', async () => {
    const { oauth } = setup();
    const { url, state } = await oauth.createAuthorizationUrl({ connectionId: 'seller-1' });
    const params = new URL(url).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')).toBe(state);
    expect(params.get('scope')).toBe('offline_access read');
    expect(params.has('code_verifier')).toBe(false);
    server.registerCode('code-1', params.get('code_challenge')!, 'seller-1');
    const done = await oauth.completeAuthorization({ state, code: 'code-1' });
    expect(done._unsafeUnwrap()).toMatchObject({ connectionId: 'seller-1', hasRefreshToken: true });
    expect((await oauth.connectionStatus('seller-1')).state).toBe('active');
    expect(await oauth.getAccessToken('seller-1')).toMatch(/^at\.seller-1\./);
  });

  it('rejects 100% of replayed, tampered, missing and expired states and wrong PKCE verifiers', async () => {
    const { oauth, clock } = setup();
    const reasons: string[] = [];
    for (let i = 0; i < 100; i++) {
      const { url, state } = await oauth.createAuthorizationUrl({ connectionId: `c${i}` });
      const challenge = new URL(url).searchParams.get('code_challenge')!;
      if (i % 4 === 0) {
        server.registerCode(`ok-${i}`, challenge, `c${i}`);
        expect((await oauth.completeAuthorization({ state, code: `ok-${i}` })).isOk()).toBe(true);
        server.registerCode(`again-${i}`, challenge, `c${i}`);
        reasons.push((await oauth.completeAuthorization({ state, code: `again-${i}` }))._unsafeUnwrapErr().reason);
      } else if (i % 4 === 1) {
        const tampered = state.slice(0, 10) + (state[10] === 'A' ? 'B' : 'A') + state.slice(11);
        reasons.push((await oauth.completeAuthorization({ state: tampered, code: 'x' }))._unsafeUnwrapErr().reason);
        reasons.push((await oauth.completeAuthorization({ state: `${state}x`, code: 'x' }))._unsafeUnwrapErr().reason);
        reasons.push((await oauth.completeAuthorization({ code: 'x' }))._unsafeUnwrapErr().reason);
      } else if (i % 4 === 2) {
        // A code bound to another PKCE challenge (e.g. injected from an attacker's session).
        const attacker = await setup().oauth.createAuthorizationUrl({ connectionId: 'evil' });
        server.registerCode(`stolen-${i}`, new URL(attacker.url).searchParams.get('code_challenge')!, `c${i}`);
        reasons.push((await oauth.completeAuthorization({ state, code: `stolen-${i}` }))._unsafeUnwrapErr().reason);
      } else {
        await clock.advance(10 * 60_000);
        server.registerCode(`late-${i}`, challenge, `c${i}`);
        reasons.push((await oauth.completeAuthorization({ state, code: `late-${i}` }))._unsafeUnwrapErr().reason);
      }
    }
    expect(reasons).toHaveLength(25 + 75 + 25 + 25);
    expect(new Set(reasons)).toEqual(new Set(['state_invalid', 'state_missing', 'grant_rejected']));
    expect(reasons.filter((r) => r === 'grant_rejected')).toHaveLength(25);
  });

  it('concurrent callbacks with one state: exactly one exchange', async () => {
    const { oauth } = setup();
    const { url, state } = await oauth.createAuthorizationUrl({ connectionId: 'race' });
    server.registerCode('race-code', new URL(url).searchParams.get('code_challenge')!, 'race');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => oauth.completeAuthorization({ state, code: 'race-code' })),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
  });
});

describe('single-flight refresh within a process', () => {
  it('100 concurrent callers × 10 expired connections → exactly one token request per connection', async () => {
    const { oauth, clock, refreshed, store } = setup();
    const connections = Array.from({ length: 10 }, (_, i) => `inproc-${i}`);
    for (const id of connections) {
      await oauth.importTokens(id, {
        accessToken: `old-${id}`,
        refreshToken: server.issueRefreshToken(id),
        expiresAt: clock.now() - 1,
      });
    }
    const tokens = await Promise.all(
      connections.flatMap((id) =>
        Array.from({ length: 100 }, () => oauth.getAccessToken(id).then((t) => [id, t] as const)),
      ),
    );
    for (const id of connections) {
      expect(server.refreshRequests.get(id)).toBe(1);
      expect(new Set(tokens.filter(([c]) => c === id).map(([, t]) => t)).size).toBe(1);
    }
    expect(refreshed).toHaveLength(10);
    expect(refreshed[0]).toMatchObject({ platform: 'mercadolibre', tenantId: 't1', rotatedRefreshToken: true });
    expect(await store.list('lock:')).toEqual([]);
    expect(server.reusedRefreshTokens).toEqual([]);
  });

  it('refreshes early: not before the early-refresh window, once inside it', async () => {
    const { oauth, clock } = setup({ earlyRefreshMs: 60_000 });
    await oauth.importTokens('early', {
      accessToken: 'seed',
      refreshToken: server.issueRefreshToken('early'),
      expiresAt: clock.now() - 1,
    });
    const first = await oauth.getAccessToken('early');
    await clock.advance(3600_000 - 60_001);
    expect(await oauth.getAccessToken('early')).toBe(first);
    await clock.advance(2);
    expect(await oauth.getAccessToken('early')).not.toBe(first);
    expect(server.refreshRequests.get('early')).toBe(2);
  });

  it('client credentials are cached until shortly before expiry, one request for many callers', async () => {
    const { oauth, clock } = setup({ earlyRefreshMs: 30_000 }, 'client_credentials');
    const before = server.clientCredentialRequests;
    const tokens = await Promise.all(Array.from({ length: 50 }, () => oauth.getAccessToken('app')));
    expect(new Set(tokens).size).toBe(1);
    expect(server.clientCredentialRequests - before).toBe(1);
    await clock.advance(300_000 - 30_001);
    expect(await oauth.getAccessToken('app')).toBe(tokens[0]);
    await clock.advance(2);
    expect(await oauth.getAccessToken('app')).not.toBe(tokens[0]);
    expect(server.clientCredentialRequests - before).toBe(2);
  });

  it('the auth hook attaches the token and refreshes once on 401', async () => {
    const { oauth, clock } = setup();
    await oauth.importTokens('hook', {
      accessToken: 'at-hook-1',
      refreshToken: server.issueRefreshToken('hook'),
      expiresAt: clock.now() + 3600_000,
    });
    const hook = oauth.authHook('hook');
    const request = new Request('https://api.example.test/orders');
    await hook.authorize(request, { attempt: 1, platform: 'mercadolibre', operation: 'listOrders' });
    expect(request.headers.get('authorization')).toBe('Bearer at-hook-1');
    expect(
      await hook.onUnauthorized!(new Response(null, { status: 401 }), {
        attempt: 1,
        platform: 'mercadolibre',
        operation: 'listOrders',
      }),
    ).toBe(true);
    const retry = new Request('https://api.example.test/orders');
    await hook.authorize(retry, { attempt: 2, platform: 'mercadolibre', operation: 'listOrders' });
    expect(retry.headers.get('authorization')).not.toBe('Bearer at-hook-1');
    expect(hook.secrets!()).toContain('at-hook-1');
    expect(hook.secrets!()).toContain('client.secret/with-dashes');
  });

  it('validates the config once, listing every problem', () => {
    expect(
      () =>
        new OAuthClient({
          platform: '',
          clientId: '',
          tokenUrl: 'not a url',
          requestTimeoutMs: 40_000,
        } as OAuthClientConfig),
    ).toThrow(/4 problems/);
  });
});
