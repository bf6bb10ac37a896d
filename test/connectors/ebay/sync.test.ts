import { describe, expect, it } from 'vitest';
import { money } from '../../../src/model/money.js';
import { InventorySyncEngine } from '../../../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../../../src/sync/inventory/memory-source.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

describe('an inventory sync against the eBay simulator', () => {
  it('writes the source’s stock to eBay, then counts an eBay sale back into the source, never below zero', async () => {
    const { make, simulator, store, clock } = setup(server);
    const ebay = make({}, { fetch: simulator.fetch });
    const stock: Record<string, number> = {};
    for (let i = 0; i < 120; i++) {
      const sku = `SKU-${String(i).padStart(3, '0')}`;
      simulator.addListing({ sku, title: sku, price: money(1000, 'USD'), quantity: 0 });
      stock[sku] = i % 7;
    }
    const source = new InMemoryInventorySource(stock, clock);
    const engine = new InventorySyncEngine({ source, channels: [{ marketplace: ebay }], context: { store, clock } });
    const first = await engine.runSync({ mode: 'full' });
    expect(first.status).toBe('completed');
    for (const [sku, quantity] of Object.entries(stock))
      expect(simulator.state.items.get(sku)?.item.availability?.shipToLocationAvailability?.quantity).toBe(quantity);
    // ⌈120 ÷ 25⌉ calls per batch of changes at most: the engine chunks to the connector's batch size.
    expect(simulator.stats().operations.bulkUpdatePriceQuantity?.calls).toBeLessThanOrEqual(Math.ceil(120 / 25));

    simulator.addOrder({ lines: [{ sku: 'SKU-006', quantity: 4, unitPrice: money(1000, 'USD') }] });
    await clock.advance(1000);
    const second = await engine.runSync({ mode: 'full' });
    expect(second.status).toBe('completed');
    const [level] = await source.getLevels(['SKU-006']);
    expect(level?.available).toBe(6 - 4);
    expect(simulator.state.items.get('SKU-006')?.item.availability?.shipToLocationAvailability?.quantity).toBe(2);
    expect(simulator.stats().throttled).toBe(0);
  });
});
