import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineMarketplace } from '../../src/core/define-marketplace.js';
import { silentLogger } from '../../src/core/logger.js';
import { MarketplaceFactory } from '../../src/core/marketplace-factory.js';
import type { InventorySet } from '../../src/model/inventory.js';
import { money } from '../../src/model/money.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { SimulatedConfigSchema } from '../../src/simulated/config.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { AmazonSpApiSimulator } from '../../src/connectors/amazon/simulator/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const SANDBOX = 'https://sandbox.sellingpartnerapi-na.amazon.com';
const amazon = {
  sandbox: true,
  sellerId: 'A1SELLER',
  marketplaceId: 'ATVPDKIKX0DER',
  credentials: {
    clientId: 'amzn1.application-oa2-client.x',
    clientSecret: 'lwa-secret-9f2c',
    refreshToken: 'Atzr|refresh-77',
  },
  timeoutMs: 0,
};

/**
 * The SP-API simulator behind the sandbox host, with Amazon storing one unit more than the
 * next stock patch asked for (what the adapter's read-back must catch).
 */
async function amazonWithSkewedWrite(options: { afterReadBack?: (simulator: AmazonSpApiSimulator) => void } = {}) {
  const clock = new FakeClock();
  const simulator = new AmazonSpApiSimulator({
    clock,
    sellerId: amazon.sellerId,
    marketplaceId: amazon.marketplaceId,
    baseUrl: SANDBOX,
  });
  simulator.addListing({ sku: 'MUG-1', price: money(1299, 'USD'), quantity: 10 });
  let skew = true;
  let patched = false;
  server.resetHandlers(
    http.patch(`${SANDBOX}/listings/2021-08-01/items/:seller/:sku`, async ({ request }) => {
      patched = true;
      if (!skew) return undefined;
      skew = false;
      const body = (await request.clone().json()) as { patches: { path: string; value: { quantity?: number }[] }[] };
      for (const patch of body.patches)
        if (patch.path === '/attributes/fulfillment_availability')
          for (const value of patch.value) value.quantity = (value.quantity ?? 0) + 1;
      return simulator.fetch(
        new Request(request.url, { method: 'PATCH', headers: request.headers, body: JSON.stringify(body) }),
      );
    }),
    ...simulator.handlers,
  );
  // The first stock read after the write is the adapter's read-back.
  let readBack = false;
  server.events.on('response:mocked', ({ request }) => {
    if (!patched || readBack || request.method !== 'GET' || !request.url.includes('/listings/2021-08-01/items/'))
      return;
    readBack = true;
    options.afterReadBack?.(simulator);
  });
  const adapter = new RealWorldAdapter({
    mode: 'sandbox',
    context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
  });
  (await adapter.initializeMarketplaceConnection({ marketplace: 'amazon', config: amazon }))._unsafeUnwrap();
  return { adapter, simulator, clock };
}

describe('rolling back a stock write', () => {
  afterEach(() => server.events.removeAllListeners());

  it('on Amazon (no compare-and-set): restores the prior quantity with an absolute set after a fresh read-back', async () => {
    const { adapter, simulator, clock } = await amazonWithSkewedWrite();
    const result = await clock.drive(() =>
      adapter.executeAction({ type: 'set_inventory', sku: 'MUG-1', quantity: 30 }),
    );
    const report = result._unsafeUnwrapErr().report!;
    expect(report.verification?.mismatches).toEqual([
      { key: 'stock:MUG-1@MFN:DEFAULT.available', before: 30, after: 31 },
    ]);
    expect(report.status).toBe('rolled_back');
    expect(report.rollback).toMatchObject({ attempted: true, ok: true, restored: true, remaining: [] });
    const [restore] = report.rollback!.operations;
    expect(restore).toMatchObject({
      operation: 'setInventory',
      payload: [{ sku: 'MUG-1', locationId: 'MFN:DEFAULT', quantity: 10 }],
    });
    expect(restore!.payload[0]).not.toHaveProperty('expectedAvailable');
    expect(restore!.summary).toMatch(/no compare-and-set/);
    expect(simulator.state.listings.get('MUG-1')!.quantity).toBe(10);
  });

  it('on Amazon: a level that moved after the failed write (a sale) is not overwritten, and the report says so', async () => {
    const { adapter, simulator, clock } = await amazonWithSkewedWrite({
      afterReadBack: (sim) => void sim.sell('MUG-1', 1),
    });
    const result = await clock.drive(() =>
      adapter.executeAction({ type: 'set_inventory', sku: 'MUG-1', quantity: 30 }),
    );
    const report = result._unsafeUnwrapErr().report!;
    expect(report.status).toBe('failed');
    expect(report.rollback).toMatchObject({ attempted: false, restored: false, operations: [] });
    expect(report.rollback!.reason).toMatch(/MUG-1 at MFN:DEFAULT changed from 31 to 30 since the failed write/);
    expect(report.rollback!.remaining).toEqual([{ key: 'stock:MUG-1@MFN:DEFAULT.available', before: 10, after: 30 }]);
    expect(simulator.state.listings.get('MUG-1')!.quantity).toBe(30);
  });
});

/** A marketplace with compare-and-set that stores one unit more than the first stock write asks for. */
class SkewedOnce extends SimulatedMarketplace {
  skewed = false;
  readonly writes: InventorySet[][] = [];
  override setInventory(updates: readonly InventorySet[]) {
    this.writes.push([...updates]);
    if (this.skewed) return super.setInventory(updates);
    this.skewed = true;
    return super.setInventory(updates.map((update) => ({ ...update, quantity: update.quantity + 1 })));
  }
}

describe('rolling back a stock write where the marketplace has compare-and-set', () => {
  it('sends the restore as a compare-and-set on the level the failed write left', async () => {
    let shop: SkewedOnce | undefined;
    const factory = new MarketplaceFactory().register(
      defineMarketplace({
        name: 'simulated',
        configSchema: SimulatedConfigSchema,
        create: (config, context) => (shop = new SkewedOnce(config, context)),
      }),
    );
    const adapter = new RealWorldAdapter({
      mode: 'simulation',
      factory,
      context: { clock: new FakeClock(), logger: silentLogger },
    });
    await adapter.initializeMarketplaceConnection({
      marketplace: 'simulated',
      config: { seed: 5, products: 5, rateLimit: false },
    });
    expect(shop!.capabilities.inventoryCompareAndSet).toBe(true);
    const level = shop!.snapshot().inventory[0]!;
    const report = (
      await adapter.executeAction({ type: 'set_inventory', sku: level.sku, quantity: level.available + 20 })
    )._unsafeUnwrapErr().report!;
    expect(report.status).toBe('rolled_back');
    expect(report.rollback).toMatchObject({ attempted: true, ok: true, restored: true });
    expect(shop!.writes[1]).toEqual([
      {
        sku: level.sku,
        locationId: level.locationId,
        quantity: level.available,
        expectedAvailable: level.available + 21,
      },
    ]);
    expect(report.rollback!.operations[0]!.summary).not.toMatch(/no compare-and-set/);
    expect(
      shop!.snapshot().inventory.find((l) => l.sku === level.sku && l.locationId === level.locationId)?.available,
    ).toBe(level.available);
  });
});
