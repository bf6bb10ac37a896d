import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/core/events.js';
import { defineMarketplace } from '../../src/core/define-marketplace.js';
import { MarketplaceFactory } from '../../src/core/marketplace-factory.js';
import type { InventorySet } from '../../src/model/inventory.js';
import type { PriceUpdate } from '../../src/model/offer.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { SimulatedConfigSchema } from '../../src/simulated/config.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { catalogBySku, simulationAdapter } from './helpers.js';

/** A marketplace where a buyer orders one unit right after every stock write. */
class BusyShop extends SimulatedMarketplace {
  override async setInventory(updates: readonly InventorySet[]) {
    const result = await super.setInventory(updates);
    this.placeOrder([{ sku: updates[0]!.sku, quantity: 1 }]);
    return result;
  }
}

/** A marketplace that silently stores one cent more than asked: what read-back must catch. */
class SkewedPrices extends SimulatedMarketplace {
  override updatePrices(updates: readonly PriceUpdate[]) {
    return super.updatePrices(
      updates.map((u) => ({ ...u, price: { ...u.price, amountMinor: u.price.amountMinor + 1 } })),
    );
  }
}

const wideOpen = {
  deletes: { maxCount: 1000, maxShareBps: 10_000, maxPerWindow: { maxShareBps: 10_000, windowMs: 86_400_000 } },
};

