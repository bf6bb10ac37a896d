import { afterEach, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { levelKey } from '../../../src/connectors/shopify/simulator/index.js';
import { collect, createHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('catalog', () => {
  it('lists products lazily across many pages, following cursors', async () => {
    h = createHarness({ simulator: { products: 57, variantsPerProduct: 2 } });
    const iterator = h.shopify.listProducts({ pageSize: 5 })[Symbol.asyncIterator]();
    const first = await h.clock.drive(() => iterator.next());
    expect(first.value.offers).toHaveLength(2);
    expect(h.simulator.stats().byOperation.MbProducts).toBe(1);
    const rest = await h.clock.drive(async () => {
      const out = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) out.push(next.value);
      return out;
    });
    expect(rest).toHaveLength(56);
    expect(h.simulator.stats().byOperation.MbProducts).toBe(12);
    expect(new Set([first.value, ...rest].map((product) => product.id)).size).toBe(57);
  });

  it('clamps the page size to what fits under the single-query maximum', async () => {
    h = createHarness({ simulator: { products: 30 } });
    await h.clock.drive(() => collect(h.shopify.listProducts({ pageSize: 250 })));
    expect(h.simulator.stats().maxCostExceeded).toBe(0);
    const first = h.requests.find((request) => request.query.includes('MbProducts'))!.variables.first as number;
    expect(first).toBeLessThan(250);
    expect(first).toBeGreaterThan(5);
  });

  it('maps decimal prices to minor units and back through productSet', async () => {
    h = createHarness();
    const result = await h.clock.drive(() =>
      h.shopify.upsertProducts([
        {
          title: 'Mug',
          brand: 'Acme',
          offers: [
            { sku: 'MUG-S', price: eur(899), compareAtPrice: eur(1299), options: { Size: 'S' } },
            { sku: 'MUG-L', price: eur(1099), options: { Size: 'L' } },
          ],
        },
      ]),
    );
    expect(result.failed).toBe(0);
    const product = result.items[0]!.ok ? result.items[0]!.value : undefined;
    expect(product?.offers.map((offer) => [offer.sku, offer.price.amountMinor, offer.options.Size])).toEqual([
      ['MUG-S', 899, 'S'],
      ['MUG-L', 1099, 'L'],
    ]);
    expect(h.simulator.state.variantsBySku.get('MUG-S')!.price).toBe('8.99');
    expect(h.simulator.state.variantsBySku.get('MUG-S')!.compareAtPrice).toBe('12.99');
    const again = await h.clock.drive(() => h.shopify.getProduct(product!.id));
    expect(again.title).toBe('Mug');
    expect(again.brand).toBe('Acme');
  });

  it('reports userErrors per item and still writes the others', async () => {
    h = createHarness({ simulator: { products: 1 } });
    const result = await h.clock.drive(() =>
      h.shopify.upsertProducts([
        { title: 'Clash', offers: [{ sku: 'SKU-1', price: eur(100) }] },
        { title: 'Fine', offers: [{ sku: 'FINE-1', price: eur(100) }] },
        { title: 'Wrong currency', offers: [{ sku: 'USD-1', price: { amountMinor: 100, currency: 'USD' } }] },
      ]),
    );
    expect(result.succeeded).toBe(1);
    expect(result.items[0]!.ok).toBe(false);
    expect(!result.items[0]!.ok && result.items[0]!.error.message).toMatch(/already used/);
    expect(!result.items[2]!.ok && result.items[2]!.error.code).toBe('validation_failed');
    expect(h.simulator.state.variantsBySku.has('FINE-1')).toBe(true);
  });

  it('updates prices with one productVariantsBulkUpdate per product and reports unknown SKUs', async () => {
    h = createHarness({ simulator: { products: 3, variantsPerProduct: 3 } });
    const result = await h.clock.drive(() =>
      h.shopify.updatePrices([
        { sku: 'SKU-1', price: eur(2500) },
        { sku: 'SKU-2', price: eur(2600), compareAtPrice: eur(3000) },
        { sku: 'SKU-4', price: eur(1) },
        { sku: 'NOPE', price: eur(1) },
      ]),
    );
    expect(result.succeeded).toBe(3);
    expect(!result.items[3]!.ok && result.items[3]!.error.code).toBe('not_found');
    expect(h.simulator.state.variantsBySku.get('SKU-2')!.price).toBe('26.00');
    expect(h.simulator.state.variantsBySku.get('SKU-2')!.compareAtPrice).toBe('30.00');
    expect(h.simulator.state.variantsBySku.get('SKU-4')!.price).toBe('0.01');
    expect(h.simulator.stats().byOperation.MbVariantsBulkUpdate).toBe(2);
  });

  it('deletes products and reports missing ones as not found', async () => {
    h = createHarness({ simulator: { products: 2 } });
    const [id] = [...h.simulator.state.products.keys()];
    const result = await h.clock.drive(() => h.shopify.deleteProducts([String(id), '999999']));
    expect(result.items[0]!.ok).toBe(true);
    expect(!result.items[1]!.ok && result.items[1]!.error.code).toBe('not_found');
    expect(h.simulator.state.products.has(id!)).toBe(false);
    await expect(h.clock.drive(() => h.shopify.getProduct(String(id)))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('inventory', () => {
  it('reads levels at one location and at every location', async () => {
    h = createHarness({ simulator: { products: 3, locations: 2, initialAvailable: 4 } });
    h.simulator.placeOrder({ lines: [{ sku: 'SKU-1', quantity: 1 }] });
    const all = await h.clock.drive(() => h.shopify.getInventory({ skus: ['SKU-1', 'SKU-2', 'NOPE'] }));
    expect(all).toHaveLength(4);
    const one = await h.clock.drive(() => h.shopify.getInventory({ skus: ['SKU-1'], locationId: '1' }));
    expect(one).toEqual([
      expect.objectContaining({ sku: 'SKU-1', locationId: '1', available: 3, reserved: 1, onHand: 4, version: 3 }),
    ]);
  });

  it('a stale compare-and-set with an expectation is a conflict and is never forced', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 } });
    const result = await h.clock.drive(() =>
      h.shopify.setInventory([
        { sku: 'SKU-1', quantity: 20, expectedAvailable: 9 },
        { sku: 'SKU-2', quantity: 5, expectedAvailable: 10 },
      ]),
    );
    expect(!result.items[0]!.ok && result.items[0]!.error.code).toBe('conflict');
    expect(result.items[1]!.ok).toBe(true);
    expect(h.simulator.available('SKU-1')).toBe(10);
    expect(h.simulator.available('SKU-2')).toBe(5);
    const sets = h.requests.filter((request) => request.query.includes('inventorySetQuantities'));
    for (const request of sets)
      expect((request.variables.input as Record<string, unknown>).ignoreCompareQuantity).toBeUndefined();
  });

  it('a sale between read and write makes the set stale: it re-reads and sets again with the new compare value', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 } });
    let sold = false;
    h.simulator.before('MbInventorySetIdempotent', () => {
      if (!sold) h.simulator.setAvailable('SKU-1', 9);
      sold = true;
    });
    const result = await h.clock.drive(() => h.shopify.setInventory([{ sku: 'SKU-1', quantity: 15 }]));
    expect(result.succeeded).toBe(1);
    expect(h.simulator.available('SKU-1')).toBe(15);
    const sets = h.requests.filter((request) => request.query.includes('inventorySetQuantities'));
    expect(
      sets.map(
        (request) =>
          (request.variables.input as { quantities: { changeFromQuantity: number }[] }).quantities[0]!
            .changeFromQuantity,
      ),
    ).toEqual([10, 9]);
    expect(h.simulator.stats().byOperation.MbInventoryAtLocation).toBe(2);
  });

  it('surfaces userErrors per item; the other items of the all-or-nothing call are sent again', async () => {
    h = createHarness({ simulator: { products: 3 } });
    const result = await h.clock.drive(() =>
      h.shopify.setInventory([
        { sku: 'SKU-1', quantity: 1 },
        { sku: 'SKU-2', quantity: 2_000_000_000 },
        { sku: 'SKU-3', quantity: 3 },
        { sku: 'GHOST', quantity: 1 },
      ]),
    );
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual([
      'ok',
      'validation_failed',
      'ok',
      'not_found',
    ]);
    expect(h.simulator.available('SKU-1')).toBe(1);
    expect(h.simulator.available('SKU-3')).toBe(3);
    expect(h.simulator.stats().byOperation.MbInventorySetIdempotent).toBe(2);
  });

  it('rejects duplicate SKU/location pairs whole, before sending anything', async () => {
    h = createHarness({ simulator: { products: 1 } });
    await expect(
      h.clock.drive(() =>
        h.shopify.setInventory([
          { sku: 'SKU-1', quantity: 1 },
          { sku: 'SKU-1', quantity: 2 },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(h.simulator.stats().requests).toBe(0);
  });

  it('adjusts by deltas with an @idempotent key; a replayed idempotency key applies once', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 } });
    const batch = [
      { sku: 'SKU-1', delta: -3, idempotencyKey: 'order-1-line-1' },
      { sku: 'SKU-2', delta: 4, idempotencyKey: 'order-1-line-2' },
    ];
    const first = await h.clock.drive(() => h.shopify.adjustInventory(batch));
    expect(first.items.map((item) => item.ok && item.value.available)).toEqual([7, 14]);
    const replay = await h.clock.drive(() => h.shopify.adjustInventory(batch));
    expect(replay.succeeded).toBe(2);
    expect(h.simulator.available('SKU-1')).toBe(7);
    expect(h.simulator.available('SKU-2')).toBe(14);
    const adjust = h.requests.find((request) => request.query.includes('inventoryAdjustQuantities'))!;
    expect(adjust.query).toContain('@idempotent(key: $idempotencyKey)');
    expect(adjust.variables.idempotencyKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(h.shopify.capabilities.idempotentAdjustments).toBe(true);
  });

  it('refuses an idempotency key reused for another SKU or delta instead of answering with the first adjustment', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 } });
    await h.clock.drive(() => h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -3, idempotencyKey: 'restock-1' }]));
    const reused = [
      await h.clock.drive(() => h.shopify.adjustInventory([{ sku: 'SKU-2', delta: 4, idempotencyKey: 'restock-1' }])),
      await h.clock.drive(() => h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -2, idempotencyKey: 'restock-1' }])),
    ].flatMap((result) => result.items);
    expect(reused.map((item) => !item.ok && item.error.code)).toEqual(['conflict', 'conflict']);
    expect(!reused[0]!.ok && reused[0]!.error.message).toContain(
      'restock-1 was already used for a different adjustment',
    );
    expect(h.simulator.available('SKU-1')).toBe(7);
    expect(h.simulator.available('SKU-2')).toBe(10);
    // the same adjustment under the key is still answered from the record, not sent again
    const calls = h.simulator.stats().byOperation.MbInventoryAdjustIdempotent;
    const replay = await h.clock.drive(() =>
      h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -3, idempotencyKey: 'restock-1' }]),
    );
    expect(replay.items[0]).toMatchObject({ ok: true, value: { sku: 'SKU-1', available: 7 } });
    expect(h.simulator.stats().byOperation.MbInventoryAdjustIdempotent).toBe(calls);
  });

  it('refuses one idempotency key on two different writes of one batch whole, before sending anything', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 } });
    const adjust = h.clock.drive(() =>
      h.shopify.adjustInventory([
        { sku: 'SKU-1', delta: -1, idempotencyKey: 'order-9' },
        { sku: 'SKU-2', delta: -2, idempotencyKey: 'order-9' },
      ]),
    );
    await expect(adjust).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [{ path: [1, 'idempotencyKey'], message: expect.stringContaining('order-9 is also the key of item 0') }],
    });
    const set = h.clock.drive(() =>
      h.shopify.setInventory([
        { sku: 'SKU-1', quantity: 3, idempotencyKey: 'round-1' },
        { sku: 'SKU-2', quantity: 3, idempotencyKey: 'round-1' },
      ]),
    );
    await expect(set).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: [1, 'idempotencyKey'] }] });
    // the same location spelled as a number and as a GID is one location
    const spelled = h.clock.drive(() =>
      h.shopify.adjustInventory([
        { sku: 'SKU-1', delta: -1, locationId: '1', idempotencyKey: 'order-10' },
        { sku: 'SKU-1', delta: -1, locationId: 'gid://shopify/Location/1' },
      ]),
    );
    await expect(spelled).rejects.toMatchObject({ code: 'validation_failed', issues: [{ path: [1, 'sku'] }] });
    expect(h.simulator.stats().requests).toBe(0);
    expect([h.simulator.available('SKU-1'), h.simulator.available('SKU-2')]).toEqual([10, 10]);
    // keys of different writes, and writes without keys, still go through
    const fine = await h.clock.drive(() =>
      h.shopify.adjustInventory([
        { sku: 'SKU-1', delta: -1, idempotencyKey: 'order-9/1' },
        { sku: 'SKU-2', delta: -2, idempotencyKey: 'order-9/2' },
      ]),
    );
    expect(fine.succeeded).toBe(2);
  });

  it('a lost response is resent with the same @idempotent key and Shopify applies it once', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 } });
    const stop = h.simulator.before('MbInventoryAdjustIdempotent', () => {
      h.simulator.loseNextResponse();
      stop();
    });
    const result = await h.clock.drive(() => h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -1 }]));
    expect(result.succeeded).toBe(1);
    expect(h.simulator.stats().byOperation.MbInventoryAdjustIdempotent).toBe(2);
    expect(h.simulator.available('SKU-1')).toBe(9);
    const keys = h.requests
      .filter((request) => request.query.includes('inventoryAdjustQuantities'))
      .map((request) => request.variables.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
  });

  it('without the directive (older versions) a lost adjustment is not resent blindly', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 }, config: { apiVersion: '2025-10' } });
    const stop = h.simulator.before('MbInventoryAdjust', () => {
      h.simulator.loseNextResponse();
      stop();
    });
    const result = await h.clock.drive(() => h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -1 }]));
    expect(result.failed).toBe(1);
    expect(h.simulator.stats().byOperation.MbInventoryAdjust).toBe(1);
    expect(h.simulator.available('SKU-1')).toBe(9);
  });

  it('older API versions adjust without the directive and do not claim idempotent adjustments', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 }, config: { apiVersion: '2025-10' } });
    const result = await h.clock.drive(() => h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -1 }]));
    expect(result.succeeded).toBe(1);
    expect(h.requests.at(-1)!.query).not.toContain('@idempotent');
    expect(h.shopify.capabilities.idempotentAdjustments).toBe(false);
  });

  it('chunks a large set to the mutation maximum', async () => {
    h = createHarness({ simulator: { products: 600 } });
    const result = await h.clock.drive(() =>
      h.shopify.setInventory(Array.from({ length: 600 }, (_, i) => ({ sku: `SKU-${i + 1}`, quantity: 1 }))),
    );
    expect(result.succeeded).toBe(600);
    for (const request of h.requests.filter((r) => r.query.includes('inventorySetQuantities'))) {
      expect((request.variables.input as { quantities: unknown[] }).quantities.length).toBeLessThanOrEqual(250);
    }
  });
});

