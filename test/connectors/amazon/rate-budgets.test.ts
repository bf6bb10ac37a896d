import { describe, expect, it } from 'vitest';
import { AmazonMarketplace } from '../../../src/connectors/amazon/index.js';
import type { AmazonConfigInput } from '../../../src/connectors/amazon/config.js';
import { EventBus } from '../../../src/core/events.js';
import { money } from '../../../src/model/money.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { AmazonSpApiSimulator } from '../../../src/connectors/amazon/simulator/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { US, useMsw } from './harness.js';

const server = useMsw();
const EU_BASE = 'https://sellingpartnerapi-eu.amazon.com';
const DE = 'A1PA6795UKMFR9';
const APP = { clientId: 'amzn1.application-oa2-client.shared-app', clientSecret: 'client-secret-value' };

/**
 * One tenant: one store, one clock, one event bus; every connector below shares them. A
 * connector given `tenantId` belongs to another tenant of the same host (same store and clock).
 */
function tenant() {
  const clock = new FakeClock();
  const events = new EventBus();
  const waits: string[] = [];
  events.on('throttled', (event) => waits.push(`${event.source}:${event.operation}`));
  const context = { clock, store: new MemoryStore({ clock }), events, tenantId: 'tenant-1' };
  const connector = (
    config: Partial<AmazonConfigInput> & {
      sellerId: string;
      marketplaceId: string;
      refreshToken: string;
      tenantId?: string;
    },
  ) => {
    const { tenantId, refreshToken, ...rest } = config;
    return new AmazonMarketplace(
      { timeoutMs: 0, ...rest, credentials: { ...APP, refreshToken } },
      { ...context, tenantId: tenantId ?? context.tenantId },
    );
  };
  return { clock, waits, connector, store: context.store };
}

/** A burst of getCatalogItem calls (usage plan: 2 per second, burst 2) from each connector at once. */
async function burst(clock: FakeClock, connectors: AmazonMarketplace[], asin: string) {
  const start = clock.now();
  await clock.drive(() =>
    Promise.all(
      connectors.flatMap((amazon) => [amazon.client.getCatalogItem(asin), amazon.client.getCatalogItem(asin)]),
    ),
  );
  return clock.now() - start;
}

