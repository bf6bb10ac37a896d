import { describe, expect, it } from 'vitest';
import { OAuthClient, RESERVED_AUTHORIZE_PARAMS, type OAuthClientConfig } from '../../src/auth/index.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { MemoryStore } from '../../src/stores/memory-store.js';

const config: OAuthClientConfig = {
  platform: 'mercadolibre',
  clientId: 'client-1',
  clientSecret: 'client.secret/x',
  tokenUrl: 'https://auth.example.test/oauth/token',
  authorizeUrl: 'https://auth.example.test/authorization',
  redirectUri: 'https://app.example.test/callback',
  scopes: ['read'],
};

function paths(error: unknown): unknown[] {
  expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
  return (error as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path);
}

const thrown = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('reserved OAuth parameters cannot be overridden', () => {
  it.each(RESERVED_AUTHORIZE_PARAMS.flatMap((name) => [name, name.toUpperCase()]))(
    'extraParams.%s is refused and no state is stored',
    async (name) => {
      const store = new MemoryStore();
      const oauth = new OAuthClient(config, { context: { store } });
      const error = await oauth
        .createAuthorizationUrl({ connectionId: 'c1', extraParams: { [name]: 'attacker-value' } })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(paths(error)).toEqual([['extraParams', name]]);
      expect(await store.list('')).toEqual([]);
    },
  );

  it('a forced state and a downgraded PKCE method are both reported at once', async () => {
    const oauth = new OAuthClient(config);
    const error = await oauth
      .createAuthorizationUrl({
        connectionId: 'c1',
        extraParams: { state: 'known-to-attacker', code_challenge_method: 'plain', prompt: 'consent' },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(paths(error)).toEqual([
      ['extraParams', 'state'],
      ['extraParams', 'code_challenge_method'],
    ]);
  });

  it('other extra parameters are sent beside the ones marketbridge sets', async () => {
    const oauth = new OAuthClient({ ...config, extraAuthorizeParams: { prompt: 'consent' } });
    const { url, state } = await oauth.createAuthorizationUrl({
      connectionId: 'c1',
      extraParams: { access_type: 'offline' },
    });
    const params = new URL(url).searchParams;
    expect(params.get('state')).toBe(state);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('prompt')).toBe('consent');
    expect(params.get('access_type')).toBe('offline');
  });

  it('a scope in extraParams applies only when no scopes are configured', async () => {
    const withScopes = await new OAuthClient(config).createAuthorizationUrl({
      connectionId: 'c',
      extraParams: { scope: 'a,b' },
    });
    expect(new URL(withScopes.url).searchParams.get('scope')).toBe('read');
    const without = await new OAuthClient({ ...config, scopes: [] }).createAuthorizationUrl({
      connectionId: 'c',
      extraParams: { scope: 'a,b' },
    });
    expect(new URL(without.url).searchParams.get('scope')).toBe('a,b');
  });

  it('the config refuses reserved names in extraAuthorizeParams and extraTokenParams, and non-string values', () => {
    const error = thrown(
      () =>
        new OAuthClient({
          ...config,
          extraAuthorizeParams: { code_challenge: 'x', prompt: 'login' },
          extraTokenParams: {
            refresh_token: 'x',
            Client_Secret: 'y',
            scope: 'sellingpartnerapi::notifications',
            audience: 42 as unknown as string,
          },
        }),
    );
    expect(paths(error)).toEqual([
      ['extraTokenParams', 'refresh_token'],
      ['extraTokenParams', 'Client_Secret'],
      ['extraTokenParams', 'audience'],
      ['extraAuthorizeParams', 'code_challenge'],
    ]);
  });
});
