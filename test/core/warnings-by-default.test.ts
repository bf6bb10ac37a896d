import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineMarketplace } from '../../src/core/define-marketplace.js';
import { MarketplaceFactory } from '../../src/core/marketplace-factory.js';
import type { Logger } from '../../src/core/logger.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { InventorySyncEngine } from '../../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';

afterEach(() => vi.restoreAllMocks());

function recordingLogger() {
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => warnings.push(message),
    error: () => {},
  };
  return { logger, warnings };
}

function setup(sourceSkus: Record<string, number>) {
  const clock = new FakeClock();
  const sim = (name: string) =>
    new SimulatedMarketplace(
      { name, seed: 1, products: 3, variantsPerProduct: { min: 1, max: 1 }, rateLimit: false },
      { clock },
    );
  const channels = [{ marketplace: sim('shop') }, { marketplace: sim('market') }];
  return (logger?: Logger) =>
    new InventorySyncEngine({
      source: new InMemoryInventorySource(sourceSkus, clock),
      channels,
      context: { store: new MemoryStore({ clock }), clock, ...(logger ? { logger } : {}) },
    });
}

describe('warnings a user must not miss are on by default', () => {
  it('a sync where every SKU is missing on every channel warns through the logger', async () => {
    const { logger, warnings } = recordingLogger();
    const report = await setup({ 'MUG-1': 4, 'LAMP-2': 1 })(logger).runSync();
    expect(report).toMatchObject({
      status: 'completed',
      skus: 2,
      channels: { shop: { missing: 2, written: 0 }, market: { missing: 2, written: 0 } },
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /none of the 2 SKUs is listed on any channel \(shop, market\); nothing was synced\. Check that the source uses the SKUs/,
      ),
    ]);
  });

  it('without a logger of its own the engine prints the warning', async () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await setup({ 'MUG-1': 4 })().runSync();
    expect(printed).toHaveBeenCalledWith(
      expect.stringMatching(/^marketbridge: sync default: none of the 1 SKUs is listed on any channel/),
      expect.objectContaining({ skus: 1 }),
    );
  });

  it('names a channel that lists none of the SKUs while others do, and stays quiet when all are listed', async () => {
    const { logger, warnings } = recordingLogger();
    const clock = new FakeClock();
    const listed = new SimulatedMarketplace(
      { name: 'shop', seed: 1, products: 2, variantsPerProduct: { min: 1, max: 1 }, rateLimit: false },
      { clock },
    );
    const other = new SimulatedMarketplace({ name: 'market', seed: 1, products: 0, rateLimit: false }, { clock });
    const source = new InMemoryInventorySource({ 'SKU-00001': 3, 'SKU-00002': 5 }, clock);
    const context = { store: new MemoryStore({ clock }), clock, logger };
    await new InventorySyncEngine({
      source,
      channels: [{ marketplace: listed }, { marketplace: other }],
      context,
    }).runSync();
    expect(warnings).toEqual([
      expect.stringMatching(/^sync default: market lists none of the 2 SKUs; check that the source uses the SKUs/),
    ]);
    warnings.length = 0;
    await new InventorySyncEngine({ id: 'one', source, channels: [{ marketplace: listed }], context }).runSync();
    expect(warnings).toEqual([]);
  });

  it('a refused connection warns through the logger, and is printed when the adapter has none', async () => {
    const factory = new MarketplaceFactory().register(
      defineMarketplace({
        name: 'acme',
        configSchema: z.object({ token: z.string() }),
        create: (_c, context) => new SimulatedMarketplace({ name: 'acme', rateLimit: false }, context),
      }),
    );
    const { logger, warnings } = recordingLogger();
    const quiet = new RealWorldAdapter({ mode: 'simulation', factory, context: { logger } });
    expect((await quiet.initializeMarketplaceConnection({ marketplace: 'acme', config: { token: 't' } })).isErr()).toBe(
      true,
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^connection to acme refused: Simulation mode only connects offline marketplaces/),
    ]);

    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const adapter = new RealWorldAdapter({ mode: 'sandbox', factory });
    expect(
      (
        await adapter.initializeMarketplaceConnection({ marketplace: 'acme', config: { token: 't' } })
      )._unsafeUnwrapErr().reason,
    ).toBe('sandbox_not_selected');
    expect(printed).toHaveBeenCalledWith(
      expect.stringMatching(
        /^marketbridge: connection to acme refused: Sandbox mode needs "acme" pointed at its sandbox/,
      ),
      expect.objectContaining({ reason: 'sandbox_not_selected' }),
    );
  });
});

describe('one warning per blocked action', () => {
  it("the adapter's own validator does not repeat the adapter's warning", async () => {
    const { logger, warnings } = recordingLogger();
    const adapter = new RealWorldAdapter({ mode: 'simulation', context: { logger } });
    await adapter.initializeMarketplaceConnection({ marketplace: 'simulated', config: { seed: 1, rateLimit: false } });
    await adapter.executeAction({ type: 'set_price', sku: 'SKU-00001-S', price: { amountMinor: 1, currency: 'EUR' } });
    expect(warnings).toEqual([
      expect.stringMatching(/^blocked set_price on simulated: SKU-00001-S: 0\.01 EUR is below 100 % of its cost/),
    ]);
  });
});
