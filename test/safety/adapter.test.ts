import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketplaceApiError } from '../../src/core/errors/marketplace-api-error.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import type { MarketplaceAction } from '../../src/model/action.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { capturingFactory, catalogBySku, simulationAdapter } from './helpers.js';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const shippedAt = '2026-11-22T10:00:00.000Z';

describe('translateSimulationAction', () => {
  it.each<[MarketplaceAction, string, unknown[]]>([
    [{ type: 'set_price', sku: 'A', price: eur(1299) }, 'updatePrices', [{ sku: 'A', price: eur(1299) }]],
    [
      { type: 'set_inventory', sku: 'A', locationId: 'WH', quantity: 4 },
      'setInventory',
      [{ sku: 'A', locationId: 'WH', quantity: 4 }],
    ],
    [
      { id: 'x1', type: 'adjust_inventory', sku: 'A', delta: -2 },
      'adjustInventory',
      [{ sku: 'A', delta: -2, idempotencyKey: 'action:x1' }],
    ],
    [{ type: 'delete_listings', productIds: ['P-1', 'P-2'] }, 'deleteProducts', ['P-1', 'P-2']],
    [{ type: 'acknowledge_orders', orderIds: ['O-1'] }, 'acknowledgeOrders', ['O-1']],
    [
      { type: 'cancel_order', request: { orderId: 'O-1', reason: 'out_of_stock' } },
      'cancelOrder',
      [{ orderId: 'O-1', reason: 'out_of_stock' }],
    ],
    [
      { type: 'confirm_shipment', shipment: { orderId: 'O-1', carrier: 'DHL', trackingNumber: 'T1', shippedAt } },
      'confirmShipment',
      [{ orderId: 'O-1', carrier: 'DHL', trackingNumber: 'T1', shippedAt }],
    ],
  ])('turns %j into %s with an inspectable payload', async (action, operation, payload) => {
    const adapter = new RealWorldAdapter({ mode: 'simulation', context: { clock: new FakeClock() } });
    const planned = adapter.translateSimulationAction(action);
    expect(planned).toMatchObject({ actionType: action.type, operation, payload });
    expect(planned.summary.length).toBeGreaterThan(5);
  });

  it('rejects an invalid action whole', () => {
    const adapter = new RealWorldAdapter({ mode: 'simulation' });
    expect(() =>
      adapter.translateSimulationAction({ type: 'set_price', sku: '', price: { amountMinor: 1.5, currency: 'EUR' } }),
    ).toThrow(ValidationError);
  });
});