describe('RealWorldAdapter rollback', () => {
  it('restores listings and stock after a partial delete and says so in the report', async () => {
    const { adapter, simulated, seen } = await simulationAdapter(
      { failures: { schedule: [{ operation: 'deleteProducts', call: 1, kind: 'partial_write', applied: 2 }] } },
      wideOpen,
    );
    const before = catalogBySku(simulated);
    const result = await adapter.executeAction({
      type: 'delete_listings',
      productIds: ['P-00001', 'P-00002', 'P-00003', 'P-00004'],
    });

    expect(result.isErr()).toBe(true);
    const failure = result._unsafeUnwrapErr();
    expect(failure.reason).toBe('execution_failed');
    const report = failure.report!;
    expect(report.status).toBe('rolled_back');
    expect(report.error?.code).toBe('marketplace_api_error');
    expect(report.verification?.ok).toBe(false);
    expect(report.rollback).toMatchObject({ attempted: true, ok: true, restored: true, remaining: [] });
    expect(Object.keys(report.rollback!.idMapping).sort()).toEqual(['P-00001', 'P-00002']);
    expect(report.rollback!.operations.map((o) => o.operation)).toEqual(['upsertProducts', 'setInventory']);
    expect(catalogBySku(simulated)).toEqual(before);
    expect(seen.rollback).toEqual([expect.objectContaining({ actionType: 'delete_listings', ok: true })]);
    expect(failure.message).toMatch(/prior state was restored/);
  });

  it('accepts a write whose answer was lost once read-back shows it fully applied', async () => {
    const { adapter, simulated } = await simulationAdapter({
      failures: { schedule: [{ operation: 'updatePrices', call: 1, kind: 'lost_response' }] },
    });
    const offer = simulated.snapshot().products[0]!.offers[0]!;
    const target = { amountMinor: offer.price.amountMinor + 100, currency: offer.price.currency };
    const result = await adapter.executeAction({ type: 'set_price', sku: offer.sku, price: target });
    // The write was applied and only the answer was lost: read-back resolves it as applied.
    const report = result._unsafeUnwrap();
    expect(report.status).toBe('applied');
    expect(report.resolvedByReadBack).toBe(true);
    expect(report.error?.code).toBe('timeout');
    expect(catalogBySku(simulated)[offer.sku]?.price).toBe(target.amountMinor);
  });

  it('accepts a one-item write that failed after applying, because read-back shows it applied', async () => {
    const { adapter, simulated } = await simulationAdapter({
      failures: { schedule: [{ operation: 'upsertProducts', call: 1, kind: 'partial_write', applied: 1 }] },
    });
    const product = simulated.snapshot().products[0]!;
    const before = catalogBySku(simulated);
    const renamed = {
      ...product,
      title: 'Renamed',
      offers: product.offers.map((o) => ({ ...o, price: { ...o.price, amountMinor: o.price.amountMinor + 1 } })),
    };
    delete (renamed as { updatedAt?: string }).updatedAt;
    // partial_write with applied 1 on a one-item call applies it, then fails: read-back accepts it.
    const applied = await adapter.executeAction({ type: 'update_listing', product: renamed });
    expect(applied._unsafeUnwrap().resolvedByReadBack).toBe(true);
    expect(catalogBySku(simulated)[product.offers[0]!.sku]?.title).toBe('Renamed');
    expect(before[product.offers[0]!.sku]?.title).not.toBe('Renamed');
  });

  it('retries a failure that applied nothing, without doubling the write', async () => {
    const { adapter, simulated } = await simulationAdapter({
      failures: { schedule: [{ operation: 'adjustInventory', call: 1, kind: 'partial_write', applied: 0 }] },
    });
    adapter.configureErrorHandling({ retryDelayMs: 0 });
    const level = simulated.snapshot().inventory.find((l) => l.available > 5)!;
    const result = await adapter.executeAction({ id: 'a1', type: 'adjust_inventory', sku: level.sku, delta: -2 });
    const report = result._unsafeUnwrap();
    expect(report.attempts).toBe(2);
    expect(
      simulated.snapshot().inventory.find((l) => l.sku === level.sku && l.locationId === level.locationId)?.available,
    ).toBe(level.available - 2);
  });

  it('reports an irreversible partial result instead of pretending to undo it', async () => {
    const { adapter, simulated, clock } = await simulationAdapter({
      orders: { perHour: 600 },
      failures: { schedule: [{ operation: 'acknowledgeOrders', call: 1, kind: 'partial_write', applied: 1 }] },
    });
    await clock.advance(3_600_000);
    const ids = simulated
      .snapshot()
      .orders.slice(0, 2)
      .map((o) => o.id);
    expect(ids).toHaveLength(2);
    const result = await adapter.executeAction({ type: 'acknowledge_orders', orderIds: ids });
    const report = result._unsafeUnwrapErr().report!;
    expect(report.status).toBe('failed');
    expect(report.rollback).toMatchObject({ attempted: false, restored: false });
    expect(report.rollback?.reason).toMatch(/cannot be undone/);
  });

  it('leaves a failure as it is, visibly, when rollback is switched off', async () => {
    const { adapter, simulated } = await simulationAdapter(
      { failures: { schedule: [{ operation: 'deleteProducts', call: 1, kind: 'partial_write', applied: 1 }] } },
      wideOpen,
    );
    adapter.configureErrorHandling({ rollbackOnFailure: false });
    const result = await adapter.executeAction({ type: 'delete_listings', productIds: ['P-00001', 'P-00002'] });
    const report = result._unsafeUnwrapErr().report!;
    expect(report.status).toBe('failed');
    expect(report.rollback?.reason).toMatch(/disabled/);
    expect(simulated.snapshot().products.some((p) => p.id === 'P-00001')).toBe(false);
    expect(
      adapter.getIntegrationLogs({ level: 'warn' }).some((e) => /rollback on failure is OFF/.test(e.message)),
    ).toBe(true);
  });

  it('rolls back a write that read-back shows was not applied as asked', async () => {
    let instance: SkewedPrices | undefined;
    const factory = new MarketplaceFactory().register(
      defineMarketplace({
        name: 'simulated',
        configSchema: SimulatedConfigSchema,
        create: (config, context) => (instance = new SkewedPrices(config, context)),
      }),
    );
    const events = new EventBus();
    const adapter = new RealWorldAdapter({ mode: 'simulation', factory, context: { clock: new FakeClock(), events } });
    await adapter.initializeMarketplaceConnection({
      marketplace: 'simulated',
      config: { seed: 5, products: 5, rateLimit: false },
    });
    const offer = instance!.snapshot().products[0]!.offers[0]!;
    const rollbacks: unknown[] = [];
    events.on('rollback', (event) => rollbacks.push(event));

    const result = await adapter.executeAction({
      type: 'set_price',
      sku: offer.sku,
      price: { ...offer.price, amountMinor: offer.price.amountMinor + 50 },
    });

    const failure = result._unsafeUnwrapErr();
    expect(failure.reason).toBe('verification_failed');
    expect(failure.report?.verification?.mismatches).toEqual([
      {
        key: `offer:${offer.sku}.price`,
        before: { ...offer.price, amountMinor: offer.price.amountMinor + 50 },
        after: { ...offer.price, amountMinor: offer.price.amountMinor + 51 },
      },
    ]);
    // The compensating write is skewed too, so the report must say the prior state is NOT back.
    expect(failure.report?.status).toBe('failed');
    expect(failure.report?.rollback).toMatchObject({ attempted: true, ok: true, restored: false });
    expect(failure.report?.rollback?.remaining).toHaveLength(1);
    expect(rollbacks).toEqual([expect.objectContaining({ actionType: 'set_price', ok: false })]);
  });

  it('does not mistake a sale right after a stock write for a failed write', async () => {
    let instance: BusyShop | undefined;
    const factory = new MarketplaceFactory().register(
      defineMarketplace({
        name: 'simulated',
        configSchema: SimulatedConfigSchema,
        create: (config, context) => (instance = new BusyShop(config, context)),
      }),
    );
    const adapter = new RealWorldAdapter({ mode: 'simulation', factory, context: { clock: new FakeClock() } });
    await adapter.initializeMarketplaceConnection({
      marketplace: 'simulated',
      config: { seed: 5, products: 5, rateLimit: false },
    });
    const sku = instance!.snapshot().inventory[0]!.sku;
    const report = (await adapter.executeAction({ type: 'set_inventory', sku, quantity: 30 }))._unsafeUnwrap();
    expect(report.status).toBe('applied');
    expect(instance!.snapshot().inventory.find((l) => l.sku === sku)).toMatchObject({ available: 29, reserved: 1 });
  });
});
