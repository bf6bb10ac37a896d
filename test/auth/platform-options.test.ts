import { describe, expect, it } from 'vitest';
import { OAuthClient, type OAuthClientConfig } from '../../src/auth/index.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

const EIGHTEEN_MONTHS_S = 47_304_000;

/** A token endpoint that answers like eBay's: 2 h user tokens, an 18-month refresh token on the code exchange only. */
function ebayLikeTokenEndpoint() {
  const bodies: URLSearchParams[] = [];
  let issued = 0;
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const body = new URLSearchParams(String(init?.body));
    bodies.push(body);
    issued++;
    if (body.get('grant_type') === 'authorization_code') {
      return Response.json({
        access_token: `v^1.1#user-${issued}`,
        expires_in: 7200,
        refresh_token: 'v^1.1#refresh',
        refresh_token_expires_in: EIGHTEEN_MONTHS_S,
        token_type: 'User Access Token',
      });
    }
    return Response.json({ access_token: `v^1.1#user-${issued}`, expires_in: 7200, token_type: 'User Access Token' });
  };
  return { fetch, bodies };
}

function client(overrides: Partial<OAuthClientConfig>, fetch: typeof globalThis.fetch) {
  const clock = new FakeClock();
  const config: OAuthClientConfig = {
    platform: 'ebay',
    clientId: 'app-id',
    clientSecret: 'cert-id-secret',
    tokenUrl: 'https://api.ebay.test/identity/v1/oauth2/token',
    authorizeUrl: 'https://auth.ebay.test/oauth2/authorize',
    redirectUri: 'Acme-Acme-PRD-1a2b3c4d5-abcdef12',
    redirectUriFormat: 'name',
    scopes: ['https://api.ebay.com/oauth/api_scope/sell.inventory'],
    refreshTokenRotation: 'reusable',
    ...overrides,
  };
  return { clock, oauth: new OAuthClient(config, { context: { clock, store: new MemoryStore({ clock }), fetch } }) };
}

describe('OAuth options for platforms that differ from the common case', () => {
  it('takes a redirect name (eBay RuName) only when redirectUriFormat is "name"', () => {
    const { fetch } = ebayLikeTokenEndpoint();
    expect(() => client({}, fetch)).not.toThrow();
    expect(() => client({ redirectUriFormat: 'url' }, fetch)).toThrow(ValidationError);
    expect(() => client({ redirectUri: 'https://evil.test/cb?x=1' }, fetch)).toThrow(/registered redirect name/);
  });

  it('leaves PKCE out of the URL and the code exchange when pkce is false, and sends the RuName as redirect_uri', async () => {
    const endpoint = ebayLikeTokenEndpoint();
    const { oauth } = client({ pkce: false }, endpoint.fetch);
    const { url, state } = await oauth.createAuthorizationUrl({ connectionId: 'seller-1' });
    const params = new URL(url).searchParams;
    expect(params.has('code_challenge')).toBe(false);
    expect(params.has('code_challenge_method')).toBe(false);
    expect(params.get('redirect_uri')).toBe('Acme-Acme-PRD-1a2b3c4d5-abcdef12');
    expect((await oauth.completeAuthorization({ state, code: 'v^1.1#code' })).isOk()).toBe(true);
    expect(endpoint.bodies[0]!.has('code_verifier')).toBe(false);
    expect(endpoint.bodies[0]!.get('redirect_uri')).toBe('Acme-Acme-PRD-1a2b3c4d5-abcdef12');
  });

  it('keeps PKCE on by default', async () => {
    const endpoint = ebayLikeTokenEndpoint();
    const { oauth } = client({ redirectUri: 'https://app.test/cb', redirectUriFormat: 'url' }, endpoint.fetch);
    const { url, state } = await oauth.createAuthorizationUrl({ connectionId: 'seller-1' });
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    await oauth.completeAuthorization({ state, code: 'c' });
    expect(endpoint.bodies[0]!.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
  });

  it('sends the scopes with refresh requests only when refreshWithScopes is set', async () => {
    for (const refreshWithScopes of [true, false]) {
      const endpoint = ebayLikeTokenEndpoint();
      const { oauth } = client({ refreshWithScopes }, endpoint.fetch);
      await oauth.importTokens('seller-1', { accessToken: 'old', refreshToken: 'v^1.1#refresh', expiresAt: 0 });
      await oauth.getAccessToken('seller-1');
      const refresh = endpoint.bodies.find((body) => body.get('grant_type') === 'refresh_token')!;
      expect(refresh.get('scope')).toBe(
        refreshWithScopes ? 'https://api.ebay.com/oauth/api_scope/sell.inventory' : null,
      );
    }
  });

  it('records the refresh token expiry and keeps it across refreshes that do not rotate the token', async () => {
    const endpoint = ebayLikeTokenEndpoint();
    const { oauth, clock } = client({ pkce: false }, endpoint.fetch);
    const start = clock.now();
    const { state } = await oauth.createAuthorizationUrl({ connectionId: 'seller-1' });
    const done = (await oauth.completeAuthorization({ state, code: 'c' }))._unsafeUnwrap();
    expect(done.refreshTokenExpiresAt).toBe(start + EIGHTEEN_MONTHS_S * 1000);
    await clock.advance(3 * 3_600_000);
    await oauth.getAccessToken('seller-1');
    const status = await oauth.connectionStatus('seller-1');
    expect(status).toMatchObject({
      state: 'active',
      hasRefreshToken: true,
      refreshTokenExpiresAt: start + EIGHTEEN_MONTHS_S * 1000,
    });
    expect(endpoint.bodies.map((body) => body.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
  });

  it('accepts a known refresh token expiry when seeding or importing tokens', async () => {
    const { fetch } = ebayLikeTokenEndpoint();
    const { oauth } = client({}, fetch);
    await oauth.seedRefreshToken('a', 'rt-a', { refreshTokenExpiresAt: 123 });
    await oauth.importTokens('b', { accessToken: 'at', refreshToken: 'rt-b', refreshTokenExpiresAt: 456 });
    expect((await oauth.connectionStatus('a')).refreshTokenExpiresAt).toBe(123);
    expect((await oauth.connectionStatus('b')).refreshTokenExpiresAt).toBe(456);
  });
});
