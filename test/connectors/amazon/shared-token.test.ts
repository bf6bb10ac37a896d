import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AmazonMarketplace, createLwaAuth } from '../../../src/connectors/amazon/index.js';
import { LWA_TOKEN_URL } from '../../../src/connectors/amazon/endpoints.js';
import { EventBus, type MarketbridgeEvents } from '../../../src/core/events.js';
import { money } from '../../../src/model/money.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { StoreLock } from '../../../src/stores/store-lock.js';
import { AmazonSpApiSimulator } from '../../../src/connectors/amazon/simulator/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { pump, SELLER, US, useMsw } from './harness.js';

const server = useMsw();
const CALLS_PER_INSTANCE = 20;

function setup() {
  const clock = new FakeClock();
  const simulator = new AmazonSpApiSimulator({ clock, sellerId: SELLER, marketplaceId: US });
  let refreshRequests = 0;
  const refreshTokensSent: string[] = [];
  // Counts and falls through to the simulator's token endpoint.
  const counter = http.post(LWA_TOKEN_URL, async ({ request }) => {
    const form = new URLSearchParams(await request.clone().text());
    if (form.get('grant_type') === 'refresh_token') {
      refreshRequests++;
      refreshTokensSent.push(form.get('refresh_token')!);
    }
  });
  server.resetHandlers(counter, ...simulator.handlers);
  const store = new MemoryStore({ clock });
  const lock = new StoreLock(store, { clock });
  const refreshed: MarketbridgeEvents['tokenRefreshed'][] = [];
  const warnings: string[] = [];
  const logger = { debug() {}, info() {}, warn: (message: string) => void warnings.push(message), error() {} };
  const make = (config: { region?: 'na' | 'eu'; marketplaceId?: string; refreshToken?: string } = {}) => {
    const events = new EventBus();
    events.on('tokenRefreshed', (event) => refreshed.push(event));
    return new AmazonMarketplace(
      {
        sellerId: SELLER,
        marketplaceId: config.marketplaceId ?? US,
        region: config.region ?? 'na',
        credentials: {
          clientId: 'amzn1.application-oa2-client.test',
          clientSecret: 'client-secret-value',
          refreshToken: config.refreshToken ?? 'Atzr|refresh-token-value',
        },
        timeoutMs: 0,
      },
      { clock, store, lock, events, logger },
    );
  };
  return {
    clock,
    simulator,
    store,
    lock,
    refreshed,
    warnings,
    make,
    instances: [make(), make()],
    refreshRequests: () => refreshRequests,
    refreshTokensSent,
  };
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
    const calls = instances.flatMap((amazon) =>
      Array.from({ length: CALLS_PER_INSTANCE }, (_, i) => amazon.getProduct(`S-${i}`)),
    );
    const products = await pump(clock, Promise.all(calls));
    expect(products.map((product) => product.id)).toHaveLength(2 * CALLS_PER_INSTANCE);
    expect(refreshRequests()).toBe(2);
    expect(refreshed).toHaveLength(2);
    expect(refreshed.every((event) => event.platform === 'amazon' && event.connectionId === `${SELLER}@na`)).toBe(true);
    expect(await second.auth.oauth.connectionStatus(second.auth.connectionId)).toMatchObject({
      state: 'active',
      hasRefreshToken: true,
      version: 3,
    });
  });

  it('does not overwrite a newer record with the configured refresh token', async () => {
    const { clock, instances, refreshRequests } = setup();
    const [first, second] = instances as [AmazonMarketplace, AmazonMarketplace];
    await first.auth.oauth.importTokens(first.auth.connectionId, {
      accessToken: 'Atza|from-another-process',
      refreshToken: 'Atzr|rotated-elsewhere',
      expiresAt: clock.now() + 3600 * 1000,
    });
    expect(await pump(clock, second.auth.accessToken())).toBe('Atza|from-another-process');
    expect(refreshRequests()).toBe(0);
  });
});

describe('seller token records are kept per seller and region', () => {
  it('one seller id in two regions keeps two records, each with its own refresh token', async () => {
    const { clock, make, refreshTokensSent } = setup();
    const na = make({ region: 'na', refreshToken: 'Atzr|na-authorisation' });
    const eu = make({ region: 'eu', marketplaceId: 'A1PA6795UKMFR9', refreshToken: 'Atzr|eu-authorisation' });
    expect([na.auth.connectionId, eu.auth.connectionId]).toEqual([`${SELLER}@na`, `${SELLER}@eu`]);
    const [naToken, euToken] = await pump(clock, Promise.all([na.auth.accessToken(), eu.auth.accessToken()]));
    expect(naToken).not.toBe(euToken);
    expect(refreshTokensSent.sort()).toEqual(['Atzr|eu-authorisation', 'Atzr|na-authorisation']);
    expect(await na.auth.oauth.connectionStatus(na.auth.connectionId)).toMatchObject({
      state: 'active',
      hasRefreshToken: true,
    });
    expect(await eu.auth.oauth.connectionStatus(eu.auth.connectionId)).toMatchObject({
      state: 'active',
      hasRefreshToken: true,
    });
  });

  it('a record stored under the seller id alone (earlier versions) is read on, without a new token request', async () => {
    const { clock, store, lock, make, refreshRequests, warnings } = setup();
    // What earlier versions wrote: the seller's record under the bare seller id.
    const earlier = createLwaAuth(
      {
        clientId: 'amzn1.application-oa2-client.test',
        clientSecret: 'client-secret-value',
        refreshToken: 'Atzr|refresh-token-value',
      },
      { clock, store, lock, connectionId: SELLER, requestTimeoutMs: 0 },
    );
    const stored = await pump(clock, earlier.accessToken());
    expect(refreshRequests()).toBe(1);
    const amazon = make();
    expect(await pump(clock, amazon.auth.accessToken())).toBe(stored);
    expect(refreshRequests()).toBe(1);
    expect(await amazon.auth.oauth.connectionStatus(amazon.auth.connectionId)).toMatchObject({
      state: 'active',
      hasRefreshToken: true,
    });
    expect(warnings).toEqual([]);
  });

  it('an earlier record holding another refresh token (another region’s authorisation) is not used', async () => {
    const { clock, store, lock, make, refreshTokensSent, warnings } = setup();
    const earlier = createLwaAuth(
      {
        clientId: 'amzn1.application-oa2-client.test',
        clientSecret: 'client-secret-value',
        refreshToken: 'Atzr|na-authorisation',
      },
      { clock, store, lock, connectionId: SELLER, requestTimeoutMs: 0 },
    );
    const naToken = await pump(clock, earlier.accessToken());
    const eu = make({ region: 'eu', marketplaceId: 'A1PA6795UKMFR9', refreshToken: 'Atzr|eu-authorisation' });
    expect(await pump(clock, eu.auth.accessToken())).not.toBe(naToken);
    expect(refreshTokensSent).toEqual(['Atzr|na-authorisation', 'Atzr|eu-authorisation']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${SELLER}@eu`);
    expect(warnings[0]).not.toMatch(/Atzr\|/);
  });
});