describe('RealWorldAdapter execution', () => {
  it('dry-runs an action: the plan and the before/after diff, nothing written', async () => {
    const { adapter, simulated } = await simulationAdapter();
    const offer = simulated.snapshot().products[0]!.offers[0]!;
    const before = catalogBySku(simulated);
    const report = (
      await adapter.dryRun({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + 100) })
    )._unsafeUnwrap();
    expect(report.status).toBe('dry_run');
    expect(report.plan.operation).toBe('updatePrices');
    expect(report.diff).toEqual([
      { key: `offer:${offer.sku}.price`, before: offer.price, after: eur(offer.price.amountMinor + 100) },
    ]);
    expect(catalogBySku(simulated)).toEqual(before);
    expect(simulated.stats().calls.updatePrices).toBeUndefined();
  });

  it('blocks a price of 0.01 and a mass delete, emits actionBlocked and writes nothing', async () => {
    const { adapter, simulated, seen } = await simulationAdapter({ products: 60 });
    const before = catalogBySku(simulated);
    const sku = simulated.snapshot().products[0]!.offers[0]!.sku;
    const cheap = await adapter.executeAction({ type: 'set_price', sku, price: eur(1) });
    expect(cheap._unsafeUnwrapErr()).toMatchObject({
      reason: 'blocked',
      report: { status: 'blocked', validation: { status: 'blocked', reason: 'below_cost_limit' } },
    });
    const ids = simulated.snapshot().products.map((p) => p.id);
    const massDelete = await adapter.executeAction({ type: 'delete_listings', productIds: ids });
    expect(massDelete._unsafeUnwrapErr().report?.validation.reason).toBe('delete_share_too_large');
    expect(catalogBySku(simulated)).toEqual(before);
    expect(seen.actionBlocked?.map((e) => e.rule)).toEqual(['price_to_cost', 'bulk_delete']);
    expect((await adapter.getHealthStatus()).counters).toMatchObject({ executed: 2, blocked: 2, applied: 0 });
  });

  it('never changes the marketplace for a price below the floor (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 499 }), async (amountMinor) => {
        const { adapter, simulated } = await simulationAdapter({ products: 3 }, { price: { floor: eur(500) } });
        const before = catalogBySku(simulated);
        const sku = simulated.snapshot().products[1]!.offers[0]!.sku;
        const result = await adapter.executeAction({ type: 'set_price', sku, price: eur(amountMinor) });
        expect(result._unsafeUnwrapErr().reason).toBe('blocked');
        expect(catalogBySku(simulated)).toEqual(before);
      }),
      { numRuns: Math.max(5, Math.floor(Number(process.env.MB_PROPERTY_RUNS ?? 200) / 10)) },
    );
  });

  it('verifies every kind of write by reading back', async () => {
    const { adapter, simulated, clock } = await simulationAdapter(
      { orders: { perHour: 30 }, initialStock: { min: 20, max: 50 } },
      { deletes: { maxCount: 5, maxShareBps: 10_000 } },
    );
    await clock.advance(3_600_000);
    const state = simulated.snapshot();
    const [first, second] = state.orders.filter((o) => o.status === 'unshipped');
    const level = state.inventory.find((l) => l.available > 3)!;
    const actions: MarketplaceAction[] = [
      { type: 'set_inventory', sku: level.sku, quantity: level.available + 5 },
      { type: 'adjust_inventory', sku: level.sku, delta: -1 },
      {
        type: 'create_listing',
        product: {
          title: 'New mug',
          status: 'active',
          offers: [{ sku: 'MUG-NEW', price: eur(1500), condition: 'new', options: {} }],
          images: [],
          attributes: {},
        },
      },
      { type: 'acknowledge_orders', orderIds: [first!.id] },
      { type: 'confirm_shipment', shipment: { orderId: first!.id, carrier: 'DHL', trackingNumber: 'JD1', shippedAt } },
      { type: 'cancel_order', request: { orderId: second!.id, reason: 'out_of_stock' } },
      { type: 'delete_listings', productIds: [state.products[5]!.id] },
    ];
    for (const action of actions) {
      const report = (await adapter.executeAction(action))._unsafeUnwrap();
      expect(report, action.type).toMatchObject({ status: 'applied', verification: { ok: true, mismatches: [] } });
      expect(report.diff.length, action.type).toBeGreaterThan(0);
    }
    const after = simulated.snapshot();
    expect(after.orders.find((o) => o.id === first!.id)).toMatchObject({ acknowledged: true, status: 'shipped' });
    expect(after.orders.find((o) => o.id === second!.id)?.status).toBe('cancelled');
    expect(after.products.some((p) => p.offers.some((o) => o.sku === 'MUG-NEW'))).toBe(true);
  });

  it('refuses an action for an unknown connection and an invalid action', async () => {
    const { adapter } = await simulationAdapter();
    expect(
      (
        await adapter.executeAction({ type: 'set_price', sku: 'A', price: eur(100), marketplace: 'nope' })
      )._unsafeUnwrapErr().reason,
    ).toBe('no_connection');
    expect((await adapter.executeAction({ type: 'teleport' }))._unsafeUnwrapErr().reason).toBe('invalid_action');
  });

  it('paces executeAction with a token bucket in the store', async () => {
    const { adapter, simulated, clock, seen } = await simulationAdapter();
    adapter.configureRateLimiting({ ratePerSecond: 1, burst: 1 });
    const offer = simulated.snapshot().products[0]!.offers[0]!;
    const start = clock.now();
    await clock.drive(async () => {
      for (const delta of [1, 2, 3])
        await adapter.executeAction({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + delta) });
    });
    expect(clock.now() - start).toBeGreaterThanOrEqual(2000);
    expect(seen.throttled?.length).toBe(2);
    expect(() => adapter.configureRateLimiting({ ratePerSecond: 0, burst: 0 })).toThrow(ValidationError);
  });
});

