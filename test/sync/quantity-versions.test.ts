import { describe, expect, it } from 'vitest';
import type { OperationOptions } from '../../src/core/types.js';
import type { InventoryQuery } from '../../src/core/queries.js';
import type { InventoryLevel, InventorySet } from '../../src/model/inventory.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { InventorySyncEngine } from '../../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';

/**
 * A marketplace whose compare value is the quantity itself, as Shopify's `changeFromQuantity`
 * is: the same (from, to) pair of "versions" comes back whenever stock cycles.
 */
class QuantityVersioned extends SimulatedMarketplace {
  override async getInventory(query: InventoryQuery, options?: OperationOptions): Promise<InventoryLevel[]> {
    return (await super.getInventory(query, options)).map((level) => ({ ...level, version: level.available }));
  }
  override async setInventory(updates: readonly InventorySet[], options?: OperationOptions) {
    const result = await super.setInventory(
      updates.map(({ expectedVersion, ...update }) =>
        expectedVersion === undefined ? update : { ...update, expectedAvailable: expectedVersion },
      ),
      options,
    );
    return {
      ...result,
      items: result.items.map((item) =>
        item.ok ? { ...item, value: { ...item.value, version: item.value.available } } : item,
      ),
    };
  }
}

describe('a channel whose version is its quantity', () => {
  it('counts every sale, also when stock cycles through the same numbers', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const source = new InMemoryInventorySource({ 'SKU-00001': 10 }, clock);
    const shop = new QuantityVersioned(
      { name: 'shop', products: 1, variantsPerProduct: { min: 1, max: 1 }, rateLimit: false },
      { clock },
    );
    const engine = () =>
      new InventorySyncEngine({ source, channels: [{ marketplace: shop }], context: { store, clock } });
    await engine().runSync();
    for (let cycle = 1; cycle <= 3; cycle++) {
      // A buyer takes one (10 → 9), the sync counts it; then the seller restocks one at the source.
      expect(shop.placeOrder([{ sku: 'SKU-00001', quantity: 1 }]).isOk()).toBe(true);
      await engine().runSync({ mode: 'full' });
      expect((await source.getLevels(['SKU-00001']))[0]!.available, `cycle ${cycle}`).toBe(9);
      source.set('SKU-00001', 10);
      await engine().runSync({ mode: 'full' });
      expect((await shop.getInventory({ skus: ['SKU-00001'] }))[0]!.available).toBe(10);
    }
  });
});
