import { describe, expect, it } from 'vitest';
import { EBAY_DEFAULT_USER_SCOPES, EBAY_SCOPES, EbayMarketplace } from '../../../src/connectors/ebay/index.js';
import { AuthError } from '../../../src/core/errors/auth-error.js';
import { EventBus } from '../../../src/core/events.js';
import { money } from '../../../src/model/money.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { EbaySimulator } from '../../../src/testing/msw/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { CLIENT_ID, CLIENT_SECRET, pump, setup, useMsw } from './harness.js';

const server = useMsw();
const RU_NAME = 'Acme-Acme-PRD-1a2b3c4d5-e6f7a8b9';
const HOUR = 3_600_000;

describe('eBay OAuth', () => {
  it('sends the seller to the consent page with the RuName and scopes, and stores the tokens from the redirect', async () => {
    const { make, simulator, clock } = setup(server, { ruName: RU_NAME });
    const ebay = make({
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ruName: RU_NAME },
      connectionId: 'seller-7',
    });
    const { url, state } = await ebay.createAuthorizationUrl();
    const params = new URL(url).searchParams;
    expect(`${new URL(url).origin}${new URL(url).pathname}`).toBe('https://auth.ebay.com/oauth2/authorize');
    expect(Object.fromEntries(params)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: RU_NAME,
      response_type: 'code',
      scope: EBAY_DEFAULT_USER_SCOPES.join(' '),
    });
    expect(params.has('code_challenge')).toBe(false);
    const done = await ebay.completeAuthorization({ state, code: simulator.issueAuthorizationCode() });
    expect(done._unsafeUnwrap()).toMatchObject({
      connectionId: 'seller-7',
      hasRefreshToken: true,
      refreshTokenExpiresAt: clock.now() + 47_304_000_000,
    });
    expect(await ebay.connectionStatus()).toMatchObject({ state: 'active', reconsentDue: false });
    expect((await ebay.healthCheck()).ok).toBe(true);
    expect(simulator.stats().tokens).toEqual({ authorizationCode: 1, refreshToken: 0, clientCredentials: 0 });
  });

  it('refreshes the 2-hour user token once, with the scopes, and keeps the 18-month refresh token', async () => {
    const { ebay, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'A', price: money(100, 'USD') });
    await ebay.getInventory({ skus: ['A'] });
    await clock.advance(2 * HOUR);
    await ebay.getInventory({ skus: ['A'] });
    expect(simulator.stats().tokens.refreshToken).toBe(2);
    const status = await ebay.connectionStatus();
    expect(status).toMatchObject({ state: 'active', hasRefreshToken: true });
    expect(status.expiresAt! - clock.now()).toBeLessThanOrEqual(2 * HOUR);
  });

  it('makes one refresh across two instances sharing the store and lock', async () => {
    const clock = new FakeClock();
    const simulator = new EbaySimulator({ clock, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    server.resetHandlers(...simulator.handlers);
    simulator.addListing({ sku: 'A', price: money(100, 'USD') });
    const store = new MemoryStore({ clock });
    const events = new EventBus();
    let refreshed = 0;
    events.on('tokenRefreshed', () => refreshed++);
    const refreshToken = simulator.issueRefreshToken();
    const instance = () =>
      new EbayMarketplace(
        { credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken }, timeoutMs: 0 },
        { clock, store, events },
      );
    const [first, second] = [instance(), instance()];
    await pump(
      clock,
      Promise.all([
        first.getInventory({ skus: ['A'] }),
        second.getInventory({ skus: ['A'] }),
        first.healthCheck(),
        second.healthCheck(),
      ]),
      5,
    );
    expect(simulator.stats().tokens.refreshToken).toBe(1);
    expect(refreshed).toBe(1);
    await clock.advance(2 * HOUR);
    await pump(clock, Promise.all([first.getInventory({ skus: ['A'] }), second.getInventory({ skus: ['A'] })]), 5);
    expect(simulator.stats().tokens.refreshToken).toBe(2);
  });

  it('refreshes once when eBay answers 401 (errorId 1001) and sends the call again', async () => {
    const { ebay, simulator } = setup(server);
    simulator.addListing({ sku: 'A', price: money(100, 'USD'), quantity: 3 });
    await ebay.getInventory({ skus: ['A'] });
    simulator.expireAccessTokens();
    expect((await ebay.getInventory({ skus: ['A'] }))[0]?.available).toBe(3);
    expect(simulator.stats().tokens.refreshToken).toBe(2);
  });

  it('says the seller must consent again when eBay refuses the refresh token, and asks in time before it expires', async () => {
    const { make, simulator, clock } = setup(server);
    const dead = make({
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: 'v^1.1#unknown' },
    });
    await expect(dead.healthCheck()).resolves.toMatchObject({
      ok: false,
      message: expect.stringMatching(/authorise again/),
    });
    expect((await dead.connectionStatus()).reconsentDue).toBe(true);
    const soon = simulator.issueRefreshToken(EBAY_DEFAULT_USER_SCOPES, 20 * 86_400);
    const expiring = make({
      credentials: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        refreshToken: soon,
        refreshTokenExpiresAt: clock.now() + 20 * 86_400_000,
      },
      connectionId: 'other',
    });
    expect(await expiring.connectionStatus()).toMatchObject({
      reconsentDue: true,
      refreshTokenExpiresAt: clock.now() + 20 * 86_400_000,
    });
    expect((await expiring.connectionStatus(7 * 86_400_000)).reconsentDue).toBe(false);
  });

  it('uses the application token (client credentials, api_scope) for the Notification API and IAF for the Post-Order API', async () => {
    const { ebay, simulator } = setup(server);
    const seen: { path: string; authorization: string }[] = [];
    const orderId = simulator.addOrder({ lines: [{ sku: 'A', quantity: 1, unitPrice: money(100, 'USD') }] });
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (!url.pathname.startsWith('/identity'))
        seen.push({ path: url.pathname, authorization: request.headers.get('authorization')?.split(' ')[0] ?? '' });
    });
    await ebay.notifications.getTopic('MARKETPLACE_ACCOUNT_DELETION');
    await ebay.cancelOrder([{ orderId, reason: 'out_of_stock' }]);
    server.events.removeAllListeners();
    expect(seen).toEqual([
      { path: '/commerce/notification/v1/topic/MARKETPLACE_ACCOUNT_DELETION', authorization: 'Bearer' },
      { path: `/sell/fulfillment/v1/order/${orderId}`, authorization: 'Bearer' },
      { path: '/post-order/v2/cancellation', authorization: 'IAF' },
      { path: `/sell/fulfillment/v1/order/${orderId}`, authorization: 'Bearer' },
    ]);
    expect(simulator.stats().tokens).toEqual({ authorizationCode: 0, refreshToken: 1, clientCredentials: 1 });
    const token = [...simulator.state.accessTokens.values()].find((entry) => entry.kind === 'application');
    expect(token?.scopes).toEqual([EBAY_SCOPES.public]);
  });

  it('keeps every secret out of errors', async () => {
    const { make } = setup(server);
    const ebay = make({
      credentials: {
        clientId: CLIENT_ID,
        clientSecret: 'Cert-secret-value',
        refreshToken: 'v^1.1#refresh-secret-value',
      },
    });
    const health = await ebay.healthCheck();
    expect(health.ok).toBe(false);
    const error = await ebay.getInventory({ skus: ['A'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    const text = `${health.message} ${JSON.stringify(error)} ${(error as Error).message}`;
    expect(text).not.toContain('Cert-secret-value');
    expect(text).not.toContain('refresh-secret-value');
    expect(JSON.stringify(ebay.auth.user)).not.toContain('secret');
  });
});
