import { describe, expect, it } from 'vitest';
import { amazonMarketplace } from '../../../src/connectors/amazon/index.js';
import { MarketplaceFactory } from '../../../src/core/marketplace-factory.js';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { money } from '../../../src/model/money.js';
import { RealWorldAdapter } from '../../../src/safety/index.js';
import { SELLER, setup, US, useMsw } from './harness.js';

const server = useMsw();

describe('stock is read from the pool it is written to, by fulfillment channel', () => {
  it('a merchant-fulfilled seller reads back what setInventory wrote, at MFN:DEFAULT, without FBA calls', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(999, 'USD'), quantity: 3 });
    const written = await clock.drive(() => amazon.setInventory([{ sku: 'MUG-1', quantity: 40 }]));
    expect(written.items[0]).toMatchObject({ ok: true, value: { locationId: 'MFN:DEFAULT', available: 40 } });
    const levels = await clock.drive(() => amazon.getInventory({ skus: ['MUG-1'] }));
    expect(levels).toEqual([
      expect.objectContaining({ sku: 'MUG-1', locationId: 'MFN:DEFAULT', available: 40, reserved: 0, onHand: 40 }),
    ]);
    expect(simulator.stats().operations.getInventorySummaries).toBeUndefined();
  });

  it('a mixed catalog reads MFN quantities from the listings and FBA quantities from FBA inventory', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'OWN', price: money(999, 'USD'), quantity: 7 });
    simulator.addListing({ sku: 'FBA', price: money(999, 'USD'), fba: { fulfillable: 12, reserved: 2 } });
    const levels = await clock.drive(() => amazon.getInventory({ skus: ['OWN', 'FBA', 'GONE'] }));
    expect(levels.map((level) => [level.sku, level.locationId, level.available, level.reserved])).toEqual([
      ['OWN', 'MFN:DEFAULT', 7, 0],
      ['FBA', `AFN:${US}`, 12, 2],
    ]);
    const stats = simulator.stats().operations;
    expect([stats.searchListingsItems?.calls, stats.getInventorySummaries?.calls]).toEqual([1, 1]);
    expect(await clock.drive(() => amazon.getInventory({ skus: ['OWN', 'FBA'], locationId: 'MFN:DEFAULT' }))).toEqual([
      expect.objectContaining({ sku: 'OWN' }),
    ]);
    expect(await clock.drive(() => amazon.getInventory({ skus: ['OWN', 'FBA'], locationId: `AFN:${US}` }))).toEqual([
      expect.objectContaining({ sku: 'FBA' }),
    ]);
  });

  it('reads 45 SKUs in three listing searches of at most 20', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 45; i++) simulator.addListing({ sku: `S-${i}`, price: money(999, 'USD'), quantity: i });
    const levels = await clock.drive(() =>
      amazon.getInventory({ skus: Array.from({ length: 45 }, (_, i) => `S-${i}`) }),
    );
    expect(levels.map((level) => level.available)).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(simulator.stats().operations.searchListingsItems?.calls).toBe(3);
  });

  it('reads FBA summaries alongside the listing searches: 1,000 FBA SKUs take the listing searches’ time, not the sum', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 1000; i++)
      simulator.addListing({ sku: `F-${i}`, price: money(999, 'USD'), fba: { fulfillable: i, reserved: 0 } });
    const start = clock.now();
    const levels = await clock.drive(() =>
      amazon.getInventory({ skus: Array.from({ length: 1000 }, (_, i) => `F-${i}`) }),
    );
    expect(levels).toHaveLength(1000);
    const stats = simulator.stats().operations;
    expect([stats.searchListingsItems?.calls, stats.getInventorySummaries?.calls]).toEqual([50, 20]);
    // 50 searches at 5/s after a burst of 5 take 9 s, 20 FBA reads at 2/s after a burst of 2 take 9 s: about 9 s together, 18 s one after the other.
    expect(clock.now() - start).toBeLessThan(12_000);
  });

  it('refuses to set FBA stock, whole, before anything is sent', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(999, 'USD'), quantity: 3 });
    const error = await clock
      .drive(() =>
        amazon.setInventory([
          { sku: 'MUG-1', quantity: 1 },
          { sku: 'MUG-1', locationId: `AFN:${US}`, quantity: 5 },
        ]),
      )
      .catch((caught: unknown) => caught);
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect(simulator.stats().operations.patchListingsItem).toBeUndefined();
  });

  it('the safety layer verifies a live stock write by reading it back, instead of rolling it back', async () => {
    const { simulator, clock, store } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(999, 'USD'), quantity: 3 });
    const adapter = new RealWorldAdapter({
      mode: 'live',
      confirmLive: true,
      factory: new MarketplaceFactory().register(amazonMarketplace),
      context: { clock, store },
    });
    const connected = await clock.drive(() =>
      adapter.initializeMarketplaceConnection({
        marketplace: 'amazon',
        config: {
          sellerId: SELLER,
          marketplaceId: US,
          timeoutMs: 0,
          credentials: {
            clientId: 'amzn1.application-oa2-client.test',
            clientSecret: 'client-secret-value',
            refreshToken: 'Atzr|refresh-token-value',
          },
        },
      }),
    );
    expect(connected.isOk()).toBe(true);
    const result = await clock.drive(() => adapter.executeAction({ type: 'set_inventory', sku: 'MUG-1', quantity: 8 }));
    expect(result._unsafeUnwrap()).toMatchObject({ status: 'applied', verification: { ok: true } });
    expect(simulator.state.listings.get('MUG-1')!.quantity).toBe(8);
  });
});

describe('listing fulfillment data from a broken answer', () => {
  it('skips channels without a code or a whole-number quantity instead of throwing', async () => {
    const { fromListingFulfillment } = await import('../../../src/connectors/amazon/mapper/inventory.js');
    const item = {
      sku: 'X',
      fulfillmentAvailability: [
        {},
        { fulfillmentChannelCode: 'DEFAULT', quantity: 2.5 },
        { fulfillmentChannelCode: 'DEFAULT', quantity: -3 },
        { fulfillmentChannelCode: 'AMAZON_EU' },
      ],
    } as never;
    const { levels, fulfilledByAmazon } = fromListingFulfillment(item, 0);
    expect(levels.map((level) => [level.locationId, level.available])).toEqual([['MFN:DEFAULT', 0]]);
    expect(fulfilledByAmazon).toBe(true);
  });
});