describe('throttling', () => {
  it('THROTTLED with HTTP 200 and no data is retried, after waiting for the restore', async () => {
    h = createHarness({ simulator: { products: 2 } });
    const throttled: string[] = [];
    h.events.on('throttled', (event) => throttled.push(event.source));
    h.simulator.throttleNext(2);
    const started = h.clock.now();
    const levels = await h.clock.drive(() => h.shopify.getInventory({ skus: ['SKU-1'], locationId: '1' }));
    expect(levels).toHaveLength(1);
    expect(h.simulator.stats().throttled).toBe(2);
    expect(throttled.filter((source) => source === 'server')).toHaveLength(2);
    expect(h.clock.now()).toBeGreaterThan(started);
  });

  it('an HTTP 429 is throttling too: waited out and retried', async () => {
    h = createHarness({ simulator: { products: 1 } });
    h.simulator.failNext(429);
    const started = h.clock.now();
    expect((await h.clock.drive(() => h.shopify.healthCheck())).ok).toBe(true);
    expect(h.simulator.stats().requests).toBe(2);
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('never sends a query above the single-query maximum, even on a tiny bucket', async () => {
    h = createHarness({
      simulator: { products: 400, limits: { maximumAvailable: 1000, restoreRate: 50 } },
      config: { plan: 'standard' },
    });
    const result = await h.clock.drive(() =>
      h.shopify.setInventory(Array.from({ length: 400 }, (_, i) => ({ sku: `SKU-${i + 1}`, quantity: 2 }))),
    );
    expect(result.succeeded).toBe(400);
    expect(h.simulator.stats().maxCostExceeded).toBe(0);
    // The configured plan (2,000) is larger than the shop's bucket (1,000) until the first answer corrects it.
    expect(h.simulator.stats().throttled).toBeLessThanOrEqual(2);
  });
});

describe('orders', () => {
  it('lists orders updated since a time, across pages, and reads one', async () => {
    h = createHarness({ simulator: { products: 5 } });
    for (let i = 0; i < 30; i++) {
      h.simulator.placeOrder({ lines: [{ sku: `SKU-${(i % 5) + 1}`, quantity: 1 }] });
      await h.clock.advance(60_000);
    }
    const since = new Date(h.clock.now() - 10 * 60_000 - 1).toISOString();
    const recent = await h.clock.drive(() => collect(h.shopify.listOrders({ since, pageSize: 3 })));
    expect(recent).toHaveLength(10);
    expect(h.simulator.stats().byOperation.MbOrders).toBe(4);
    const order = await h.clock.drive(() => h.shopify.getOrder(recent[0]!.id));
    expect(order).toMatchObject({ marketplace: 'shopify', status: 'unshipped', currency: 'EUR' });
    expect(order.totals.total.amountMinor).toBe(order.totals.subtotal.amountMinor + 495);
    await expect(h.clock.drive(() => h.shopify.getOrder('424242'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('confirms a shipment with tracking on the fulfillment order, then refuses to ship it twice', async () => {
    h = createHarness({ simulator: { products: 2 } });
    const order = h.simulator.placeOrder({
      lines: [
        { sku: 'SKU-1', quantity: 2 },
        { sku: 'SKU-2', quantity: 1 },
      ],
    });
    const lineId = String(order.lines[0]!.id);
    const shipment = {
      orderId: String(order.id),
      carrier: 'PostNL',
      trackingNumber: '3SABC',
      shippedAt: '2026-11-22T10:00:00.000Z',
    };
    const partial = await h.clock.drive(() =>
      h.shopify.confirmShipment([{ ...shipment, lineItems: [{ lineItemId: lineId, quantity: 1 }] }]),
    );
    expect(partial.succeeded).toBe(1);
    expect((await h.clock.drive(() => h.shopify.getOrder(String(order.id)))).status).toBe('partially_shipped');
    const rest = await h.clock.drive(() => h.shopify.confirmShipment([shipment]));
    expect(rest.succeeded).toBe(1);
    expect(order.fulfillments.at(-1)).toMatchObject({ company: 'PostNL', number: '3SABC' });
    const shipped = await h.clock.drive(() => h.shopify.getOrder(String(order.id)));
    expect(shipped.status).toBe('shipped');
    expect(shipped.lineItems[0]!.quantityShipped).toBe(2);
    const again = await h.clock.drive(() => h.shopify.confirmShipment([shipment]));
    expect(!again.items[0]!.ok && again.items[0]!.error.code).toBe('validation_failed');
  });

  it('cancels whole orders with restock and refuses line cancellations', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 5 } });
    const order = h.simulator.placeOrder({ lines: [{ sku: 'SKU-1', quantity: 2 }] });
    expect(h.simulator.available('SKU-1')).toBe(3);
    const result = await h.clock.drive(() =>
      h.shopify.cancelOrder([
        { orderId: String(order.id), reason: 'out_of_stock' },
        { orderId: String(order.id), lineItems: [{ lineItemId: '1', quantity: 1 }] },
      ]),
    );
    expect(result.items[0]!.ok && result.items[0]!.value.status).toBe('cancelled');
    expect(!result.items[1]!.ok && result.items[1]!.error.code).toBe('validation_failed');
    expect(h.simulator.available('SKU-1')).toBe(5);
    const variant = h.simulator.state.variantsBySku.get('SKU-1')!;
    expect(h.simulator.state.levels.get(levelKey(variant.inventoryItemId, 1))!.committed).toBe(0);
  });
});

describe('health and errors', () => {
  it('healthCheck answers ok, and not ok with a message for a bad token', async () => {
    h = createHarness();
    expect((await h.clock.drive(() => h.shopify.healthCheck())).ok).toBe(true);
    h.close();
    h = createHarness({ config: { accessToken: 'shpat_wrong' } });
    const health = await h.clock.drive(() => h.shopify.healthCheck());
    expect(health.ok).toBe(false);
    expect(health.message).not.toContain('shpat_wrong');
  });

  it('reports a deprecated API version once as an apiDeprecated event', async () => {
    h = createHarness({
      simulator: { products: 1, deprecatedReason: 'https://shopify.dev/api/usage/versioning#deprecation-practices' },
    });
    const seen: unknown[] = [];
    h.events.on('apiDeprecated', (event) => seen.push(event));
    await h.clock.drive(async () => {
      await h.shopify.healthCheck();
      await h.shopify.healthCheck();
    });
    expect(seen).toEqual([
      expect.objectContaining({
        platform: 'shopify',
        version: '2026-10',
        reason: expect.stringContaining('deprecation'),
      }),
    ]);
  });

  it('errors never carry the access token', async () => {
    h = createHarness({ config: { accessToken: 'shpat_secret_value', retries: 0 } });
    const error = await h.clock.drive(() => h.shopify.getProduct('1')).catch((caught: unknown) => caught);
    expect(isMarketbridgeError(error)).toBe(true);
    expect(JSON.stringify((error as { toJSON(): unknown }).toJSON())).not.toContain('shpat_secret_value');
  });
});