describe('usage plans are budgeted per selling partner and application in each region', () => {
  it('one tenant with two seller accounts in one region gets two budgets', async () => {
    const { clock, waits, connector } = tenant();
    const simulator = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    simulator.addListing({ sku: 'A', asin: 'B0SHARED01', price: money(100, 'USD') });
    server.resetHandlers(...simulator.handlers);
    const first = connector({ sellerId: 'A1FIRST', marketplaceId: US, refreshToken: 'Atzr|first-seller' });
    const second = connector({ sellerId: 'A2SECOND', marketplaceId: US, refreshToken: 'Atzr|second-seller' });
    expect(await burst(clock, [first, second], 'B0SHARED01')).toBe(0);
    expect(waits).toEqual([]);
    expect(simulator.stats().operations.getCatalogItem).toMatchObject({ calls: 4, throttled: 0 });
  });

  it('one seller in two regions gets two budgets', async () => {
    const { clock, waits, connector } = tenant();
    const na = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    const eu = new AmazonSpApiSimulator({ clock, marketplaceId: DE, baseUrl: EU_BASE });
    na.addListing({ sku: 'A', asin: 'B0SHARED01', price: money(100, 'USD') });
    eu.addListing({ sku: 'A', asin: 'B0SHARED01', price: money(100, 'EUR') });
    server.resetHandlers(...na.handlers, ...eu.handlers);
    const us = connector({ sellerId: 'A1SELLER', marketplaceId: US, region: 'na', refreshToken: 'Atzr|seller' });
    const de = connector({ sellerId: 'A1SELLER', marketplaceId: DE, region: 'eu', refreshToken: 'Atzr|seller' });
    // The second connector waits a moment for the first one's token refresh (one seller id, one
    // token record); for budget it does not wait at all (a shared bucket of two would hold the
    // last two calls for a second).
    expect(await burst(clock, [us, de], 'B0SHARED01')).toBeLessThan(500);
    expect(waits).toEqual([]);
    expect([na.stats().operations.getCatalogItem?.calls, eu.stats().operations.getCatalogItem?.calls]).toEqual([2, 2]);
  });

  it('two connectors of one seller in one region share one budget, as Amazon counts them', async () => {
    const { clock, waits, connector } = tenant();
    const simulator = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    simulator.addListing({ sku: 'A', asin: 'B0SHARED01', price: money(100, 'USD') });
    server.resetHandlers(...simulator.handlers);
    const one = connector({ sellerId: 'A1SELLER', marketplaceId: US, refreshToken: 'Atzr|seller' });
    const other = connector({ sellerId: 'A1SELLER', marketplaceId: US, refreshToken: 'Atzr|seller' });
    // Four calls on a bucket of two refilled at 2/s: the last two wait one second between them.
    expect(await burst(clock, [one, other], 'B0SHARED01')).toBeGreaterThanOrEqual(500);
    expect(waits.filter((wait) => wait === 'limiter:getCatalogItem').length).toBeGreaterThan(0);
    expect(simulator.stats().operations.getCatalogItem).toMatchObject({ calls: 4, throttled: 0 });
  });

  it('two tenants that connect one seller account through one application share its budget', async () => {
    const { clock, waits, connector } = tenant();
    const simulator = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    simulator.addListing({ sku: 'A', asin: 'B0SHARED01', price: money(100, 'USD') });
    server.resetHandlers(...simulator.handlers);
    const agency = connector({
      sellerId: 'A1SELLER',
      marketplaceId: US,
      refreshToken: 'Atzr|seller',
      tenantId: 'agency',
    });
    const brand = connector({
      sellerId: 'A1SELLER',
      marketplaceId: US,
      refreshToken: 'Atzr|seller',
      tenantId: 'brand',
    });
    expect(await burst(clock, [agency, brand], 'B0SHARED01')).toBeGreaterThanOrEqual(500);
    expect(waits.filter((wait) => wait === 'limiter:getCatalogItem').length).toBeGreaterThan(0);
    expect(simulator.stats().operations.getCatalogItem).toMatchObject({ calls: 4, throttled: 0 });
  });

  it('two tenants with two seller accounts get two budgets', async () => {
    const { clock, waits, connector } = tenant();
    const simulator = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    simulator.addListing({ sku: 'A', asin: 'B0SHARED01', price: money(100, 'USD') });
    server.resetHandlers(...simulator.handlers);
    const first = connector({
      sellerId: 'A1FIRST',
      marketplaceId: US,
      refreshToken: 'Atzr|first-seller',
      tenantId: 'agency',
    });
    const second = connector({
      sellerId: 'A2SECOND',
      marketplaceId: US,
      refreshToken: 'Atzr|second-seller',
      tenantId: 'brand',
    });
    expect(await burst(clock, [first, second], 'B0SHARED01')).toBe(0);
    expect(waits).toEqual([]);
  });

  it('grantless calls of two tenants spend one budget of their application and region', async () => {
    const { clock, waits, connector } = tenant();
    const simulator = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    server.resetHandlers(...simulator.handlers);
    const first = connector({
      sellerId: 'A1FIRST',
      marketplaceId: US,
      refreshToken: 'Atzr|first-seller',
      tenantId: 'agency',
    });
    const second = connector({
      sellerId: 'A2SECOND',
      marketplaceId: US,
      refreshToken: 'Atzr|second-seller',
      tenantId: 'brand',
    });
    const start = clock.now();
    await clock.drive(() =>
      Promise.all(
        [first, second].flatMap((amazon) => Array.from({ length: 5 }, () => amazon.notifications.listDestinations())),
      ),
    );
    expect(clock.now() - start).toBeGreaterThanOrEqual(4000);
    expect(waits).toContain('limiter:getDestinations');
    expect(simulator.stats().operations.getDestinations).toMatchObject({ calls: 10, throttled: 0 });
  });

  it('JSON_LISTINGS_FEED submissions of two tenants on one seller account share its limit (5 per 5 minutes)', async () => {
    const { clock, waits, connector } = tenant();
    const simulator = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    server.resetHandlers(...simulator.handlers);
    const agency = connector({
      sellerId: 'A1SELLER',
      marketplaceId: US,
      refreshToken: 'Atzr|seller',
      tenantId: 'agency',
    });
    const brand = connector({
      sellerId: 'A1SELLER',
      marketplaceId: US,
      refreshToken: 'Atzr|seller',
      tenantId: 'brand',
    });
    const submit = async (amazon: AmazonMarketplace) => {
      const document = await amazon.client.createFeedDocument();
      await fetch(document.url, {
        method: 'PUT',
        body: JSON.stringify({ header: { sellerId: 'A1SELLER', version: '2.0' }, messages: [] }),
      });
      return amazon.client.createFeed({ feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: document.feedDocumentId });
    };
    await clock.drive(() =>
      Promise.all([agency, brand].flatMap((amazon) => Array.from({ length: 3 }, () => submit(amazon)))),
    );
    expect(waits).toContain('limiter:createFeed:JSON_LISTINGS_FEED');
  });

  it('grantless calls of two sellers spend their application’s budget, which the simulator keeps per application too', async () => {
    const { clock, waits, connector } = tenant();
    const simulator = new AmazonSpApiSimulator({ clock, marketplaceId: US });
    server.resetHandlers(...simulator.handlers);
    const first = connector({ sellerId: 'A1FIRST', marketplaceId: US, refreshToken: 'Atzr|first-seller' });
    const second = connector({ sellerId: 'A2SECOND', marketplaceId: US, refreshToken: 'Atzr|second-seller' });
    // getDestinations: 1 per second, burst 5; ten calls need five seconds of refill.
    const start = clock.now();
    await clock.drive(() =>
      Promise.all(
        [first, second].flatMap((amazon) => Array.from({ length: 5 }, () => amazon.notifications.listDestinations())),
      ),
    );
    expect(clock.now() - start).toBeGreaterThanOrEqual(4000);
    expect(waits).toContain('limiter:getDestinations');
    expect(simulator.stats().operations.getDestinations).toMatchObject({ calls: 10, throttled: 0 });
  });
});
