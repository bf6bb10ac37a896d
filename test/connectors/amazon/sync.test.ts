import { describe, expect, it } from 'vitest';
import { money } from '../../../src/model/money.js';
import { InventorySyncEngine } from '../../../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../../../src/sync/inventory/memory-source.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const SKU = 'MUG-1';

describe('an inventory sync against the SP-API simulator', () => {
  it('counts every Amazon sale back into the source and never shows Amazon more than is left', async () => {
    const { amazon, simulator, store, clock } = setup(server);
    simulator.addListing({ sku: SKU, price: money(1299, 'USD'), quantity: 0 });
    const source = new InMemoryInventorySource({ [SKU]: 10 }, clock);
    const engine = new InventorySyncEngine({ source, channels: [{ marketplace: amazon }], context: { store, clock } });
    let stock = 10; // the units really left
    const sync = async (what: string) => {
      const report = await engine.runSync({ mode: 'full' });
      expect(report.status, what).toBe('completed');
      const [level] = await source.getLevels([SKU]);
      expect(level?.available, `${what}: the source counts every sale`).toBe(stock);
      expect(simulator.state.listings.get(SKU)!.quantity, `${what}: Amazon shows what is left`).toBe(stock);
    };
    const sell = async (quantity: number, afterMs: number) => {
      await clock.advance(afterMs);
      simulator.sell(SKU, quantity);
      stock -= quantity;
    };

    await sync('first sync (writes 10 to Amazon)');
    await sell(1, 100); // in the same second as the sync's write
    await sync('a sale in the second of the write');
    await sell(1, 100); // in the same second as the last sync's read
    await sync('a second sale in that second');
    await sell(2, 2_000);
    await sync('a later sale');

    // The seller restocks at the source, back to the quantity Amazon showed before: 10 again.
    await clock.advance(1_000);
    source.set(SKU, 10);
    stock = 10;
    await sync('the restock reaches Amazon');
    await sell(1, 50); // 10 → 9 again, in the second of the restock's write
    await sync('a sale after the restock, through the same numbers');
    await sell(1, 50);
    await sync('one more in that second');
    expect(stock).toBe(8);
  });
});
