import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AmazonMarketplace } from '../../../src/connectors/amazon/index.js';
import { LWA_TOKEN_URL } from '../../../src/connectors/amazon/endpoints.js';
import { EventBus, type MarketbridgeEvents } from '../../../src/core/events.js';
import { money } from '../../../src/model/money.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { StoreLock } from '../../../src/store/store-lock.js';
import { AmazonSpApiSimulator } from '../../../src/connectors/amazon/simulator/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { pump, SELLER, US, useMsw } from './harness.js';

const server = useMsw();
const CALLS_PER_INSTANCE = 20;

function setup() {
  const clock = new FakeClock();
  const simulator = new AmazonSpApiSimulator({ clock, sellerId: SELLER, marketplaceId: US });
  let refreshRequests = 0;
  // Counts and falls through to the simulator's token endpoint.
  const counter = http.post(LWA_TOKEN_URL, async ({ request }) => {
    if (new URLSearchParams(await request.clone().text()).get('grant_type') === 'refresh_token') refreshRequests++;
  });
  server.resetHandlers(counter, ...simulator.handlers);
  const store = new MemoryStore({ clock });
  const lock = new StoreLock(store, { clock });
  const refreshed: MarketbridgeEvents['tokenRefreshed'][] = [];
  const make = () => {
    const events = new EventBus();
    events.on('tokenRefreshed', (event) => refreshed.push(event));
    return new AmazonMarketplace(
      { sellerId: SELLER, marketplaceId: US, credentials: { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'client-secret-value', refreshToken: 'Atzr|refresh-token-value' }, timeoutMs: 0 },
      { clock, store, lock, events },
    );
  };
  return { clock, simulator, refreshed, instances: [make(), make()], refreshRequests: () => refreshRequests };
}

describe('seller token shared through the store', () => {
  it(`two instances on one store and lock, ${CALLS_PER_INSTANCE} concurrent calls each with an expired token → one refresh-token request`, async () => {
    const { clock, simulator, refreshed, instances, refreshRequests } = setup();
    for (let i = 0; i < CALLS_PER_INSTANCE; i++) simulator.addListing({ sku: `S-${i}`, price: money(100 + i, 'USD') });
    const [first, second] = instances as [AmazonMarketplace, AmazonMarketplace];
    await pump(clock, first.getProduct('S-0'));
    expect(refreshRequests()).toBe(1);
    // The second instance finds the first one's token in the store instead of refreshing.
    await pump(clock, second.getProduct('S-1'));
    expect(refreshRequests()).toBe(1);

    await clock.advance(3600 * 1000);
    simulator.expireTokens();
    const calls = instances.flatMap((amazon) => Array.from({ length: CALLS_PER_INSTANCE }, (_, i) => amazon.getProduct(`S-${i}`)));
    const products = await pump(clock, Promise.all(calls));
    expect(products.map((product) => product.id)).toHaveLength(2 * CALLS_PER_INSTANCE);
    expect(refreshRequests()).toBe(2);
    expect(refreshed).toHaveLength(2);
    expect(refreshed.every((event) => event.platform === 'amazon' && event.connectionId === SELLER)).toBe(true);
    expect(await second.auth.oauth.connectionStatus(SELLER)).toMatchObject({ state: 'active', hasRefreshToken: true, version: 3 });
  });

  it('does not overwrite a newer record with the configured refresh token', async () => {
    const { clock, instances, refreshRequests } = setup();
    const [first, second] = instances as [AmazonMarketplace, AmazonMarketplace];
    await first.auth.oauth.importTokens(SELLER, { accessToken: 'Atza|from-another-process', refreshToken: 'Atzr|rotated-elsewhere', expiresAt: clock.now() + 3600 * 1000 });
    expect(await pump(clock, second.auth.accessToken())).toBe('Atza|from-another-process');
    expect(refreshRequests()).toBe(0);
  });
});
