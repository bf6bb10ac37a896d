import { describe, expect, it } from 'vitest';
import { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';
import { InventorySyncEngine } from '../../src/sync/inventory/engine.js';
import type { SyncStep } from '../../src/sync/inventory/options.js';
import { skuOf, world } from './world.js';

describe('replay: every delta replayed three times applies once', () => {
  it('the in-memory source applies a delta key once', () => {
    const source = new InMemoryInventorySource({ A: 10 });
    for (let i = 0; i < 3; i++) source.applyDeltas([{ sku: 'A', delta: -3, key: 'sale-1' }]);
    expect(source.get('A')!.available).toBe(7);
    expect(source.appliedCount).toBe(1);
  });

  it('a webhook delivered three times and three runs count the sale once', async () => {
    const w = world({ skus: 5, channels: 2, stock: () => 10 });
    await w.engine().runSync();
    w.channels[0]!.placeOrder([{ sku: skuOf(2), quantity: 3 }]);
    for (let i = 0; i < 3; i++) {
      await w.engine().notify({ marketplace: 'chan-0', sku: skuOf(2), available: w.shown(0, skuOf(2)) });
      await w.engine().runSync();
    }
    expect(w.source.get(skuOf(2))!.available).toBe(7);
  });

  for (const writeMode of ['compare-and-set', 'adjust'] as const) {
    it(`a batch replayed three times after crashes (${writeMode}) applies its source deltas and channel writes once`, async () => {
      const w = world({ skus: 30, channels: 2, stock: () => 10, sim: { maxBatchSize: 10 } });
      const engine = (onStep?: (step: SyncStep) => void) =>
        new InventorySyncEngine({
          source: w.source,
          channels: w.channels.map((marketplace) => ({ marketplace, writeMode })),
          context: { store: w.store, clock: w.clock },
          ...(onStep ? { onStep } : {}),
        });
      await engine().runSync();
      for (let n = 1; n <= 30; n++) w.channels[n % 2]!.placeOrder([{ sku: skuOf(n), quantity: 1 + (n % 3) }]);
      for (let n = 1; n <= 30; n += 3) w.source.set(skuOf(n), w.source.get(skuOf(n))!.available + 4);
      const expected = new Map<string, number>();
      for (let n = 1; n <= 30; n++) expected.set(skuOf(n), 10 + (n % 3 === 1 ? 4 : 0) - (1 + (n % 3)));
      const applied = w.source.appliedCount;
      // each batch is killed three times after writing the first channel, and three times after
      // writing both but before its checkpoint; every kill replays the batch from its journal
      const kills = new Map<string, number>();
      const killer = (step: SyncStep) => {
        const at =
          step.name === 'before_write' && step.marketplace === 'chan-1'
            ? 'between'
            : step.name === 'bases_saved'
              ? 'after'
              : undefined;
        if (!at) return;
        const id = `${step.batch}:${at}`;
        const count = kills.get(id) ?? 0;
        if (count < 3) {
          kills.set(id, count + 1);
          throw new Error('crash');
        }
      };
      let done = false;
      while (!done)
        done = await engine(killer)
          .runSync({ mode: 'full' })
          .then(
            (r) => r.status === 'completed',
            () => false,
          );
      expect(kills.size).toBe(6);
      expect([...kills.values()].every((count) => count === 3)).toBe(true);
      for (const [sku, units] of expected) {
        expect(w.source.get(sku)!.available).toBe(units);
        expect(w.shown(0, sku) + w.shown(1, sku)).toBe(units);
      }
      expect(w.source.appliedCount - applied).toBe(30);
    });
  }
});
