import { describe, expect, it } from 'vitest';
import { EbayOfferIndex, type EbayPriceQuantityUpdate } from '../../../src/connectors/ebay/index.js';
import type { Clock } from '../../../src/core/clock.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

/** Simulated time for one sequential worker: a sleep moves time forward at once. */
class SkipClock implements Clock {
  #now = Date.UTC(2026, 0, 1);
  now(): number {
    return this.#now;
  }
  async sleep(ms: number): Promise<void> {
    this.#now += Math.max(0, ms);
  }
}

function seed(simulator: ReturnType<typeof setup>['simulator'], count: number) {
  for (let i = 0; i < count; i++)
    simulator.addListing({ sku: `SKU-${i}`, title: `Item ${i}`, price: money(999, 'USD'), quantity: 1 });
}

async function warmIndex(context: ReturnType<typeof setup>) {
  const index = new EbayOfferIndex(context.store, 'default', 'EBAY_US');
  await index.rememberOffers(
    [...context.simulator.state.offers.values()].map(
      (offer) =>
        context.simulator.state && {
          offerId: offer.offerId,
          sku: offer.sku,
          marketplaceId: offer.marketplaceId,
          format: offer.format,
          status: offer.status,
        },
    ),
  );
}

const updates = (count: number): EbayPriceQuantityUpdate[] =>
  Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${i}`,
    price: money(1000 + (i % 500), 'USD'),
    quantity: i % 50,
  }));

describe('bulkUpdatePriceQuantity', () => {
  it('updates 10,000 SKUs in ⌈10,000 ÷ 25⌉ = 400 calls with 0 throttled, every price and quantity applied', {
    timeout: 120_000,
  }, async () => {
    // The simulator answers as fetch directly: 400 requests through in-process interception
    // would measure the interceptor on a loaded machine.
    const base = setup(server);
    const context = { ...base, ebay: base.make({}, { fetch: base.simulator.fetch }) };
    seed(context.simulator, 10_000);
    await warmIndex(context);
    const result = await context.ebay.updatePriceQuantity(updates(10_000));
    expect(result).toMatchObject({ succeeded: 10_000, failed: 0 });
    const stats = context.simulator.stats();
    expect(stats.operations.bulkUpdatePriceQuantity).toEqual({ calls: Math.ceil(10_000 / 25), throttled: 0 });
    expect(stats.calls).toBe(400);
    expect(stats.throttled).toBe(0);
    const offers = [...context.simulator.state.offers.values()];
    expect(offers.every((offer) => offer.price?.amountMinor === 1000 + (Number(offer.sku.slice(4)) % 500))).toBe(true);
    expect(
      [...context.simulator.state.items.values()].every(
        (item) => item.item.availability?.shipToLocationAvailability?.quantity === Number(item.sku.slice(4)) % 50,
      ),
    ).toBe(true);
  });

  it('paces calls to a tight call limit: 0 throttled and no more time than the limit needs', {
    timeout: 60_000,
  }, async () => {
    const clock = new SkipClock();
    const limits = { inventory: { callsPerDay: 86_400, burst: 10 } }; // 1 call a second, 10 at once
    const context = setup(server, { clock: clock as never, limits }, { limits, concurrency: 1 }, { clock });
    seed(context.simulator, 2_500);
    await warmIndex(context);
    const start = clock.now();
    const result = await context.ebay.updatePriceQuantity(updates(2_500));
    expect(result.failed).toBe(0);
    expect(context.simulator.stats()).toMatchObject({ calls: 100, throttled: 0 });
    const elapsed = (clock.now() - start) / 1000;
    expect(elapsed).toBeGreaterThanOrEqual(90 - 1); // (100 calls - 10 burst) ÷ 1 call/s
    expect(elapsed).toBeLessThanOrEqual(90 * 1.01);
  });

  it('is throttled by the simulator, which counts on its own, when the connector believes in a larger limit', async () => {
    const clock = new SkipClock();
    const context = setup(
      server,
      { clock: clock as never, limits: { inventory: { callsPerDay: 86_400, burst: 10 } } },
      { concurrency: 1, retries: 20 },
      { clock },
    );
    seed(context.simulator, 500);
    await warmIndex(context);
    const result = await context.ebay.updatePriceQuantity(updates(500));
    expect(result.failed).toBe(0);
    expect(context.simulator.stats().throttled).toBeGreaterThan(0);
  });

  it('chunks to 25 entries a call; the simulator refuses a call of 26 whole', async () => {
    const context = setup(server);
    seed(context.simulator, 60);
    await warmIndex(context);
    await context.ebay.updatePriceQuantity(updates(60));
    expect(context.simulator.stats().operations.bulkUpdatePriceQuantity?.calls).toBe(3);
    const token = await context.ebay.auth.accessToken('user');
    const response = await fetch('https://api.ebay.com/sell/inventory/v1/bulk_update_price_quantity', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: Array.from({ length: 26 }, (_, i) => ({
          sku: `SKU-${i}`,
          shipToLocationAvailability: { quantity: 1 },
        })),
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { errorId: number }[] }).errors[0]?.errorId).toBe(25709);
  });

  it('reports one outcome per SKU from eBay’s per-item statuses; the rest of the call is applied', async () => {
    const context = setup(server);
    seed(context.simulator, 3);
    await warmIndex(context);
    const result = await context.ebay.updatePriceQuantity([
      { sku: 'SKU-0', price: money(1500, 'USD') },
      { sku: 'SKU-1', price: money(0, 'USD') },
      { sku: 'NO-SUCH', price: money(100, 'USD') },
      { sku: 'GONE', quantity: 3 },
      { sku: 'SKU-2', locations: { 'WH-1': 4, 'WH-2': 1 } },
    ]);
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
      'ok',
      'marketplace_api_error',
      'not_found',
      'not_found',
      'ok',
    ]);
    const failed = result.items[1]!;
    expect(!failed.ok && failed.error.message).toMatch(/25003.*invalid price/);
    expect(
      context.simulator.state.offers.get(
        [...context.simulator.state.offers.values()].find((o) => o.sku === 'SKU-0')!.offerId,
      )?.price?.amountMinor,
    ).toBe(1500);
    expect(context.simulator.state.items.get('SKU-2')?.item.availability?.shipToLocationAvailability).toEqual({
      quantity: 5,
      availabilityDistributions: [
        { merchantLocationKey: 'WH-1', quantity: 4 },
        { merchantLocationKey: 'WH-2', quantity: 1 },
      ],
    });
  });

  it('looks offer ids up once per unknown SKU and remembers them for the next update', async () => {
    const context = setup(server);
    seed(context.simulator, 50);
    await context.ebay.updatePriceQuantity(updates(50));
    expect(context.simulator.stats().operations).toMatchObject({
      getOffers: { calls: 50 },
      bulkUpdatePriceQuantity: { calls: 2 },
    });
    context.simulator.resetLimits();
    await context.ebay.updatePriceQuantity(updates(50));
    expect(context.simulator.stats().operations).toEqual({ bulkUpdatePriceQuantity: { calls: 2, throttled: 0 } });
  });

  it('forgets a remembered offer id eBay no longer knows, looks it up and sends once more', async () => {
    const context = setup(server);
    seed(context.simulator, 2);
    const index = new EbayOfferIndex(context.store, 'default', 'EBAY_US');
    await index.remember('SKU-0', { offerId: '999999', status: 'PUBLISHED' });
    const result = await context.ebay.updatePriceQuantity([{ sku: 'SKU-0', price: money(1234, 'USD') }]);
    expect(result.succeeded).toBe(1);
    expect((await index.get('SKU-0'))?.offerId).not.toBe('999999');
    expect(context.simulator.stats().operations).toMatchObject({
      bulkUpdatePriceQuantity: { calls: 2 },
      getOffers: { calls: 1 },
    });
  });

  it('sets prices of unpublished offers with updateOffer, which eBay’s bulk call does not take', async () => {
    const context = setup(server);
    context.simulator.addListing({ sku: 'DRAFT', price: money(500, 'USD'), published: false });
    const result = await context.ebay.updatePrices([{ sku: 'DRAFT', price: money(700, 'USD') }]);
    expect(result.succeeded).toBe(1);
    expect([...context.simulator.state.offers.values()][0]?.price?.amountMinor).toBe(700);
    expect(context.simulator.stats().operations).toMatchObject({
      getOffers: { calls: 1 },
      getOffer: { calls: 1 },
      updateOffer: { calls: 1 },
    });
    expect(context.simulator.stats().operations.bulkUpdatePriceQuantity).toBeUndefined();
  });

  it('rejects a bad batch whole before sending: duplicates, wrong currency, a total and locations together', async () => {
    const context = setup(server);
    const attempt = context.ebay.updatePriceQuantity([
      { sku: 'A', price: money(100, 'EUR') },
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 1, locations: { X: 1 } },
      { sku: 'C' } as never,
    ]);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: ValidationError) => e)) as ValidationError;
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['2.locations', '3']));
    const second = (await context.ebay
      .updatePriceQuantity([
        { sku: 'A', price: money(100, 'EUR') },
        { sku: 'A', quantity: 1 },
      ])
      .catch((e: ValidationError) => e)) as ValidationError;
    expect(second.issues.map((issue) => issue.path.join('.'))).toEqual(['0.price.currency', '1.sku']);
    expect(context.simulator.stats().calls).toBe(0);
  });

  it('maps canonical setInventory to totals and merchant locations, refusing compare-and-set', async () => {
    const context = setup(server);
    seed(context.simulator, 2);
    const result = await context.ebay.setInventory([
      { sku: 'SKU-0', quantity: 8 },
      { sku: 'SKU-1', locationId: 'WH-1', quantity: 2 },
      { sku: 'SKU-1', locationId: 'WH-2', quantity: 3 },
    ]);
    expect(result.items.map((item) => item.ok && `${item.value.locationId}=${item.value.available}`)).toEqual([
      'SHIP_TO_HOME=8',
      'WH-1=2',
      'WH-2=3',
    ]);
    expect(context.simulator.state.items.get('SKU-1')?.item.availability?.shipToLocationAvailability?.quantity).toBe(5);
    expect(context.simulator.stats().operations.bulkUpdatePriceQuantity?.calls).toBe(1);
    await expect(context.ebay.setInventory([{ sku: 'SKU-0', quantity: 1, expectedVersion: 2 }])).rejects.toThrow(
      /compare-and-set/,
    );
    expect(context.ebay.capabilities).toMatchObject({
      inventoryCompareAndSet: false,
      maxBatchSize: { setInventory: 25, updatePrices: 25 },
    });
  });
});