describe('state for simulation', () => {
  it('syncs canonical listings, inventory and orders with customer data anonymised', async () => {
    const { adapter, clock } = await simulationAdapter({ orders: { perHour: 600 } });
    await clock.advance(3_600_000);
    const snapshot = await adapter.syncStateFromRealWorld();
    const [state] = snapshot.marketplaces;
    expect(state!.products).toHaveLength(20);
    expect(state!.inventory.length).toBeGreaterThan(20);
    expect(state!.orders.length).toBeGreaterThan(0);
    const text = JSON.stringify(state!.orders);
    expect(text).not.toMatch(/@example\.invalid|Market Street|3511 AA/);
    const order = state!.orders[0]!;
    expect(order.buyer?.name).toMatch(/^buyer-[0-9a-f]{12}$/);
    expect(order.shippingAddress).toEqual({ line1: 'anonymised', city: 'anonymised', countryCode: 'NL' });
  });

  it('keeps pseudonyms stable for a salt, and hands raw data over only when told to', async () => {
    const first = await simulationAdapter({ orders: { perHour: 120 } });
    const second = await simulationAdapter({ orders: { perHour: 120 } });
    for (const { adapter, clock } of [first, second]) {
      adapter.configurePrivacySettings({ salt: 'tenant-salt' });
      await clock.advance(3_600_000);
    }
    const names = async (adapter: RealWorldAdapter) =>
      (await adapter.syncStateFromRealWorld()).marketplaces[0]!.orders.map((o) => o.buyer?.name);
    expect(await names(first.adapter)).toEqual(await names(second.adapter));
    first.adapter.configurePrivacySettings({ anonymiseCustomerData: false });
    expect((await names(first.adapter))[0]).toMatch(/^Buyer /);
  });

  it('hands the simulation only what changed since the last sync', async () => {
    const { adapter, simulated } = await simulationAdapter();
    await adapter.syncStateFromRealWorld();
    const offer = simulated.snapshot().products[2]!.offers[0]!;
    await adapter.executeAction({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + 10) });
    const updates = await adapter.getStateUpdatesForSimulation();
    expect(updates.since).toBeDefined();
    const [changes] = updates.marketplaces;
    expect(changes!.products.changed.map((p) => p.id)).toEqual([simulated.snapshot().products[2]!.id]);
    expect(changes!.products.added).toEqual([]);
    expect(changes!.inventory).toEqual([]);
    expect((await adapter.getStateUpdatesForSimulation()).marketplaces[0]!.products.changed).toEqual([]);
  });

  it.each([
    ['remote_wins', 'remote', 1234],
    ['local_wins', 'local', 999],
    ['manual', 'manual', 999],
    ['most_recent', 'local', 999],
  ] as const)('settles a price both sides changed with %s', async (strategy, resolution, expectedPrice) => {
    const { adapter, simulated, clock, seen } = await simulationAdapter();
    adapter.configureStateSync({ conflictStrategy: strategy });
    await adapter.syncStateFromRealWorld();
    const sku = simulated.snapshot().products[0]!.offers[0]!.sku;
    await adapter.executeAction(
      { type: 'set_price', sku, price: eur(1234) },
      { validation: { skip: true, reason: 'test setup' } },
    );
    await clock.advance(60_000);
    const updates = await adapter.getStateUpdatesForSimulation({
      localChanges: [{ sku, field: 'price', value: eur(999), changedAt: new Date(clock.now()).toISOString() }],
    });
    expect(updates.conflicts).toEqual([
      expect.objectContaining({ field: 'price', strategy, resolution, local: eur(999), remote: eur(1234) }),
    ]);
    const product = updates.marketplaces[0]!.products.changed[0]!;
    expect(product.offers.find((o) => o.sku === sku)?.price).toEqual(eur(expectedPrice));
    expect(seen.conflict).toEqual([expect.objectContaining({ strategy, resolution })]);
  });
});

describe('logs and health', () => {
  it('keeps logs bounded, filterable by level and time, and redacted', async () => {
    const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const { factory, instances } = capturingFactory();
    const clock = new FakeClock();
    const adapter = new RealWorldAdapter({
      mode: 'simulation',
      factory,
      context: { clock },
      logLimit: 5,
      privacy: { secrets: [secret] },
    });
    await adapter.initializeMarketplaceConnection({
      marketplace: 'simulated',
      config: { seed: 1, products: 5, rateLimit: false },
    });
    const sim = instances[0]!;
    sim.updatePrices = async () => {
      throw new MarketplaceApiError(`upstream rejected key ${secret}`, { platform: 'simulated', status: 400 });
    };
    const offer = sim.snapshot().products[0]!.offers[0]!;
    const since = clock.now() + 1;
    await clock.advance(10);
    for (let i = 1; i <= 4; i++)
      await adapter.executeAction({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + i) });
    const all = adapter.getIntegrationLogs();
    expect(all).toHaveLength(5);
    expect(JSON.stringify(all)).not.toContain(secret);
    expect(JSON.stringify(all)).toContain('[REDACTED]');
    expect(adapter.getIntegrationLogs({ level: 'error' }).every((e) => e.level === 'error')).toBe(true);
    // The oldest entry kept is the connection, written before `since`.
    expect(adapter.getIntegrationLogs({ since }).length).toBe(4);
    expect(adapter.getIntegrationLogs({ since: new Date(since + 10_000).toISOString() })).toEqual([]);
    expect(adapter.getIntegrationLogs({ limit: 2 })).toHaveLength(2);
  });

  it('reports mode, connections and counters', async () => {
    const { adapter, simulated } = await simulationAdapter();
    const offer = simulated.snapshot().products[0]!.offers[0]!;
    await adapter.executeAction({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + 1) });
    await adapter.dryRun({ type: 'set_price', sku: offer.sku, price: eur(offer.price.amountMinor + 2) });
    const health = await adapter.getHealthStatus();
    expect(health).toMatchObject({
      mode: 'simulation',
      healthy: true,
      validation: 'enforced',
      counters: { executed: 1, applied: 1, dryRuns: 1 },
    });
    expect(health.connections).toEqual([
      expect.objectContaining({ id: 'simulated', ok: true, environment: 'offline' }),
    ]);
  });
});
