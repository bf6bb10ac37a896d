import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  ShopifyMarketplace,
  ShopifyOAuth,
  shopifyQueryHmacMessage,
  verifyShopifyQueryHmac,
  verifyShopifySessionToken,
} from '../../../src/connectors/shopify/index.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { ShopifySimulator } from '../../../src/connectors/shopify/simulator/index.js';
import { signShopifyQuery, signShopifySessionToken } from '../../../src/testing/index.js';

let close = () => {};
afterEach(() => close());

const app = {
  clientId: 'app-id',
  clientSecret: 'app-secret',
  scopes: ['read_products', 'write_inventory'],
  redirectUri: 'https://app.example/auth/callback',
};

const signQuery = signShopifyQuery;

function setup(ttl = 3600) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22));
  const simulator = new ShopifySimulator({
    clock,
    products: 1,
    oauth: { clientId: app.clientId, clientSecret: app.clientSecret, codes: ['code-1'], accessTokenTtlSeconds: ttl },
  });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const tokenRequests: string[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/admin/oauth/access_token')) tokenRequests.push(request.url);
  });
  close = () => server.close();
  const store = new MemoryStore({ clock });
  const oauth = new ShopifyOAuth(app, { clock, store });
  return { clock, simulator, store, oauth, tokenRequests };
}

const sessionToken = (clock: FakeClock, overrides: Partial<Parameters<typeof signShopifySessionToken>[0]> = {}) =>
  signShopifySessionToken({
    shop: 'sim-shop.myshopify.com',
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    now: clock.now(),
    ...overrides,
  });

