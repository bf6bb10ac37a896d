import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  EventBus,
  isMarketbridgeError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from '../../src/index.js';
import { SimulatedMarketplace, type SimulatedState } from '../../src/simulated/index.js';
import { FakeClock } from '../../src/testing/index.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 150);

function make(config: ConstructorParameters<typeof SimulatedMarketplace>[0] = {}, clock = new FakeClock()) {
  const events = new EventBus();
  return { clock, events, sim: new SimulatedMarketplace({ rateLimit: false, ...config }, { clock, events }) };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Stock invariants of a marketplace that never sells what it does not have. */
function checkStock(state: SimulatedState): void {
  const reservedBySku = new Map<string, number>();
  for (const order of state.orders) {
    for (const line of order.lineItems) {
      const open = line.quantity - line.quantityShipped - line.quantityCancelled;
      expect(open).toBeGreaterThanOrEqual(0);
      reservedBySku.set(line.sku, (reservedBySku.get(line.sku) ?? 0) + open);
    }
  }
  const reservedInStock = new Map<string, number>();
  for (const level of state.inventory) {
    expect(level.available).toBeGreaterThanOrEqual(0);
    expect(level.reserved).toBeGreaterThanOrEqual(0);
    expect(level.onHand).toBe(level.available + level.reserved);
    reservedInStock.set(level.sku, (reservedInStock.get(level.sku) ?? 0) + level.reserved);
  }
  for (const [sku, reserved] of reservedBySku) expect(reservedInStock.get(sku) ?? 0).toBe(reserved);
}

describe('SimulatedMarketplace', () => {
  it('is reproducible from its seed', async () => {
    const run = async (seed: number) => {
      const { sim, clock } = make({ seed, products: 30, locations: ['A', 'B'], orders: { perHour: 600 } });
      await clock.advance(3_600_000);
      await sim.setInventory([{ sku: 'SKU-00001', locationId: 'B', quantity: 7 }]);
      await clock.advance(1_800_000);
      return sim.snapshot();
    };
    const first = await run(11);
    expect(first.orders.length).toBeGreaterThan(100);
    expect(await run(11)).toEqual(first);
    expect(await run(12)).not.toEqual(first);
  });

  it('never sells stock it does not have, whatever buyers and sellers do (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 600_000 }) }),
            fc.record({
              kind: fc.constant('order' as const),
              sku: fc.integer({ min: 1, max: 5 }),
              quantity: fc.integer({ min: 1, max: 30 }),
            }),
            fc.record({
              kind: fc.constant('set' as const),
              sku: fc.integer({ min: 1, max: 5 }),
              quantity: fc.integer({ min: 0, max: 10 }),
            }),
            fc.record({ kind: fc.constant('ship' as const), pick: fc.nat() }),
            fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
          ),
          { maxLength: 40 },
        ),
        async (seed, steps) => {
          const { sim, clock } = make({
            seed,
            products: 5,
            variantsPerProduct: { min: 1, max: 1 },
            locations: ['A', 'B'],
            initialStock: { min: 0, max: 5 },
            orders: { perHour: 120, maxUnitsPerLine: 4 },
          });
          for (const step of steps) {
            if (step.kind === 'wait') await clock.advance(step.ms);
            else if (step.kind === 'order') {
              const sku = `SKU-0000${step.sku}`;
              const before = sim
                .snapshot()
                .inventory.filter((l) => l.sku === sku)
                .reduce((s, l) => s + l.available, 0);
              const placed = sim.placeOrder([{ sku, quantity: step.quantity }]);
              expect(placed.isOk()).toBe(step.quantity <= before);
            } else if (step.kind === 'set')
              await sim.setInventory([{ sku: `SKU-0000${step.sku}`, quantity: step.quantity }]);
            else {
              const open = sim
                .snapshot()
                .orders.filter((o) => o.status === 'unshipped' || o.status === 'partially_shipped');
              const order = open[step.pick % Math.max(1, open.length)];
              if (!order) continue;
              if (step.kind === 'ship')
                await sim.confirmShipment([
                  {
                    orderId: order.id,
                    carrier: 'PostNL',
                    trackingNumber: 'T1',
                    shippedAt: new Date(clock.now()).toISOString(),
                  },
                ]);
              else await sim.cancelOrder([{ orderId: order.id }]);
            }
            checkStock(sim.snapshot());
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it('pages lists lazily: one call per page, only as far as iterated', async () => {
    const { sim } = make({ products: 120, pageSize: 50 });
    const first = await (async () => {
      for await (const product of sim.listProducts()) return product;
    })();
    expect(first?.id).toBe('P-00001');
    expect(sim.stats().calls.listProducts).toBe(1);
    expect(await collect(sim.listProducts({ pageSize: 40 }))).toHaveLength(120);
    expect(sim.stats().calls.listProducts).toBe(1 + 3 + 1);
  });

  it('compare-and-set: a stale version is a per-item conflict, the rest apply', async () => {
    const { sim } = make({ products: 3, variantsPerProduct: { min: 1, max: 1 } });
    const [level] = await sim.getInventory({ skus: ['SKU-00001'] });
    const result = await sim.setInventory([
      { sku: 'SKU-00001', quantity: 9, expectedVersion: level!.version },
      { sku: 'SKU-00002', quantity: 4, expectedVersion: 999 },
      { sku: 'SKU-404', quantity: 1 },
    ]);
    expect(result.succeeded).toBe(1);
    expect(result.items[1]).toMatchObject({ ok: false });
    expect(!result.items[1]!.ok && result.items[1]!.error).toBeInstanceOf(ConflictError);
    expect(!result.items[2]!.ok && result.items[2]!.error).toBeInstanceOf(NotFoundError);
    const [after] = await sim.getInventory({ skus: ['SKU-00001'] });
    expect(after).toMatchObject({ available: 9, version: level!.version + 1 });
    const stale = await sim.setInventory([
      { sku: 'SKU-00001', quantity: 1, expectedAvailable: level!.available === 9 ? 8 : level!.available },
    ]);
    expect(stale.failed).toBe(1);
  });

  it('applies an adjustment with an idempotency key once, however often it is replayed', async () => {
    const { sim } = make({ products: 1, variantsPerProduct: { min: 1, max: 1 }, initialStock: { min: 5, max: 5 } });
    for (let i = 0; i < 3; i++)
      await sim.adjustInventory([{ sku: 'SKU-00001', delta: 2, idempotencyKey: 'restock-1' }]);
    expect((await sim.getInventory({ skus: ['SKU-00001'] }))[0]?.available).toBe(7);
    const below = await sim.adjustInventory([{ sku: 'SKU-00001', delta: -8 }]);
    expect(!below.items[0]!.ok && below.items[0]!.error).toBeInstanceOf(ValidationError);
  });

  it('orders reserve stock; shipping removes it from hand; cancelling restocks and refunds', async () => {
    const { sim } = make({ products: 1, variantsPerProduct: { min: 1, max: 1 }, initialStock: { min: 10, max: 10 } });
    const order = sim.placeOrder([{ sku: 'SKU-00001', quantity: 4 }])._unsafeUnwrap();
    let [level] = await sim.getInventory({ skus: ['SKU-00001'] });
    expect(level).toMatchObject({ available: 6, reserved: 4, onHand: 10 });
    const line = order.lineItems[0]!;
    await sim.confirmShipment([
      {
        orderId: order.id,
        lineItems: [{ lineItemId: line.id, quantity: 1 }],
        carrier: 'DHL',
        trackingNumber: 'X',
        shippedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    [level] = await sim.getInventory({ skus: ['SKU-00001'] });
    expect(level).toMatchObject({ available: 6, reserved: 3, onHand: 9 });
    expect((await sim.getOrder(order.id)).status).toBe('partially_shipped');
    const cancelled = await sim.cancelOrder([{ orderId: order.id }]);
    expect(cancelled.items[0]).toMatchObject({ ok: true, value: { status: 'shipped' } });
    [level] = await sim.getInventory({ skus: ['SKU-00001'] });
    expect(level).toMatchObject({ available: 9, reserved: 0, onHand: 9 });
    const types = (await collect(sim.listFinancialEvents({ orderId: order.id }))).map((e) => e.type);
    expect(types).toEqual(['sale', 'fee', 'refund']);
    const over = await sim.confirmShipment([
      { orderId: order.id, carrier: 'DHL', trackingNumber: 'Y', shippedAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(over.failed).toBe(1);
  });

  it('creates, replaces and deletes products with their stock', async () => {
    const { sim } = make({ products: 0 });
    const created = await sim.upsertProducts([
      { title: 'Mug', offers: [{ sku: 'MUG', price: { amountMinor: 899, currency: 'EUR' } }] },
    ]);
    const product = created.items[0]!.ok ? created.items[0]!.value : undefined;
    expect(product?.id).toBe('P-00001');
    expect(await sim.getInventory({ skus: ['MUG'] })).toHaveLength(1);
    const clash = await sim.upsertProducts([
      { title: 'Other', offers: [{ sku: 'MUG', price: { amountMinor: 1, currency: 'EUR' } }] },
    ]);
    expect(!clash.items[0]!.ok && clash.items[0]!.error).toBeInstanceOf(ConflictError);
    await sim.upsertProducts([
      { id: 'P-00001', title: 'Mug v2', offers: [{ sku: 'MUG-2', price: { amountMinor: 999, currency: 'EUR' } }] },
    ]);
    expect(await sim.getInventory({ skus: ['MUG'] })).toHaveLength(0);
    expect((await sim.deleteProducts(['P-00001', 'P-404'])).failed).toBe(1);
    await expect(sim.getProduct('P-00001')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps changes to generated products and lists a mixed catalog in id order, without sharing objects', async () => {
    const { sim } = make({ products: 5, variantsPerProduct: { min: 2, max: 2 }, locations: ['a', 'b'], pageSize: 2 });
    const before = await sim.getProduct('P-00003');
    const sku = before.offers[1]!.sku;
    await sim.updatePrices([{ sku, price: { amountMinor: 12_345, currency: 'EUR' } }]);
    expect((await sim.getProduct('P-00003')).offers[1]!.price.amountMinor).toBe(12_345);
    expect((await sim.getProduct('P-00003')).offers[0]).toEqual(before.offers[0]);

    // What a caller does with a read copy never reaches the marketplace.
    const copy = await sim.getProduct('P-00002');
    copy.offers[0]!.price.amountMinor = 1;
    const [level] = await sim.getInventory({ skus: [copy.offers[0]!.sku], locationId: 'b' });
    level!.available = 999;
    expect((await sim.getProduct('P-00002')).offers[0]!.price.amountMinor).not.toBe(1);
    expect((await sim.getInventory({ skus: [copy.offers[0]!.sku], locationId: 'b' }))[0]!.available).not.toBe(999);

    const deleted = (await sim.getProduct('P-00001')).offers.map((offer) => offer.sku);
    await sim.deleteProducts(['P-00001']);
    await sim.upsertProducts([
      { title: 'Lamp', offers: [{ sku: 'LAMP', price: { amountMinor: 500, currency: 'EUR' } }] },
    ]);
    const listed = await collect(sim.listProducts());
    expect(listed.map((p) => p.id)).toEqual(['P-00002', 'P-00003', 'P-00004', 'P-00005', 'P-00006']);
    expect((await collect(sim.listProducts({ updatedSince: listed[4]!.updatedAt! }))).map((p) => p.id)).toContain(
      'P-00006',
    );
    expect(await sim.getInventory({ skus: ['LAMP'] })).toEqual([
      expect.objectContaining({ sku: 'LAMP', locationId: 'a', available: 0, version: 1 }),
      expect.objectContaining({ sku: 'LAMP', locationId: 'b', available: 0, version: 1 }),
    ]);
    const skusLeft = sim.snapshot().inventory.map((l) => l.sku);
    for (const gone of deleted) expect(skusLeft).not.toContain(gone);
    expect(skusLeft).toContain(sku);
    expect(sim.snapshot().products).toHaveLength(5);
  });

  it('answers the latest keyed set of a level again with its first outcome, refusals included, for 24 hours', async () => {
    const { sim, clock } = make({
      products: 1,
      variantsPerProduct: { min: 1, max: 1 },
      initialStock: { min: 10, max: 10 },
    });
    expect(sim.capabilities.idempotentSets).toBe(true);
    const write = { sku: 'SKU-00001', quantity: 4, expectedVersion: 1, idempotencyKey: 'w-1' };
    const first = await sim.setInventory([write]);
    expect(first.items[0]).toMatchObject({ ok: true, value: { available: 4, version: 2 } });
    sim.placeOrder([{ sku: 'SKU-00001', quantity: 1 }]);
    // The replay does not write again (the sale stays) and answers as the first call did.
    expect((await sim.setInventory([write])).items[0]).toMatchObject({ ok: true, value: { available: 4, version: 2 } });
    expect((await sim.getInventory({ skus: ['SKU-00001'] }))[0]).toMatchObject({ available: 3, version: 3 });
    const refused = { sku: 'SKU-00001', quantity: 9, expectedVersion: 1, idempotencyKey: 'w-2' };
    expect((await sim.setInventory([refused])).items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await sim.setInventory([{ ...refused, expectedVersion: 3 }])).items[0]).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    // After 24 hours the key is forgotten: the same call is a new write (and is refused as stale).
    await clock.advance(86_400_000);
    expect((await sim.setInventory([write])).items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // What is remembered is the latest keyed write of each level: the one a writer that lost
    // its answer sends again. An older key of the same level is a new write.
    const level = (await sim.getInventory({ skus: ['SKU-00001'] }))[0]!;
    const older = { sku: 'SKU-00001', quantity: 2, idempotencyKey: 'w-3' };
    const newer = { sku: 'SKU-00001', quantity: 5, idempotencyKey: 'w-4' };
    await sim.setInventory([older]);
    await sim.setInventory([newer]);
    expect((await sim.setInventory([newer])).items[0]).toMatchObject({
      ok: true,
      value: { available: 5, version: level.version + 2 },
    });
    expect((await sim.setInventory([older])).items[0]).toMatchObject({
      ok: true,
      value: { available: 2, version: level.version + 3 },
    });
  });

  it('waits for its token bucket (throttled events) or rejects with RateLimitError', async () => {
    const clock = new FakeClock();
    const events = new EventBus();
    const throttled: number[] = [];
    events.on('throttled', (e) => throttled.push(e.waitMs));
    const sim = new SimulatedMarketplace({ products: 1, rateLimit: { ratePerSecond: 2, burst: 2 } }, { clock, events });
    const started = clock.now();
    await clock.drive(async () => {
      for (let i = 0; i < 6; i++) await sim.healthCheck();
    });
    expect(clock.now() - started).toBe(2000);
    expect(throttled).toHaveLength(4);

    const strict = new SimulatedMarketplace(
      { products: 1, rateLimit: { ratePerSecond: 1, burst: 1 }, onRateLimit: 'reject' },
      { clock },
    );
    await strict.healthCheck();
    const error = await strict.healthCheck().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1000);
  });

  it('injects a partial write: the first items apply, then the call fails', async () => {
    const { sim } = make({
      products: 10,
      variantsPerProduct: { min: 1, max: 1 },
      maxBatchSize: 4,
      failures: { schedule: [{ operation: 'updatePrices', call: 2, kind: 'partial_write', applied: 1 }] },
    });
    const updates = Array.from({ length: 10 }, (_, i) => ({
      sku: `SKU-${String(i + 1).padStart(5, '0')}`,
      price: { amountMinor: 100, currency: 'EUR' },
    }));
    const error = await sim.updatePrices(updates).catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'marketplace_api_error')).toBe(true);
    const changed = sim.snapshot().products.filter((p) => p.offers[0]!.price.amountMinor === 100).length;
    expect(changed).toBe(5);
  });

  it('injects a lost response: the write applies, the caller sees a timeout', async () => {
    const { sim } = make({
      products: 1,
      variantsPerProduct: { min: 1, max: 1 },
      failures: { schedule: [{ operation: 'setInventory', call: 1, kind: 'lost_response' }] },
    });
    await expect(sim.setInventory([{ sku: 'SKU-00001', quantity: 42 }])).rejects.toMatchObject({ code: 'timeout' });
    expect((await sim.getInventory({ skus: ['SKU-00001'] }))[0]?.available).toBe(42);
  });

  it('reports batch progress and honours abort', async () => {
    const { sim, events } = make({ products: 10, variantsPerProduct: { min: 1, max: 1 }, maxBatchSize: 3 });
    const progress: number[] = [];
    events.on('batchProgress', (e) => progress.push(e.done));
    await sim.setInventory(
      Array.from({ length: 10 }, (_, i) => ({ sku: `SKU-${String(i + 1).padStart(5, '0')}`, quantity: 1 })),
    );
    expect(progress).toEqual([3, 6, 9, 10]);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(sim.getOrder('x', { signal: controller.signal })).rejects.toThrow('cancelled');
  });

  it('validates its configuration, every problem at once', () => {
    expect(() => new SimulatedMarketplace({ currency: 'XYZ', locations: [], latencyMs: { min: 5, max: 1 } })).toThrow(
      /3 problems/,
    );
  });
});
