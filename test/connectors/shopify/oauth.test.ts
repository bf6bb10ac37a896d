import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { ShopifyMarketplace, ShopifyOAuth, verifyShopifyQueryHmac } from '../../../src/connectors/shopify/index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { ShopifySimulator } from '../../../src/testing/shopify/index.js';

let close = () => {};
afterEach(() => close());

const app = { clientId: 'app-id', clientSecret: 'app-secret', scopes: ['read_products', 'write_inventory'], redirectUri: 'https://app.example/auth/callback' };

async function signQuery(params: Record<string, string>, secret: string): Promise<URLSearchParams> {
  const message = Object.keys(params).sort().map((key) => `${key}=${params[key]}`).join('&');
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const hmac = [...new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return new URLSearchParams({ ...params, hmac });
}

function setup(ttl = 3600) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22));
  const simulator = new ShopifySimulator({ clock, products: 1, oauth: { clientId: app.clientId, clientSecret: app.clientSecret, codes: ['code-1'], sessionTokens: ['session-jwt'], accessTokenTtlSeconds: ttl } });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  close = () => server.close();
  const store = new MemoryStore({ clock });
  const oauth = new ShopifyOAuth(app, { clock, store });
  return { clock, simulator, store, oauth };
}

describe('Shopify OAuth', () => {
  it('installs: authorize URL with state, HMAC-checked callback, code exchange, then the connector uses and refreshes the token', async () => {
    const { clock, simulator, store, oauth } = setup(600);
    const { url, state, shop } = await oauth.begin('Sim-Shop');
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://sim-shop.myshopify.com/admin/oauth/authorize');
    expect(authorize.searchParams.get('scope')).toBe('read_products,write_inventory');
    expect(authorize.searchParams.get('state')).toBe(state);
    const callback = await signQuery({ code: 'code-1', shop, state, timestamp: String(Math.floor(clock.now() / 1000)), host: 'YWRtaW4' }, app.clientSecret);
    const installed = await oauth.complete(callback);
    expect(installed._unsafeUnwrap()).toMatchObject({ shop: 'sim-shop.myshopify.com', hasRefreshToken: true });

    const shopify = new ShopifyMarketplace({ shop, auth: oauth.authHook(shop), timeoutMs: 0 }, { clock, store });
    expect((await clock.drive(() => shopify.healthCheck())).ok).toBe(true);
    await clock.advance(601_000);
    // The token expired; the hook refreshes it (the refresh token rotates) before sending.
    // Awaited without driving the fake clock: the token request's own timeout must not fire.
    expect((await shopify.healthCheck()).ok).toBe(true);
    expect(simulator.stats.requests).toBe(2);
  });

  it('refuses forged, replayed, stale and foreign callbacks', async () => {
    const { clock, oauth } = setup();
    const { state, shop } = await oauth.begin('sim-shop');
    const now = String(Math.floor(clock.now() / 1000));
    const forged = await signQuery({ code: 'code-1', shop, state, timestamp: now }, 'not-the-secret');
    expect((await oauth.complete(forged))._unsafeUnwrapErr().reason).toBe('hmac_mismatch');
    const foreign = await signQuery({ code: 'code-1', shop: 'evil.example.com', state, timestamp: now }, app.clientSecret);
    expect((await oauth.complete(foreign))._unsafeUnwrapErr().reason).toBe('invalid_shop');
    const stale = await signQuery({ code: 'code-1', shop, state, timestamp: String(Number(now) - 86_400) }, app.clientSecret);
    expect((await oauth.complete(stale))._unsafeUnwrapErr().reason).toBe('stale_callback');
    const wrongState = await signQuery({ code: 'code-1', shop, state: 'made-up', timestamp: now }, app.clientSecret);
    expect((await oauth.complete(wrongState))._unsafeUnwrapErr().reason).toBe('state_invalid');
    expect((await oauth.complete({ shop }))._unsafeUnwrapErr().reason).toBe('missing_parameter');
  });

  it('exchanges an embedded app session token for an offline token', async () => {
    const { clock, store, oauth } = setup();
    await oauth.exchangeSessionToken('sim-shop', 'session-jwt');
    const shopify = new ShopifyMarketplace({ shop: 'sim-shop', auth: oauth.authHook('sim-shop'), timeoutMs: 0 }, { clock, store });
    expect((await clock.drive(() => shopify.healthCheck())).ok).toBe(true);
    await expect(oauth.exchangeSessionToken('sim-shop', 'bad')).rejects.toMatchObject({ code: 'auth_failed' });
  });

  it('verifyShopifyQueryHmac checks the sorted query', async () => {
    const params = await signQuery({ shop: 'a.myshopify.com', timestamp: '1' }, 's');
    expect(await verifyShopifyQueryHmac(params, 's')).toBe(true);
    params.set('timestamp', '2');
    expect(await verifyShopifyQueryHmac(params, 's')).toBe(false);
  });
});