describe('Shopify OAuth', () => {
  it('installs: authorize URL with state, HMAC-checked callback, code exchange, then the connector uses and refreshes the token', async () => {
    const { clock, simulator, store, oauth } = setup(600);
    const { url, state, shop } = await oauth.begin('Sim-Shop');
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://sim-shop.myshopify.com/admin/oauth/authorize');
    expect(authorize.searchParams.get('scope')).toBe('read_products,write_inventory');
    expect(authorize.searchParams.get('state')).toBe(state);
    const callback = await signQuery(
      { code: 'code-1', shop, state, timestamp: String(Math.floor(clock.now() / 1000)), host: 'YWRtaW4' },
      app.clientSecret,
    );
    const installed = await oauth.complete(callback);
    expect(installed._unsafeUnwrap()).toMatchObject({ shop: 'sim-shop.myshopify.com', hasRefreshToken: true });

    const shopify = new ShopifyMarketplace({ shop, auth: oauth.authHook(shop), timeoutMs: 0 }, { clock, store });
    expect((await clock.drive(() => shopify.healthCheck())).ok).toBe(true);
    await clock.advance(601_000);
    // The token expired; the hook refreshes it (the refresh token rotates) before sending.
    // Awaited without driving the fake clock: the token request's own timeout must not fire.
    expect((await shopify.healthCheck()).ok).toBe(true);
    expect(simulator.stats().requests).toBe(2);
  });

  it('refuses forged, replayed, stale and foreign callbacks', async () => {
    const { clock, oauth } = setup();
    const { state, shop } = await oauth.begin('sim-shop');
    const now = String(Math.floor(clock.now() / 1000));
    const forged = await signQuery({ code: 'code-1', shop, state, timestamp: now }, 'not-the-secret');
    expect((await oauth.complete(forged))._unsafeUnwrapErr().reason).toBe('hmac_mismatch');
    const foreign = await signQuery(
      { code: 'code-1', shop: 'evil.example.com', state, timestamp: now },
      app.clientSecret,
    );
    expect((await oauth.complete(foreign))._unsafeUnwrapErr().reason).toBe('invalid_shop');
    const stale = await signQuery(
      { code: 'code-1', shop, state, timestamp: String(Number(now) - 86_400) },
      app.clientSecret,
    );
    expect((await oauth.complete(stale))._unsafeUnwrapErr().reason).toBe('stale_callback');
    const wrongState = await signQuery({ code: 'code-1', shop, state: 'made-up', timestamp: now }, app.clientSecret);
    expect((await oauth.complete(wrongState))._unsafeUnwrapErr().reason).toBe('state_invalid');
    expect((await oauth.complete({ shop }))._unsafeUnwrapErr().reason).toBe('missing_parameter');
  });

  it('exchanges an embedded app session token for an offline token', async () => {
    const { clock, store, oauth, tokenRequests } = setup();
    await oauth.exchangeSessionToken('sim-shop', await sessionToken(clock));
    expect(tokenRequests).toHaveLength(1);
    const shopify = new ShopifyMarketplace(
      { shop: 'sim-shop', auth: oauth.authHook('sim-shop'), timeoutMs: 0 },
      { clock, store },
    );
    expect((await clock.drive(() => shopify.healthCheck())).ok).toBe(true);
  });

  it('verifies the session token before sending it: forged, expired, early, foreign-app and foreign-shop tokens never leave the process', async () => {
    const { clock, oauth, tokenRequests } = setup();
    const now = Math.floor(clock.now() / 1000);
    const cases: [string, string, string][] = [
      ['not a JWT', 'session-jwt', 'malformed_token'],
      ['signed with another secret', await sessionToken(clock, { clientSecret: 'someone-else' }), 'signature_mismatch'],
      ['signed with another algorithm', await sessionToken(clock, { alg: 'HS512' }), 'unsupported_algorithm'],
      ['expired', await sessionToken(clock, { claims: { exp: now - 11 } }), 'token_expired'],
      ['not valid yet', await sessionToken(clock, { claims: { nbf: now + 60 } }), 'token_not_yet_valid'],
      ['for another app', await sessionToken(clock, { claims: { aud: 'other-app' } }), 'audience_mismatch'],
      ['for another shop', await sessionToken(clock, { shop: 'other-shop.myshopify.com' }), 'shop_mismatch'],
      [
        'with a dest outside myshopify.com',
        await sessionToken(clock, { claims: { dest: 'https://evil.example' } }),
        'shop_mismatch',
      ],
    ];
    for (const [what, token, reason] of cases) {
      const error = await oauth.exchangeSessionToken('sim-shop', token).catch((caught: unknown) => caught);
      expect({ what, error }).toMatchObject({
        what,
        error: { code: 'auth_failed', operation: 'exchangeSessionToken' },
      });
      expect({ what, message: (error as Error).message }).toMatchObject({
        what,
        message: expect.stringContaining(`(${reason})`),
      });
      expect((error as Error).message).not.toContain(token);
    }
    expect(tokenRequests).toEqual([]);
    // Within the 10 s clock tolerance the token is still good.
    expect(
      (
        await verifyShopifySessionToken(await sessionToken(clock, { claims: { exp: now - 5 } }), {
          ...app,
          now: clock.now(),
        })
      ).isOk(),
    ).toBe(true);
  });

  it('the simulated token endpoint refuses an invalid session token on its own', async () => {
    const { clock, simulator } = setup();
    const exchange = async (token: string) =>
      (
        await fetch(`https://${simulator.shop}/admin/oauth/access_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            client_id: app.clientId,
            client_secret: app.clientSecret,
            grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
            subject_token: token,
          }).toString(),
        })
      ).status;
    expect(await exchange(await sessionToken(clock))).toBe(200);
    expect(await exchange(await sessionToken(clock, { clientSecret: 'forged' }))).toBe(400);
    expect(await exchange(await sessionToken(clock, { claims: { exp: Math.floor(clock.now() / 1000) - 60 } }))).toBe(
      400,
    );
  });

  it('verifyShopifyQueryHmac checks the sorted query', async () => {
    const params = await signQuery({ shop: 'a.myshopify.com', timestamp: '1' }, 's');
    expect(await verifyShopifyQueryHmac(params, 's')).toBe(true);
    params.set('timestamp', '2');
    expect(await verifyShopifyQueryHmac(params, 's')).toBe(false);
  });

  it('verifyShopifyQueryHmac signs the URL-encoded form, a space as %20, as Shopify does', async () => {
    // Values with reserved characters: a space, &, =, /, ?, +, %, and non-ASCII.
    const params = {
      shop: 'a.myshopify.com',
      timestamp: '1700000000',
      state: 'a b&c=d/e?f+g%h',
      host: 'YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvYQ==',
      locale: 'de-CH',
      return_to: '/apps/ü',
    };
    const message =
      'host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvYQ%3D%3D&locale=de-CH&return_to=%2Fapps%2F%C3%BC&shop=a.myshopify.com&state=a%20b%26c%3Dd%2Fe%3Ff%2Bg%25h&timestamp=1700000000';
    const hmac = createHmac('sha256', 'secret').update(message).digest('hex');
    const query = new URLSearchParams({ ...params, hmac });
    expect(shopifyQueryHmacMessage(query)).toBe(message);
    expect(await verifyShopifyQueryHmac(query, 'secret')).toBe(true);
    // The decoded form (what was signed before) no longer passes.
    const decoded = Object.keys(params)
      .sort()
      .map((name) => `${name}=${params[name as keyof typeof params]}`)
      .join('&');
    expect(
      await verifyShopifyQueryHmac(
        new URLSearchParams({ ...params, hmac: createHmac('sha256', 'secret').update(decoded).digest('hex') }),
        'secret',
      ),
    ).toBe(false);
    // The testing kit signs the same way.
    expect((await signShopifyQuery(params, 'secret')).get('hmac')).toBe(hmac);
    // A repeated parameter is signed as its values joined with a comma.
    const repeated = new URLSearchParams([
      ['shop', 'a.myshopify.com'],
      ['ids[]', '1'],
      ['ids[]', '2'],
    ]);
    expect(shopifyQueryHmacMessage(repeated)).toBe('ids%5B%5D=1%2C2&shop=a.myshopify.com');
  });
});
